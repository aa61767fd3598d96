import 'server-only';
import { sql } from 'drizzle-orm';
import type { TCustomerActor } from '@/lib/auth/guards';
import { registrationTexts } from '@/lib/content/site-texts';
import { db, type TTransaction } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import type { TClientInfo } from '@/lib/http/client-info';
import { isConsentInForce, recordConsent } from './consents';

export const STALE_MARKETING_TEXT =
  'The wording of the marketing consent changed while this page was open. Please read it again below and confirm once more.';

/** Serialises consent changes of one person, so two clicks cannot both append the same entry. */
const lockConsentsOf = (tx: TTransaction, userId: string) => tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`consent:${userId}`}))`);

/** One click: records the withdrawal in the ledger (if the consent was in force; otherwise nothing changes). */
export async function withdrawMarketingConsent(actor: TCustomerActor, client: TClientInfo): Promise<void> {
  await withdrawMarketingConsentOf(actor.userId, client.ip);
}

/**
 * The withdrawal itself, for a caller that has already established whose consent it is (a signed-in
 * customer, or a signed unsubscribe link). Returns whether a row was appended.
 */
export async function withdrawMarketingConsentOf(userId: string, ip: string | null): Promise<boolean> {
  const texts = await registrationTexts();
  return db.transaction(async (tx) => {
    await lockConsentsOf(tx, userId);
    if (!(await isConsentInForce(userId, 'marketing_email', tx))) return false;
    await recordConsent(tx, { subjectUserId: userId, purpose: 'marketing_email', action: 'withdrawn', text: texts.marketingOptIn, ip });
    return true;
  });
}

/**
 * Opting in again from My Account, recorded against the text shown there: the form sends the
 * SHA-256 of the text it displayed, and a text changed since then is refused (AppError CONFLICT),
 * so the ledger never claims agreement to words the person did not see.
 */
export async function giveMarketingConsent(actor: TCustomerActor, client: TClientInfo, shownTextSha256: string): Promise<void> {
  const texts = await registrationTexts();
  if (shownTextSha256 !== texts.marketingOptIn.sha256) throw new AppError('CONFLICT', STALE_MARKETING_TEXT);
  await db.transaction(async (tx) => {
    await lockConsentsOf(tx, actor.userId);
    if (await isConsentInForce(actor.userId, 'marketing_email', tx)) return;
    await recordConsent(tx, { subjectUserId: actor.userId, purpose: 'marketing_email', action: 'given', text: texts.marketingOptIn, ip: client.ip });
  });
}
