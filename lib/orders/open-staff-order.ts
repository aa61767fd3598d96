import 'server-only';
import { and, asc, eq } from 'drizzle-orm';
import { invoicePayments, invoices, orderEvents, orderLines, orders, users } from '@/db/schema';
import { db } from '@/lib/db/client';
import { notFound } from '@/lib/errors';
import type { TStaffActor } from '@/lib/staff/require-staff';
import { assertOrderDesk, parseOrderId } from './change-order-status';
import { customerTermsOf } from './customer-terms';

export type TStaffOrder = Awaited<ReturnType<typeof openStaffOrder>>;

/**
 * One order as the order desk sees it: the billing snapshot and VAT evidence, its lines, its
 * history with who acted, the invoice and credit note, the payments, and the customer's terms
 * (which decide whether it may be delivered before payment). An unknown id is NOT_FOUND.
 */
export async function openStaffOrder(actor: TStaffActor, rawOrderId: unknown) {
  assertOrderDesk(actor);
  const orderId = parseOrderId(rawOrderId);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ order: orders, customer: { id: users.id, email: users.email, fullName: users.fullName, restrictedAt: users.restrictedAt } })
      .from(orders)
      .innerJoin(users, eq(users.id, orders.customerUserId))
      .where(eq(orders.id, orderId));
    if (!row) throw notFound('order');
    const lines = await tx.select().from(orderLines).where(eq(orderLines.orderId, orderId)).orderBy(asc(orderLines.position));
    const events = await tx
      .select({ id: orderEvents.id, status: orderEvents.status, note: orderEvents.note, occurredAt: orderEvents.occurredAt, actorName: users.fullName, actorKind: users.kind })
      .from(orderEvents)
      .leftJoin(users, eq(users.id, orderEvents.actorUserId))
      .where(eq(orderEvents.orderId, orderId))
      .orderBy(asc(orderEvents.id));
    const documents = await tx
      .select({ id: invoices.id, kind: invoices.kind, number: invoices.number, issueDate: invoices.issueDate, dueDate: invoices.dueDate, grossTotalMinor: invoices.grossTotalMinor, reason: invoices.reason })
      .from(invoices)
      .where(eq(invoices.orderId, orderId))
      .orderBy(asc(invoices.issuedAt));
    const invoice = documents.find((document) => document.kind === 'invoice') ?? null;
    const creditNote = documents.find((document) => document.kind === 'credit_note') ?? null;
    const payments = invoice
      ? await tx
          .select({ id: invoicePayments.id, paidOn: invoicePayments.paidOn, amountMinor: invoicePayments.amountMinor, method: invoicePayments.method, reference: invoicePayments.reference, registeredAt: invoicePayments.registeredAt })
          .from(invoicePayments)
          .where(and(eq(invoicePayments.invoiceId, invoice.id)))
          .orderBy(asc(invoicePayments.registeredAt))
      : [];
    const paidMinor = payments.reduce((sum, payment) => sum + payment.amountMinor, 0);
    const terms = await customerTermsOf(actor, row.order.customerUserId, tx);
    return { ...row, lines, events, invoice, creditNote, payments, paidMinor, outstandingMinor: invoice && !creditNote ? Math.max(invoice.grossTotalMinor - paidMinor, 0) : 0, terms };
  });
}
