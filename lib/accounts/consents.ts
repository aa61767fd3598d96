import 'server-only';
import { and, desc, eq } from 'drizzle-orm';
import { consentLedger } from '@/db/schema';
import { db, type TExecutor } from '@/lib/db/client';
import type { TShownText } from '@/lib/content/site-texts';

type TPurpose = (typeof consentLedger.$inferInsert)['purpose'];

/** Appends to the ledger; rows are never updated or deleted (a database trigger enforces it). */
export async function recordConsent(
  executor: TExecutor,
  entry: { subjectUserId: string; purpose: TPurpose; action: 'given' | 'withdrawn'; text: TShownText; ip: string | null },
) {
  await executor.insert(consentLedger).values({
    subjectUserId: entry.subjectUserId,
    purpose: entry.purpose,
    action: entry.action,
    textVersion: entry.text.version,
    textSha256: entry.text.sha256,
    ip: entry.ip,
  });
}

/** Whether the latest ledger entry for the purpose is a consent given. */
export async function isConsentInForce(subjectUserId: string, purpose: TPurpose, executor: TExecutor = db): Promise<boolean> {
  const [latest] = await executor
    .select({ action: consentLedger.action })
    .from(consentLedger)
    .where(and(eq(consentLedger.subjectUserId, subjectUserId), eq(consentLedger.purpose, purpose)))
    .orderBy(desc(consentLedger.createdAt), desc(consentLedger.id))
    .limit(1);
  return latest?.action === 'given';
}
