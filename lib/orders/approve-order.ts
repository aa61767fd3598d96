import 'server-only';
import { eq } from 'drizzle-orm';
import { customerTerms } from '@/db/schema';
import { db } from '@/lib/db/client';
import { formatMoney } from '@/lib/format/money';
import { refreshInvoicePdfs } from '@/lib/invoices/invoice-pdfs';
import { issueInvoice } from '@/lib/invoices/issue-invoice';
import { queueMail } from '@/lib/mail/send-mail';
import type { TStaffActor } from '@/lib/staff/require-staff';
import { assertOrderDesk, auditOrderChange, invoiceOfOrder, moveOrder, orderRecipient, ordersUrl, parseOrderId } from './change-order-status';

/**
 * Approves an order and issues its invoice, in one transaction: the guarded status change first
 * (of two approvals at once exactly one passes), the invoice as late as possible (its number
 * comes from a counter row locked until commit, so the lock is held briefly), then the audit entry
 * and the mail through the outbox, delivered after the commit; the invoice's PDF is stored after it. An order placed without approval
 * (submitted) was invoiced at checkout: approving it keeps that invoice.
 */
export async function approveOrder(actor: TStaffActor, rawOrderId: unknown): Promise<{ invoiceId: string; invoiceNumber: string }> {
  assertOrderDesk(actor);
  const orderId = parseOrderId(rawOrderId);
  const approved = await db.transaction(async (tx) => {
    const order = await moveOrder(tx, actor, orderId, 'approve');
    const [terms] = await tx.select({ mayPayLater: customerTerms.mayPayLater }).from(customerTerms).where(eq(customerTerms.userId, order.customerUserId));
    const issued = await issueInvoice(tx, orderId);
    const invoice = (await invoiceOfOrder(tx, orderId))!;
    await auditOrderChange(tx, actor, order, 'order.approved', ['status']);
    const recipient = await orderRecipient(tx, order.customerUserId);
    await queueMail(tx, {
      template: 'order-approved',
      to: recipient.to,
      subjectUserId: order.customerUserId,
      data: {
        name: recipient.name,
        orderNumber: order.number,
        ordersUrl: ordersUrl(),
        invoiceNumber: issued.number,
        total: formatMoney(invoice.grossTotalMinor, invoice.currency),
        dueDate: invoice.dueDate!,
        mayPayLater: terms?.mayPayLater ?? false,
      },
    });
    return { invoiceId: issued.id, invoiceNumber: issued.number };
  });
  await refreshInvoicePdfs([approved.invoiceId]);
  return approved;
}
