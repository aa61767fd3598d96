import 'server-only';
import { eq, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { invoices } from '@/db/schema';
import type { TCustomerActor } from '@/lib/auth/guards';
import { db } from '@/lib/db/client';
import { AppError, notFound } from '@/lib/errors';
import { logLine } from '@/lib/log/log-line';
import { roleHasPermission } from '@/lib/staff/permissions';
import type { TStaffActor } from '@/lib/staff/require-staff';

export type TInvoiceReader = TCustomerActor | TStaffActor;

/** An invoice id from an address: anything but a UUID is simply not found. */
export const ZInvoiceId = z.uuid();

/**
 * Which invoices and credit notes an actor may read, as the condition of the query itself: a
 * customer their own (the buyer's account, never the billing e-mail, which is only a snapshot),
 * staff with orders.manage all of them. Any other staff role is refused outright.
 */
export function invoicesVisibleTo(actor: TInvoiceReader): SQL | undefined {
  if (actor.kind === 'customer') return eq(invoices.customerUserId, actor.userId);
  if (!roleHasPermission(actor.role, 'orders.manage')) throw new AppError('FORBIDDEN', 'You do not have permission to read invoices.');
  return undefined;
}

/**
 * A customer asked for an invoice that is not theirs (or no invoice at all): the answer is a 404
 * like any unknown id, and an existing invoice of someone else is logged as an authorization
 * failure (ids only), so a probe through other people's ids shows in the log (checklist 27).
 */
export async function refuseInvoice(actor: TInvoiceReader, invoiceId: string): Promise<never> {
  const [other] = await db.select({ id: invoices.id }).from(invoices).where(eq(invoices.id, invoiceId));
  if (other) logLine('warn', 'authz', `${actor.kind} ${actor.userId} was refused invoice ${invoiceId}, which is not theirs`);
  throw notFound('invoice');
}
