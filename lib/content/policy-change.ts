import 'server-only';
import { and, asc, eq, gt, lte, sql } from 'drizzle-orm';
import { textVersions, users } from '@/db/schema';
import { recordConsent } from '@/lib/accounts/consents';
import type { TCustomerActor } from '@/lib/auth/guards';
import { db, type TExecutor } from '@/lib/db/client';
import type { TClientInfo } from '@/lib/http/client-info';
import { textVersionInForce } from '@/lib/settings/text-versions';
import { siteText } from './site-texts';

export type TPolicyChange = { version: number; effectiveAt: Date; notes: Array<{ version: number; effectiveAt: Date; changeNote: string }> };

/**
 * What a customer must be told: the material changes of the privacy policy in force now that came
 * after the newest version they were shown (users.privacy_notice_seen). Null when there are none.
 */
export async function policyChangeFor(userId: string, executor: TExecutor = db, now = new Date()): Promise<TPolicyChange | null> {
  const inForce = await textVersionInForce('texts.privacyPolicy', executor, now);
  if (!inForce) return null;
  const [user] = await executor.select({ seen: users.privacyNoticeSeen }).from(users).where(eq(users.id, userId));
  if (!user || user.seen >= inForce.version) return null;
  const notes = await executor
    .select({ version: textVersions.version, effectiveAt: textVersions.effectiveAt, changeNote: textVersions.changeNote })
    .from(textVersions)
    .where(and(eq(textVersions.key, 'texts.privacyPolicy'), eq(textVersions.material, true), gt(textVersions.version, user.seen), lte(textVersions.version, inForce.version), lte(textVersions.effectiveAt, now)))
    .orderBy(asc(textVersions.version));
  return notes.length === 0 ? null : { version: inForce.version, effectiveAt: inForce.effectiveAt, notes };
}

/**
 * The customer read the notice: the version in force is now the one they were shown, recorded on
 * the account and, with the exact text's hash, in the consent ledger. Only their own account.
 */
export async function acknowledgePolicyChange(actor: TCustomerActor, client: TClientInfo): Promise<void> {
  await db.transaction(async (tx) => {
    const shown = await siteText('texts.privacyPolicy', tx);
    // greatest(): a slower, older acknowledgement never moves the mark back.
    const updated = await tx
      .update(users)
      .set({ privacyNoticeSeen: sql`greatest(${users.privacyNoticeSeen}, ${shown.number})` })
      .where(and(eq(users.id, actor.userId), eq(users.kind, 'customer')))
      .returning({ id: users.id });
    if (updated.length === 0) return;
    await recordConsent(tx, { subjectUserId: actor.userId, purpose: 'privacy_notice', action: 'given', text: shown, ip: client.ip });
  });
}
