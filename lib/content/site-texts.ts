import 'server-only';
import type { TExecutor } from '@/lib/db/client';
import { sha256Hex } from '@/lib/auth/secret-tokens';
import { getSetting } from '@/lib/settings/get-setting';
import { textVersionInForce, type TTextKey } from '@/lib/settings/text-versions';
import { fillPlaceholders, type TPlaceholderValues } from './fill-placeholders';

/**
 * A text exactly as shown, with the hash that the consent ledger records and a version label a
 * person can read: "v3 (2026-12-02) #1a2b3c4d" (number, effective date, start of the hash; the
 * hash part changes when a filled-in period does). Without a version (the default text, or the
 * licence terms, whose label orders and invoices print as 12 hex digits): the first 12 of the hash.
 */
export type TShownText = { text: string; sha256: string; version: string; number: number };

export const shownText = (text: string, version?: { version: number; effectiveAt: Date } | null): TShownText => {
  const sha256 = sha256Hex(text);
  const label = version ? `v${version.version} (${version.effectiveAt.toISOString().slice(0, 10)}) #${sha256.slice(0, 8)}` : sha256.slice(0, 12);
  return { text, sha256, version: label, number: version?.version ?? 0 };
};

/** The settings the placeholders name, as in force now. One query at a time: a transaction's connection cannot run two at once. */
export async function placeholderValues(executor?: TExecutor): Promise<TPlaceholderValues> {
  return {
    consentAge: await getSetting('accounts.consentAge', executor),
    retention: await getSetting('privacy.retentionDays', executor),
    inactiveAccounts: await getSetting('privacy.inactiveAccounts', executor),
    days: { 'downloads.bundleDays': await getSetting('downloads.bundleDays', executor), 'privacy.exportDays': await getSetting('privacy.exportDays', executor) },
    erasureCoolingOffDays: await getSetting('privacy.erasureCoolingOffDays', executor),
  };
}

/** A site text in force now, placeholders filled, as shown to a visitor. */
export async function siteText(key: TTextKey, executor?: TExecutor, values?: TPlaceholderValues): Promise<TShownText> {
  const version = await textVersionInForce(key, executor);
  const filled = values ?? (await placeholderValues(executor));
  // Label and text from the same row: a version coming into force meanwhile cannot mix them.
  const text = version ? version.body : await getSetting(key, executor);
  return shownText(fillPlaceholders(text, filled), version);
}

/** The texts of the registration page, with the consent age and retention periods filled in. */
export async function registrationTexts(executor?: TExecutor) {
  const values = await placeholderValues(executor);
  const keys = ['texts.whatWeStore', 'texts.privacyPolicy', 'texts.ageConfirmation', 'texts.parentalConsent', 'texts.marketingOptIn'] as const;
  const shown: TShownText[] = [];
  // In a transaction one at a time (one connection); otherwise side by side from the pool.
  if (executor) for (const key of keys) shown.push(await siteText(key, executor, values));
  else shown.push(...(await Promise.all(keys.map((key) => siteText(key, undefined, values)))));
  const [whatWeStore, privacyNotice, ageConfirmation, parentalConsent, marketingOptIn] = shown as [TShownText, TShownText, TShownText, TShownText, TShownText];
  return { consentAge: values.consentAge, whatWeStore, privacyNotice, ageConfirmation, parentalConsent, marketingOptIn };
}

export type TRegistrationTexts = Awaited<ReturnType<typeof registrationTexts>>;
