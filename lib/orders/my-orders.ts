import 'server-only';
import { and, asc, desc, eq } from 'drizzle-orm';
import { invoices, orderEvents, orderLines, orders } from '@/db/schema';
import type { TCustomerActor } from '@/lib/auth/guards';
import { db } from '@/lib/db/client';
import { logAuthorizationFailure } from '@/lib/security/log-authorization-failure';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The signed-in customer's orders, newest first: what the list in My Account shows. */
export async function listMyOrders(actor: TCustomerActor, limit = 200) {
  return db
    .select({
      id: orders.id,
      number: orders.number,
      status: orders.status,
      submittedAt: orders.submittedAt,
      currency: orders.currency,
      grossTotalMinor: orders.grossTotalMinor,
    })
    .from(orders)
    .where(eq(orders.customerUserId, actor.userId))
    .orderBy(desc(orders.submittedAt), desc(orders.number))
    .limit(limit);
}

export type TMyOrderListItem = Awaited<ReturnType<typeof listMyOrders>>[number];

/**
 * One of the signed-in customer's orders with its lines, history and invoice; null (the page
 * answers 404) for an id that is malformed, unknown or another customer's. The owner is part of
 * the query; when the order exists but belongs to someone else, the refusal is logged.
 */
export async function getMyOrder(actor: TCustomerActor, orderId: string) {
  if (!UUID.test(orderId)) return null;
  const [order] = await db
    .select()
    .from(orders)
    .where(and(eq(orders.id, orderId), eq(orders.customerUserId, actor.userId)));
  if (!order) {
    const [other] = await db.select({ id: orders.id }).from(orders).where(eq(orders.id, orderId));
    if (other) logAuthorizationFailure({ actorUserId: actor.userId, objectType: 'order', objectId: orderId });
    return null;
  }
  const [lines, events, invoiceRows] = await Promise.all([
    db.select().from(orderLines).where(eq(orderLines.orderId, order.id)).orderBy(asc(orderLines.position)),
    db
      .select({ id: orderEvents.id, status: orderEvents.status, note: orderEvents.note, occurredAt: orderEvents.occurredAt })
      .from(orderEvents)
      .where(eq(orderEvents.orderId, order.id))
      .orderBy(asc(orderEvents.id)),
    db
      .select({ id: invoices.id, number: invoices.number, kind: invoices.kind })
      .from(invoices)
      .where(eq(invoices.orderId, order.id))
      .orderBy(asc(invoices.issuedAt)),
  ]);
  return { order, lines, events, invoices: invoiceRows };
}

export type TMyOrder = NonNullable<Awaited<ReturnType<typeof getMyOrder>>>;

/** The VAT number of the customer's latest order, to prefill the next checkout (the account has no such field). */
export async function lastBillingVatNumber(actor: TCustomerActor): Promise<string | null> {
  const [latest] = await db
    .select({ vatNumber: orders.billingVatNumber })
    .from(orders)
    .where(eq(orders.customerUserId, actor.userId))
    .orderBy(desc(orders.submittedAt))
    .limit(1);
  return latest?.vatNumber ?? null;
}
