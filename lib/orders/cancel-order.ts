import 'server-only';
import { z } from 'zod';
import { db } from '@/lib/db/client';
import { formatMoney } from '@/lib/format/money';
import { refreshInvoicePdfs } from '@/lib/invoices/invoice-pdfs';
import { issueCreditNote } from '@/lib/invoices/issue-credit-note';
import { queueMail } from '@/lib/mail/send-mail';
import type { TStaffActor } from '@/lib/staff/require-staff';
import { assertOrderDesk, auditOrderChange, invoiceOfOrder, moveOrder, orderRecipient, ordersUrl, paidMinorOf, parseOrderId, ZReason } from './change-order-status';

export const ZCancelOrderForm = z.object({ cancellationReason: ZReason });

/**
 * Cancels an order, with a reason mailed to the customer. An invoiced order's invoice is cancelled
 * by a credit note in the same transaction (the invoice itself is never changed). Payments already
 * received stay registered: a refund is arranged outside the shop, and the mail says so.
 */
export async function cancelOrder(actor: TStaffActor, rawOrderId: unknown, form: unknown): Promise<{ creditNoteId: string | null; creditNoteNumber: string | null }> {
  assertOrderDesk(actor);
  const orderId = parseOrderId(rawOrderId);
  const { cancellationReason: reason } = ZCancelOrderForm.parse(form);
  let changedInvoiceIds: string[] = [];
  const cancelled = await db.transaction(async (tx) => {
    const order = await moveOrder(tx, actor, orderId, 'cancel', { note: reason });
    const invoice = await invoiceOfOrder(tx, orderId);
    const creditNote = invoice ? (invoice.creditNote ?? (await issueCreditNote(tx, invoice.id, reason))) : null;
    const paidMinor = invoice ? await paidMinorOf(tx, invoice.id) : 0;
    await auditOrderChange(tx, actor, order, 'order.cancelled', creditNote ? ['status', 'creditNote'] : ['status']);
    const recipient = await orderRecipient(tx, order.customerUserId);
    await queueMail(tx, {
      template: 'order-cancelled',
      to: recipient.to,
      subjectUserId: order.customerUserId,
      data: {
        name: recipient.name,
        orderNumber: order.number,
        ordersUrl: ordersUrl(),
        reason,
        invoiceNumber: invoice?.number ?? null,
        creditNoteNumber: creditNote?.number ?? null,
        paymentsReceived: paidMinor > 0 ? formatMoney(paidMinor, order.currency) : null,
      },
    });
    changedInvoiceIds = invoice && creditNote ? [invoice.id, creditNote.id] : [];
    return { creditNoteId: creditNote?.id ?? null, creditNoteNumber: creditNote?.number ?? null };
  });
  // The invoice's PDF now says it is cancelled, and the credit note has one of its own.
  await refreshInvoicePdfs(changedInvoiceIds);
  return cancelled;
}
