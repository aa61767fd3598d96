import 'server-only';
import { and, desc, eq } from 'drizzle-orm';
import { dataExports } from '@/db/schema';
import type { TCustomerActor } from '@/lib/auth/guards';
import { db } from '@/lib/db/client';
import { getSetting } from '@/lib/settings/get-setting';
import { DATA_EXPORT_PATH } from './data-export-object';

export type TLatestDataExport =
  | { status: 'none' }
  | { status: 'pending' }
  | { status: 'failed' }
  | { status: 'ready'; href: string; bytes: number; expiresAt: Date };

/**
 * The signed-in person's latest export as My data shows it, and for how many days an export is
 * kept (privacy.exportDays). An expired one counts as none: the daily job is about to delete it.
 */
export async function getLatestDataExport(actor: TCustomerActor, now = new Date()): Promise<{ latest: TLatestDataExport; keptDays: number }> {
  const keptDays = await getSetting('privacy.exportDays');
  const [row] = await db
    .select({ id: dataExports.id, status: dataExports.status, bytes: dataExports.bytes, expiresAt: dataExports.expiresAt })
    .from(dataExports)
    // Only the copies the person asked for; one staff made for a mailed request is not shown here.
    .where(and(eq(dataExports.subjectUserId, actor.userId), eq(dataExports.requestedByUserId, actor.userId)))
    .orderBy(desc(dataExports.createdAt))
    .limit(1);
  if (!row || row.expiresAt <= now) return { latest: { status: 'none' }, keptDays };
  if (row.status !== 'ready') return { latest: { status: row.status }, keptDays };
  return { latest: { status: 'ready', href: `${DATA_EXPORT_PATH}/${row.id}`, bytes: row.bytes ?? 0, expiresAt: row.expiresAt }, keptDays };
}
