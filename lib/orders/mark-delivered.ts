import 'server-only';
import { eq } from 'drizzle-orm';
import { customerTerms } from '@/db/schema';
import { db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { queueMail } from '@/lib/mail/send-mail';
import type { TStaffActor } from '@/lib/staff/require-staff';
import { assertOrderDesk, auditOrderChange, invoiceOfOrder, moveOrder, orderRecipient, ordersUrl, paidMinorOf, parseOrderId } from './change-order-status';

/**
 * Marks an order delivered. Before payment only for a customer who may pay later (customer terms);
 * otherwise the invoice must be paid in full. Checked after the guarded update, while the order's
 * row is locked, so a payment or a terms change cannot slip in between.
 */
export async function markOrderDelivered(actor: TStaffActor, rawOrderId: unknown): Promise<void> {
  assertOrderDesk(actor);
  const orderId = parseOrderId(rawOrderId);
  await db.transaction(async (tx) => {
    const order = await moveOrder(tx, actor, orderId, 'deliver');
    const invoice = await invoiceOfOrder(tx, orderId);
    if (!invoice || invoice.creditNote) throw new AppError('CONFLICT', 'This order has no open invoice: approve it before delivering.');
    const [terms] = await tx.select({ mayPayLater: customerTerms.mayPayLater }).from(customerTerms).where(eq(customerTerms.userId, order.customerUserId));
    if (!terms?.mayPayLater && (await paidMinorOf(tx, invoice.id)) < invoice.grossTotalMinor) {
      throw new AppError('CONFLICT', 'This customer pays before delivery, and the invoice is not paid in full yet.');
    }
    await auditOrderChange(tx, actor, order, 'order.delivered', ['status']);
    const recipient = await orderRecipient(tx, order.customerUserId);
    await queueMail(tx, {
      template: 'order-delivered',
      to: recipient.to,
      subjectUserId: order.customerUserId,
      data: { name: recipient.name, orderNumber: order.number, ordersUrl: ordersUrl() },
    });
  });
}
