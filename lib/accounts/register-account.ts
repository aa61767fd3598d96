import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { after } from 'next/server';
import { z } from 'zod';
import { users } from '@/db/schema';
import { hashPassword } from '@/lib/auth/passwords';
import { ZNewPassword } from '@/lib/auth/password-policy';
import { registrationTexts } from '@/lib/content/site-texts';
import { db } from '@/lib/db/client';
import { serverEnv } from '@/lib/env';
import { AppError, fieldErrorsFrom } from '@/lib/errors';
import type { TClientInfo } from '@/lib/http/client-info';
import { errorSummary } from '@/lib/log/error-summary';
import { logLine } from '@/lib/log/log-line';
import { queueMail } from '@/lib/mail/send-mail';
import { getSetting } from '@/lib/settings/get-setting';
import type { TSettingValue } from '@/lib/settings/definitions';
import { hitThrottle } from '@/lib/throttle/hit-throttle';
import { adoptGuestVisit } from '@/lib/visitors/adopt-guest-visit';
import { throttleRules } from '@/lib/throttle/rules';
import { issueAccountToken } from './account-tokens';
import type { TDeferWork } from './send-account-link';
import { recordConsent } from './consents';
import { customFieldsSchema, customFieldValues, ZProfileFields } from './profile-fields';
import { countUsage } from '@/lib/usage/count-usage';

const ZRegistration = ZProfileFields.extend({
  email: z
    .string({ error: 'Enter your e-mail address.' })
    .trim()
    .max(254, 'That e-mail address is too long.')
    .pipe(z.email('Enter a valid e-mail address, like name@example.com.')),
  password: ZNewPassword,
  age: z.enum(['adult', 'parental'], { error: 'Confirm your age, or that a parent agreed.' }),
  marketing: z
    .literal('on')
    .optional()
    .transform((value) => value === 'on'),
  // Hashes of the texts the form displayed: consent is recorded against exactly what was shown.
  shownNotice: z.string().default(''),
  shownAge: z.string().default(''),
  shownMarketing: z.string().default(''),
});

/**
 * Creates a pending account and mails its activation link, recording consents in the ledger, in
 * one transaction. For an address that already has an account nothing is created: its owner is
 * told by mail. Either way the caller shows the same "check your e-mail" page: the form is checked,
 * throttled and its password hashed before the answer, and the transaction that tells the two
 * cases apart runs after the response, so neither the answer nor its timing reveals a customer.
 */
export async function registerAccount(
  form: Record<string, unknown>,
  client: TClientInfo,
  defer: TDeferWork = after,
  /** The visitor cookie's guest key: a guest's lightbox moves into the new account (never into an existing one). */
  guestKey: string | null = null,
): Promise<void> {
  const customFields = await getSetting('registration.customFields');
  const parsed = ZRegistration.and(customFieldsSchema(customFields)).safeParse(form);
  if (!parsed.success) throw new AppError('INVALID_INPUT', 'Please correct the marked fields.', fieldErrorsFrom(parsed.error));
  const input = parsed.data;

  const [ipState, emailState] = await Promise.all([
    hitThrottle(throttleRules.registrationsPerIp, client.ip ?? 'unknown'),
    hitThrottle(throttleRules.registrationsPerEmail, input.email),
  ]);
  if (!ipState.allowed || !emailState.allowed) {
    throw new AppError('RATE_LIMITED', `Too many registrations. Please try again in ${Math.ceil(Math.max(ipState.retryAfterSeconds, emailState.retryAfterSeconds) / 60)} minutes.`);
  }

  const texts = await registrationTexts();
  const ageText = input.age === 'adult' ? texts.ageConfirmation : texts.parentalConsent;
  // The age statement is recorded against the wording of the option chosen, so that wording must be the one shown.
  const shownAgeMatches = input.shownAge === ageText.sha256;
  if (input.shownNotice !== texts.privacyNotice.sha256 || !shownAgeMatches || (input.marketing && input.shownMarketing !== texts.marketingOptIn.sha256)) {
    throw new AppError('CONFLICT', 'The texts on this page changed while you were filling it in. Please read them again and resubmit.');
  }

  const passwordHash = await hashPassword(input.password);
  defer(async () => {
    try {
      await createPendingAccount(input, { passwordHash, customFields, texts, ageText, client, guestKey });
    } catch (error) {
      logLine('error', 'accounts', `a registration could not be stored (${errorSummary(error)})`);
    }
  });
}

type TRegistrationInput = z.infer<typeof ZRegistration> & Record<string, unknown>;
type TRegistrationTexts = Awaited<ReturnType<typeof registrationTexts>>;

async function createPendingAccount(
  input: TRegistrationInput,
  context: {
    passwordHash: string;
    customFields: TSettingValue<'registration.customFields'>;
    texts: TRegistrationTexts;
    ageText: TRegistrationTexts['ageConfirmation'];
    client: TClientInfo;
    guestKey: string | null;
  },
) {
  const { passwordHash, customFields, texts, ageText, client, guestKey } = context;
  const { APP_URL } = serverEnv();
  const created = await db.transaction(async (tx) => {
    // A second registration racing this one for the same address waits here, then sees the first.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${input.email.toLowerCase()}))`);
    const [existing] = await tx
      .select({ id: users.id, fullName: users.fullName, email: users.email })
      .from(users)
      .where(eq(sql`lower(${users.email})`, input.email.toLowerCase()));
    if (existing) {
      await queueMail(tx, {
        template: 'registration-attempt-existing',
        to: { address: existing.email, name: existing.fullName },
        subjectUserId: existing.id,
        data: { name: existing.fullName, loginUrl: `${APP_URL}/login`, passwordResetUrl: `${APP_URL}/reset-password` },
      });
      return false;
    }

    const [user] = await tx
      .insert(users)
      .values({
        email: input.email,
        passwordHash,
        fullName: input.fullName,
        company: input.company,
        addressLine1: input.addressLine1,
        addressLine2: input.addressLine2,
        postalCode: input.postalCode,
        city: input.city,
        countryCode: input.countryCode,
        phone: input.phone,
        customFields: customFieldValues(customFields, input as Record<string, string | boolean | undefined>),
        privacyNoticeVersion: texts.privacyNotice.version,
        privacyNoticeSeen: texts.privacyNotice.number,
        status: 'pending',
      })
      .returning({ id: users.id });
    const subjectUserId = user!.id;

    await recordConsent(tx, { subjectUserId, purpose: 'privacy_notice', action: 'given', text: texts.privacyNotice, ip: client.ip });
    await recordConsent(tx, {
      subjectUserId,
      purpose: input.age === 'adult' ? 'age_confirmation' : 'parental_consent',
      action: 'given',
      text: ageText,
      ip: client.ip,
    });
    if (input.marketing) {
      await recordConsent(tx, { subjectUserId, purpose: 'marketing_email', action: 'given', text: texts.marketingOptIn, ip: client.ip });
    }

    // Only into a new account: a registration naming someone else's address must not reach their lightboxes.
    await adoptGuestVisit(tx, guestKey, subjectUserId);

    const token = await issueAccountToken(tx, subjectUserId, 'activation');
    await queueMail(tx, {
      template: 'account-activation',
      to: { address: input.email, name: input.fullName },
      subjectUserId,
      data: { name: input.fullName, activationUrl: `${APP_URL}/activate/${token}` },
    });
    return true;
  });
  if (created) countUsage('register');
}
