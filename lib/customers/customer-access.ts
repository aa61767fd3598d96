import 'server-only';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { users } from '@/db/schema';
import type { TExecutor } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { roleHasPermission, type TPermission } from '@/lib/staff/permissions';
import type { TStaffActor } from '@/lib/staff/require-staff';

/** Authorization inside the lib too: a caller that skipped the page or action guard is still refused. */
export function assertStaffMay(actor: TStaffActor, permission: TPermission): void {
  if (!roleHasPermission(actor.role, permission)) throw new AppError('FORBIDDEN', 'You do not have permission to do this.');
}

export const ZCustomerId = z.uuid('We could not find that customer.');

export const CUSTOMER_NOT_FOUND = 'We could not find that customer.';

/**
 * The customer's account row, locked FOR UPDATE when changing it. An unknown id and a staff
 * account's id answer the same NOT_FOUND: the customers section never reveals staff accounts.
 */
export async function customerRowOrNotFound(executor: TExecutor, rawId: unknown, options: { forUpdate?: boolean } = {}) {
  const parsed = ZCustomerId.safeParse(rawId);
  if (!parsed.success) throw new AppError('NOT_FOUND', CUSTOMER_NOT_FOUND);
  const query = executor.select().from(users).where(eq(users.id, parsed.data));
  const [row] = options.forUpdate ? await query.for('update') : await query;
  if (!row || row.kind !== 'customer') throw new AppError('NOT_FOUND', CUSTOMER_NOT_FOUND);
  return row;
}
