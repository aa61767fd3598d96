import 'server-only';
import { and, desc, lt } from 'drizzle-orm';
import { z } from 'zod';
import { auditTrail } from '@/db/schema';
import { db } from '@/lib/db/client';
import type { TStaffActor } from '@/lib/staff/require-staff';
import { assertCanReadAudit, selectAuditRows, toAuditListRow, type TAuditListRow } from './audit-entry-rows';
import { auditFilterCondition, ZAuditFilters, type TAuditFiltersInput } from './audit-filters';

const ZPage = z.strictObject({
  limit: z.number().int().min(1).max(200),
  /** An entry id: only entries older than it (the "Older entries" link). Ids only grow, so this pages stably while entries are added. */
  before: z.number().int().positive().optional(),
});

export type TAuditPage = { rows: TAuditListRow[]; nextBefore: number | null };

/** One page of the audit trail, newest first; nextBefore is the cursor of the next (older) page, or null at the end. */
export async function listAuditEntries(actor: TStaffActor, filters: TAuditFiltersInput, page: { limit: number; before?: number }): Promise<TAuditPage> {
  assertCanReadAudit(actor);
  const parsedFilters = ZAuditFilters.parse(filters);
  const { limit, before } = ZPage.parse(page);
  const rows = await selectAuditRows(db)
    .where(and(auditFilterCondition(parsedFilters), before === undefined ? undefined : lt(auditTrail.id, before)))
    .orderBy(desc(auditTrail.id))
    // One more than asked: whether an older page exists, without counting.
    .limit(limit + 1);
  const shown = rows.slice(0, limit).map(toAuditListRow);
  return { rows: shown, nextBefore: rows.length > limit ? shown[shown.length - 1]!.id : null };
}
