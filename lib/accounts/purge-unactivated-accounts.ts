import 'server-only';
import { and, eq, inArray, lt, sql } from 'drizzle-orm';
import { consentLedger, users } from '@/db/schema';
import { db } from '@/lib/db/client';
import { retentionDays } from '@/lib/privacy/retention-periods';

/**
 * Deletes accounts never activated within their period (privacy.retentionDays, 7 days by default), with their consent records (the one deletion
 * the ledger's trigger allows, and only for pending accounts), tokens and sessions (cascade).
 */
export async function purgeUnactivatedAccounts(now = new Date()): Promise<{ deleted: number }> {
  const cutoff = new Date(now.getTime() - (await retentionDays('unactivated-accounts')) * 86_400_000);
  return db.transaction(async (tx) => {
    const stale = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.status, 'pending'), lt(users.createdAt, cutoff)))
      .for('update', { skipLocked: true });
    if (stale.length === 0) return { deleted: 0 };
    const ids = stale.map((row) => row.id);
    await tx.execute(sql`set local stockroom.consent_ledger_purge = 'on'`);
    await tx.delete(consentLedger).where(inArray(consentLedger.subjectUserId, ids));
    await tx.delete(users).where(and(inArray(users.id, ids), eq(users.status, 'pending')));
    return { deleted: ids.length };
  });
}
