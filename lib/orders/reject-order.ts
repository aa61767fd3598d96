import 'server-only';
import { z } from 'zod';
import { db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { queueMail } from '@/lib/mail/send-mail';
import type { TStaffActor } from '@/lib/staff/require-staff';
import { assertOrderDesk, auditOrderChange, invoiceOfOrder, moveOrder, orderRecipient, ordersUrl, parseOrderId, ZReason } from './change-order-status';

export const ZRejectOrderForm = z.object({ rejectionReason: ZReason });

/**
 * Rejects an order that awaits approval, with a reason that is kept on the order and mailed to the
 * customer. Only an order not yet invoiced can be rejected; an invoiced one (placed without
 * approval) is cancelled instead, so its invoice gets a credit note.
 */
export async function rejectOrder(actor: TStaffActor, rawOrderId: unknown, form: unknown): Promise<void> {
  assertOrderDesk(actor);
  const orderId = parseOrderId(rawOrderId);
  const { rejectionReason: reason } = ZRejectOrderForm.parse(form);
  await db.transaction(async (tx) => {
    const order = await moveOrder(tx, actor, orderId, 'reject', { note: reason, set: { rejectionReason: reason } });
    const invoice = await invoiceOfOrder(tx, orderId);
    if (invoice) throw new AppError('CONFLICT', `This order is invoiced already (${invoice.number}): cancel it instead, which issues a credit note.`);
    await auditOrderChange(tx, actor, order, 'order.rejected', ['status', 'rejectionReason']);
    const recipient = await orderRecipient(tx, order.customerUserId);
    await queueMail(tx, {
      template: 'order-rejected',
      to: recipient.to,
      subjectUserId: order.customerUserId,
      data: { name: recipient.name, orderNumber: order.number, ordersUrl: ordersUrl(), reason },
    });
  });
}
