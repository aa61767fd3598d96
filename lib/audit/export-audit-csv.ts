import 'server-only';
import { desc } from 'drizzle-orm';
import { auditTrail } from '@/db/schema';
import { db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { buildCsv } from '@/lib/export/build-csv';
import type { TStaffActor } from '@/lib/staff/require-staff';
import { assertCanReadAudit, selectAuditRows, toAuditListRow } from './audit-entry-rows';
import { auditFilterCondition, ZAuditFilters, type TAuditFiltersInput } from './audit-filters';
import { recordAuditEntry } from './record-audit-entry';

/**
 * The most entries one file holds. Built in memory (about 30 MB at the cap): streaming would keep
 * the transaction, and with it the audit entry of the export, open for as long as the download.
 */
export const AUDIT_EXPORT_MAX_ROWS = 100_000;

const HEADER = [
  'Entry id',
  'Time (UTC)',
  'Actor kind',
  'Actor user id',
  'Actor name (staff)',
  'Actor e-mail (staff)',
  'Action',
  'Subject user id',
  'Object type',
  'Object id',
  'Client address',
  'Purpose',
  'Changed fields',
  'Attempted (refused)',
] as const;

/**
 * Every entry the filters select, newest first, as CSV (formula cells escaped). Reading the trail
 * out is itself recorded ('audit.exported') in the same transaction as the read. More entries than
 * the cap is refused rather than cut short: an audit export that silently misses entries misleads.
 */
export async function exportAuditCsv(actor: TStaffActor, filters: TAuditFiltersInput, options: { maxRows?: number } = {}): Promise<{ csv: string; rows: number }> {
  assertCanReadAudit(actor);
  const parsedFilters = ZAuditFilters.parse(filters);
  const maxRows = options.maxRows ?? AUDIT_EXPORT_MAX_ROWS;
  return db.transaction(async (tx) => {
    const selected = await selectAuditRows(tx)
      .where(auditFilterCondition(parsedFilters))
      .orderBy(desc(auditTrail.id))
      .limit(maxRows + 1);
    if (selected.length > maxRows) {
      throw new AppError('INVALID_INPUT', `More than ${maxRows.toLocaleString('en-IE')} entries match. Narrow the filters (for example the dates) and export again.`);
    }
    // After the read, so the file does not list its own export.
    await recordAuditEntry(tx, { actorKind: 'staff', actorUserId: actor.userId, action: 'audit.exported', clientIp: actor.client.ip });
    const rows = selected.map(toAuditListRow);
    const csv = buildCsv(
      HEADER,
      rows.map((row) => [
        row.id,
        row.occurredAt,
        row.actorKind,
        row.actorUserId,
        row.actorName,
        row.actorEmail,
        row.action,
        row.subjectUserId,
        row.objectType,
        row.objectId,
        row.clientIp,
        row.purpose,
        row.changedFields.join(' '),
        row.attempted,
      ]),
    );
    return { csv, rows: rows.length };
  });
}
