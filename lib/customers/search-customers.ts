import 'server-only';
import { and, asc, eq, ilike, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import { users } from '@/db/schema';
import { recordAuditEntry } from '@/lib/audit/record-audit-entry';
import { db } from '@/lib/db/client';
import type { TStaffActor } from '@/lib/staff/require-staff';
import { assertStaffMay } from './customer-access';

export const CUSTOMER_SEARCH_PAGE_SIZE = 25;

export const ZCustomerSearch = z.object({
  q: z.string().trim().min(2, 'Enter at least 2 characters of a name, e-mail address or company.').max(100, 'Keep the search under 100 characters.'),
  page: z.coerce.number({ error: 'Not a page number.' }).int('Not a page number.').min(1, 'Not a page number.').max(1000, 'Not a page number.').default(1),
});

export type TCustomerSearchInput = z.input<typeof ZCustomerSearch>;

export type TCustomerSearchRow = {
  id: string;
  fullName: string;
  email: string;
  company: string | null;
  status: 'pending' | 'active' | 'disabled';
  createdAt: Date;
};

/** `%` and `_` are what they look like: a search for "100%" finds "100%", not everything. */
export const escapeLikePattern = (text: string) => text.replace(/[\\%_]/g, (character) => `\\${character}`);

/**
 * Customers whose name, e-mail or company contains the text (case-insensitive), by name. Paged
 * by offset (a list people read, not a log that grows while they page). A search shows personal
 * data, so each one is audited ('customers.searched': actor and client address, never the text
 * searched for, which may be a name or an address).
 */
export async function searchCustomers(actor: TStaffActor, input: unknown): Promise<{ rows: TCustomerSearchRow[]; page: number; hasMore: boolean }> {
  assertStaffMay(actor, 'customers.read');
  const { q, page } = ZCustomerSearch.parse(input);
  const pattern = `%${escapeLikePattern(q)}%`;
  return db.transaction(async (tx) => {
    const rows = await tx
      .select({ id: users.id, fullName: users.fullName, email: users.email, company: users.company, status: users.status, createdAt: users.createdAt })
      .from(users)
      .where(and(eq(users.kind, 'customer'), or(ilike(users.fullName, pattern), ilike(users.email, pattern), ilike(sql`coalesce(${users.company}, '')`, pattern))))
      .orderBy(asc(users.fullName), asc(users.id))
      .limit(CUSTOMER_SEARCH_PAGE_SIZE + 1)
      .offset((page - 1) * CUSTOMER_SEARCH_PAGE_SIZE);
    await recordAuditEntry(tx, { actorKind: 'staff', actorUserId: actor.userId, action: 'customers.searched', clientIp: actor.client.ip });
    return { rows: rows.slice(0, CUSTOMER_SEARCH_PAGE_SIZE), page, hasMore: rows.length > CUSTOMER_SEARCH_PAGE_SIZE };
  });
}
