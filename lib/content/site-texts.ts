import 'server-only';
import type { TExecutor } from '@/lib/db/client';
import { getSetting } from '@/lib/settings/get-setting';
import { sha256Hex } from '@/lib/auth/secret-tokens';

/** A text exactly as shown, with the hash that the consent ledger records and a short version label. */
export type TShownText = { text: string; sha256: string; version: string };

export const shownText = (text: string): TShownText => {
  const sha256 = sha256Hex(text);
  return { text, sha256, version: sha256.slice(0, 12) };
};

/** The texts of the registration page, with the consent age filled in. */
export async function registrationTexts(executor?: TExecutor) {
  const [consentAge, whatWeStore, privacyPolicy, ageConfirmation, parentalConsent, marketingOptIn] = await Promise.all([
    getSetting('accounts.consentAge', executor),
    getSetting('texts.whatWeStore', executor),
    getSetting('texts.privacyPolicy', executor),
    getSetting('texts.ageConfirmation', executor),
    getSetting('texts.parentalConsent', executor),
    getSetting('texts.marketingOptIn', executor),
  ]);
  const withAge = (text: string) => text.replaceAll('{age}', String(consentAge));
  return {
    consentAge,
    whatWeStore: shownText(whatWeStore),
    privacyNotice: shownText(privacyPolicy),
    ageConfirmation: shownText(withAge(ageConfirmation)),
    parentalConsent: shownText(withAge(parentalConsent)),
    marketingOptIn: shownText(marketingOptIn),
  };
}

export type TRegistrationTexts = Awaited<ReturnType<typeof registrationTexts>>;
