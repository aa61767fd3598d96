import 'server-only';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { invoicePayments, invoices, orderEvents, orders, users } from '@/db/schema';
import { recordAuditEntry } from '@/lib/audit/record-audit-entry';
import type { TTransaction } from '@/lib/db/client';
import { serverEnv } from '@/lib/env';
import { AppError, notFound } from '@/lib/errors';
import { roleHasPermission } from '@/lib/staff/permissions';
import type { TStaffActor } from '@/lib/staff/require-staff';
import { orderStatusLabels, orderTransitions, type TOrderStatus, type TOrderTransition } from './order-transitions';

export type TOrderRow = typeof orders.$inferSelect;

/** Authorization inside the lib too: a caller that skipped the action's guard is still refused. */
export function assertOrderDesk(actor: TStaffActor): void {
  if (!roleHasPermission(actor.role, 'orders.manage')) throw new AppError('FORBIDDEN', 'You do not have permission to do this.');
}

export const ZOrderId = z.uuid('We could not find that order.');

export function parseOrderId(rawId: unknown): string {
  const parsed = ZOrderId.safeParse(rawId);
  if (!parsed.success) throw notFound('order');
  return parsed.data;
}

/** A reason staff give for rejecting or cancelling; it is mailed to the customer as written. */
export const ZReason = z
  .string({ error: 'Give the reason; it is sent to the customer.' })
  .trim()
  .min(3, 'Give the reason; it is sent to the customer.')
  .max(2000, 'Keep the reason under 2,000 characters.');

const VERBS: Record<TOrderTransition, string> = {
  approve: 'approved',
  reject: 'rejected',
  pay: 'marked paid',
  deliver: 'marked delivered',
  cancel: 'cancelled',
};

/** The refusal for an order that is not (or no longer) in a state the change applies to. */
export const refusedTransition = (status: TOrderStatus, transition: TOrderTransition) =>
  new AppError('CONFLICT', `This order is ${orderStatusLabels[status].toLowerCase()}: it cannot be ${VERBS[transition]}.`);

/**
 * The one guarded UPDATE every status change goes through: it moves the order only if its status
 * is still one the transition allows, in the caller's transaction. Of two staff members acting at
 * once, the second waits on the row lock, then finds the status changed and is refused. The row
 * stays locked until the caller commits, so the checks the caller makes next cannot race either.
 * Records the order event; the caller adds the audit entry (with its own action name) and the mail.
 */
export async function moveOrder(
  tx: TTransaction,
  actor: TStaffActor,
  orderId: string,
  transition: TOrderTransition,
  options: { note?: string | null; set?: Partial<Pick<TOrderRow, 'rejectionReason'>> } = {},
): Promise<TOrderRow> {
  const { from, to } = orderTransitions[transition];
  const [moved] = await tx
    .update(orders)
    .set({ status: to, updatedAt: new Date(), ...options.set })
    .where(and(eq(orders.id, orderId), inArray(orders.status, [...from])))
    .returning();
  if (!moved) {
    const [current] = await tx.select({ status: orders.status }).from(orders).where(eq(orders.id, orderId));
    if (!current) throw notFound('order');
    throw refusedTransition(current.status, transition);
  }
  await assertCustomerNotRestricted(tx, moved.customerUserId);
  await tx.insert(orderEvents).values({ orderId, status: to, note: options.note ?? null, actorUserId: actor.userId });
  return moved;
}

export const ORDER_OF_RESTRICTED_ACCOUNT =
  "The customer's account is restricted (GDPR art. 18): its orders cannot be processed until a privacy officer lifts the restriction.";

/**
 * A restricted account's orders are kept but not processed (art. 18): every staff change of an
 * order refuses. Read FOR SHARE, so a restriction being set at this moment waits for this change,
 * or this change sees it.
 */
export async function assertCustomerNotRestricted(tx: TTransaction, customerUserId: string): Promise<void> {
  const [customer] = await tx.select({ restrictedAt: users.restrictedAt }).from(users).where(eq(users.id, customerUserId)).for('share');
  if (customer?.restrictedAt) throw new AppError('CONFLICT', ORDER_OF_RESTRICTED_ACCOUNT);
}

/** The audit entry of an order change: ids and field names only (the reason text stays with the order). */
export function auditOrderChange(tx: TTransaction, actor: TStaffActor, order: Pick<TOrderRow, 'id' | 'customerUserId'>, action: string, changedFields: string[]) {
  return recordAuditEntry(tx, {
    actorKind: 'staff',
    actorUserId: actor.userId,
    action,
    subjectUserId: order.customerUserId,
    objectType: 'order',
    objectId: order.id,
    changedFields,
    clientIp: actor.client.ip,
  });
}

/** Who is told: the customer's account (its current sign-in address), not the billing snapshot. */
export async function orderRecipient(tx: TTransaction, customerUserId: string) {
  const [customer] = await tx.select({ email: users.email, fullName: users.fullName }).from(users).where(eq(users.id, customerUserId));
  if (!customer) throw notFound('customer');
  return { to: { address: customer.email, name: customer.fullName }, name: customer.fullName };
}

export const ordersUrl = () => `${serverEnv().APP_URL}/account/orders`;

/** The order's invoice (not a credit note), if one was issued, with the credit note that cancels it. */
export async function invoiceOfOrder(tx: TTransaction, orderId: string) {
  const [invoice] = await tx
    .select({ id: invoices.id, number: invoices.number, grossTotalMinor: invoices.grossTotalMinor, currency: invoices.currency, dueDate: invoices.dueDate })
    .from(invoices)
    .where(and(eq(invoices.orderId, orderId), eq(invoices.kind, 'invoice')));
  if (!invoice) return null;
  const [creditNote] = await tx.select({ id: invoices.id, number: invoices.number }).from(invoices).where(eq(invoices.creditedInvoiceId, invoice.id));
  return { ...invoice, creditNote: creditNote ?? null };
}

/** The sum of the payments registered against an invoice, in minor units. */
export async function paidMinorOf(tx: TTransaction, invoiceId: string): Promise<number> {
  const [row] = await tx
    .select({ paid: sql<string>`coalesce(sum(${invoicePayments.amountMinor}), 0)` })
    .from(invoicePayments)
    .where(eq(invoicePayments.invoiceId, invoiceId));
  return Number(row?.paid ?? 0);
}
