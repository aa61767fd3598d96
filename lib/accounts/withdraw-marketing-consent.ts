import 'server-only';
import { sql } from 'drizzle-orm';
import type { TCustomerActor } from '@/lib/auth/guards';
import { registrationTexts } from '@/lib/content/site-texts';
import { db } from '@/lib/db/client';
import type { TClientInfo } from '@/lib/http/client-info';
import { isConsentInForce, recordConsent } from './consents';

/** One click: records the withdrawal in the ledger (if the consent was in force). */
export async function withdrawMarketingConsent(actor: TCustomerActor, client: TClientInfo): Promise<void> {
  const texts = await registrationTexts();
  await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`consent:${actor.userId}`}))`);
    if (!(await isConsentInForce(actor.userId, 'marketing_email', tx))) return;
    await recordConsent(tx, { subjectUserId: actor.userId, purpose: 'marketing_email', action: 'withdrawn', text: texts.marketingOptIn, ip: client.ip });
  });
}

/** Opting in again from My Account, recorded against the text shown there. */
export async function giveMarketingConsent(actor: TCustomerActor, client: TClientInfo, shownTextSha256: string): Promise<boolean> {
  const texts = await registrationTexts();
  if (shownTextSha256 !== texts.marketingOptIn.sha256) return false;
  await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`consent:${actor.userId}`}))`);
    if (await isConsentInForce(actor.userId, 'marketing_email', tx)) return;
    await recordConsent(tx, { subjectUserId: actor.userId, purpose: 'marketing_email', action: 'given', text: texts.marketingOptIn, ip: client.ip });
  });
  return true;
}
