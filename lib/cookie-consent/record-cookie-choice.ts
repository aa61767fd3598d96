import 'server-only';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { consentLedger } from '@/db/schema';
import { db, type TExecutor } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { categoryLedgerPurpose, optionalCookieCategories, type TCookieChoice } from './categories';
import { encodeStoredChoice } from './cookie-choice';
import { cookieTexts } from './cookie-consent-config';

export const ZCookieChoiceInput = z.strictObject({
  choice: z.strictObject({ preferences: z.boolean(), statistics: z.boolean(), marketing: z.boolean() }),
  /** The revision of the texts the visitor was shown (cookie-consent-config.ts). */
  revision: z.string().regex(/^[0-9a-f]{16}$/),
  via: z.enum(['banner', 'settings']),
});
export type TCookieChoiceInput = z.infer<typeof ZCookieChoiceInput>;

const CONSENT_ID = z.uuid();

/** The consent id a cookie holds, when it is one we could have made. */
export const validConsentId = (value: string | null | undefined): string | null => (CONSENT_ID.safeParse(value).success ? value! : null);

export type TRecordedCookieChoice = { consentId: string; storedChoice: string; choice: TCookieChoice };

/**
 * Records a cookie choice in the consent ledger, one row per optional category (given or
 * withdrawn), with the banner text's hash and the versions of banner and cookie policy in force,
 * the anonymous consent id (a new one when the browser has none) and, when a customer is signed in,
 * the customer as subject. No IP address: the consent id is the link to the browser. Refused when
 * the texts changed since the page was shown, so the hash recorded is that of the text the visitor
 * saw. Returns what the caller puts in the two necessary cookies.
 */
export async function recordCookieChoice(
  input: TCookieChoiceInput,
  context: { consentId: string | null; subjectUserId: string | null; gpc: boolean },
  executor: TExecutor = db,
): Promise<TRecordedCookieChoice> {
  const consentId = validConsentId(context.consentId) ?? randomUUID();
  return executor.transaction(async (tx) => {
    const { banner, policy, revision } = await cookieTexts(tx);
    if (revision !== input.revision) {
      throw new AppError('CONFLICT', 'The cookie banner or the cookie policy changed while this page was open. Reload the page to see the new text, then choose again.');
    }
    const textVersion = `banner ${banner.version}; cookie policy ${policy.version}`;
    await tx.insert(consentLedger).values(
      optionalCookieCategories.map((category) => ({
        subjectUserId: context.subjectUserId,
        purpose: categoryLedgerPurpose[category],
        action: input.choice[category] ? ('given' as const) : ('withdrawn' as const),
        textVersion,
        textSha256: banner.sha256,
        ip: null,
        consentId,
        cookieChoiceVia: input.via,
        gpc: context.gpc,
      })),
    );
    const storedChoice = encodeStoredChoice({ revision, choice: input.choice, overridesGpc: context.gpc && input.via === 'settings' });
    return { consentId, storedChoice, choice: input.choice };
  });
}
