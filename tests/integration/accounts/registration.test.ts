import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountTokens, consentLedger, mailOutbox, users } from '@/db/schema';
import { registerAccount } from '@/lib/accounts/register-account';
import { sha256Hex } from '@/lib/auth/secret-tokens';
import { registrationTexts } from '@/lib/content/site-texts';
import { closeDatabase, db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { updateSetting } from '@/lib/settings/update-setting';
import {
  ACTIVATION_SUBJECT,
  afterResponse,
  clientAt,
  countUsersWithEmail,
  EXISTING_ACCOUNT_SUBJECT,
  linkFrom,
  messagesTo,
  registerAccountAndFinish,
  registerCustomer,
  registrationForm,
  startMailDelivery,
  uniqueEmail,
  userByEmail,
  waitForMail,
  type TMailDelivery,
} from '../../helpers/accounts-factory';

let mail: TMailDelivery;

beforeAll(async () => {
  mail = await startMailDelivery();
});

afterAll(async () => {
  await mail?.stop();
  await closeDatabase();
});

/** The AppError a call was refused with (fails the test when it was not refused that way). */
async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

const ledgerOf = (userId: string) =>
  db.select().from(consentLedger).where(eq(consentLedger.subjectUserId, userId)).orderBy(consentLedger.id);

describe('registration', () => {
  it('creates a pending account with the details given, a bcrypt hash and the privacy-notice version', async () => {
    const texts = await registrationTexts();
    const { email, password } = await registerCustomer({ email: uniqueEmail('Mixed.Case') });
    const user = await userByEmail(email);
    expect(user).not.toBeNull();
    expect(user!.email).toBe(email);
    expect(user!.status).toBe('pending');
    expect(user!.kind).toBe('customer');
    expect(user!.activatedAt).toBeNull();
    expect(user!.fullName).toBe('Ada Lovelace');
    expect(user!.company).toBe('Analytical Engines Ltd');
    expect(user!.addressLine2).toBeNull();
    expect(user!.countryCode).toBe('GB');
    expect(user!.privacyNoticeVersion).toBe(texts.privacyNotice.version);
    expect(user!.passwordHash).toMatch(/^\$2b\$12\$/);
    expect(user!.passwordHash).not.toContain(password);
  });

  it('records privacy notice, age confirmation and marketing consent with the exact text hashes and the IP', async () => {
    const texts = await registrationTexts();
    const client = clientAt('203.0.113.57');
    const before = new Date(Date.now() - 1_000);
    const { email } = await registerCustomer({ marketing: true }, client);
    const user = await userByEmail(email);
    const rows = await ledgerOf(user!.id);

    expect(rows.map((row) => row.purpose)).toEqual(['privacy_notice', 'age_confirmation', 'marketing_email']);
    const byPurpose = Object.fromEntries(rows.map((row) => [row.purpose, row]));
    expect(byPurpose.privacy_notice!.textSha256).toBe(texts.privacyNotice.sha256);
    expect(byPurpose.privacy_notice!.textVersion).toBe(texts.privacyNotice.version);
    expect(byPurpose.age_confirmation!.textSha256).toBe(texts.ageConfirmation.sha256);
    expect(byPurpose.age_confirmation!.textSha256).toBe(sha256Hex('I am 16 years or older.'));
    expect(byPurpose.marketing_email!.textSha256).toBe(texts.marketingOptIn.sha256);
    for (const row of rows) {
      expect(row.action).toBe('given');
      expect(row.ip).toBe('203.0.113.57');
      expect(row.createdAt.getTime()).toBeGreaterThanOrEqual(before.getTime());
    }
  });

  it('records parental consent against its own wording, and no marketing consent when the box is left unticked', async () => {
    const texts = await registrationTexts();
    const { email } = await registerCustomer({ age: 'parental' }, clientAt('198.51.100.23'));
    const rows = await ledgerOf((await userByEmail(email))!.id);
    expect(rows.map((row) => [row.purpose, row.textSha256, row.ip])).toEqual([
      ['privacy_notice', texts.privacyNotice.sha256, '198.51.100.23'],
      ['parental_consent', texts.parentalConsent.sha256, '198.51.100.23'],
    ]);
    expect(texts.parentalConsent.text).toContain('between 13 and 16');
  });

  it('fills the consent age from the setting into the wording that is shown and hashed', async () => {
    await updateSetting('accounts.consentAge', 14);
    try {
      const texts = await registrationTexts();
      expect(texts.ageConfirmation.text).toBe('I am 14 years or older.');
      const { email } = await registerCustomer({ age: 'adult' });
      const [age] = (await ledgerOf((await userByEmail(email))!.id)).filter((row) => row.purpose === 'age_confirmation');
      expect(age!.textSha256).toBe(sha256Hex('I am 14 years or older.'));
    } finally {
      await updateSetting('accounts.consentAge', 16);
    }
  });

  it('refuses a consent claimed for a text the page did not show, and creates nothing', async () => {
    const texts = await registrationTexts();
    const cases = [
      { label: 'age wording of the other option', overrides: { age: 'parental' as const, shownAge: texts.ageConfirmation.sha256 } },
      { label: 'no privacy notice hash', overrides: { shownNotice: '' } },
      { label: 'an old privacy notice', overrides: { shownNotice: sha256Hex('an older privacy notice') } },
      { label: 'marketing text not shown', overrides: { marketing: true, shownMarketing: sha256Hex('Send me everything') } },
    ];
    for (const { label, overrides } of cases) {
      const form = await registrationForm(overrides);
      const error = await refusal(registerAccount(form, clientAt()));
      expect(error.code, label).toBe('CONFLICT');
      expect(await countUsersWithEmail(String(form.email)), label).toBe(0);
    }
  });

  it('requires the age statement and says so next to the field', async () => {
    const form = await registrationForm();
    delete form.age;
    const error = await refusal(registerAccount(form, clientAt()));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.fieldErrors.age).toBe('Confirm your age, or that a parent agreed.');
    expect(await countUsersWithEmail(String(form.email))).toBe(0);
  });

  it('gives each invalid field its own message', async () => {
    const form = await registrationForm({ fullName: '  ', email: 'not-an-address', countryCode: 'XX', phone: 'call me' });
    const error = await refusal(registerAccount(form, clientAt()));
    expect(error.fieldErrors).toMatchObject({
      fullName: 'Enter your full name.',
      email: 'Enter a valid e-mail address, like name@example.com.',
      countryCode: 'Choose a country from the list.',
      phone: 'Enter a phone number with digits, spaces and an optional +.',
    });
  });

  it('ignores a role, status, id or activation sent with the form (mass assignment)', async () => {
    const forgedId = '00000000-0000-4000-8000-000000000001';
    const { email } = await registerCustomer({
      id: forgedId,
      kind: 'staff',
      staffRole: 'admin',
      status: 'active',
      activatedAt: new Date().toISOString(),
      privacyNoticeVersion: 'forged',
      customFields: { vip: true },
    });
    const user = await userByEmail(email);
    expect(user!.id).not.toBe(forgedId);
    expect(user!.kind).toBe('customer');
    expect(user!.staffRole).toBeNull();
    expect(user!.status).toBe('pending');
    expect(user!.activatedAt).toBeNull();
    expect(user!.privacyNoticeVersion).not.toBe('forged');
    expect(user!.customFields).toEqual({});
  });

  it('mails a single-use activation link whose token is stored only as a SHA-256, valid for 24 hours', async () => {
    const { email } = await registerCustomer();
    const message = await waitForMail(mail.sink, email, ACTIVATION_SUBJECT);
    const { token, url } = linkFrom(message, 'activate');
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(url).toMatch(/^http:\/\/localhost:\d+\/activate\//);
    const user = await userByEmail(email);
    const tokens = await db.select().from(accountTokens).where(eq(accountTokens.userId, user!.id));
    expect(tokens).toHaveLength(1);
    expect(tokens[0]!.purpose).toBe('activation');
    expect(tokens[0]!.tokenSha256).toBe(sha256Hex(token));
    expect(tokens[0]!.tokenSha256).not.toContain(token);
    const lifetimeHours = (tokens[0]!.expiresAt.getTime() - tokens[0]!.createdAt.getTime()) / 3_600_000;
    expect(lifetimeHours).toBeGreaterThan(23.9);
    expect(lifetimeHours).toBeLessThan(24.1);
  });
});

describe('registration with an address that already has an account', () => {
  it('answers the same, creates no second account, and mails the owner instead of an activation', async () => {
    const first = await registerCustomer({ fullName: 'Owner Original' });
    await waitForMail(mail.sink, first.email, ACTIVATION_SUBJECT);
    const owner = await userByEmail(first.email);

    // Same address in other letter case, another name and password: the call resolves like the first.
    const second = await registrationForm({ email: first.email.toUpperCase(), fullName: 'Somebody Else', password: 'Another-Secret-Pass-77' });
    await expect(registerAccountAndFinish(second, clientAt())).resolves.toBeUndefined();

    expect(await countUsersWithEmail(first.email)).toBe(1);
    const after = await userByEmail(first.email);
    expect(after!.id).toBe(owner!.id);
    expect(after!.fullName).toBe('Owner Original');
    expect(after!.passwordHash).toBe(owner!.passwordHash);
    expect(await db.select().from(accountTokens).where(eq(accountTokens.userId, owner!.id))).toHaveLength(1);

    const notice = await waitForMail(mail.sink, first.email, EXISTING_ACCOUNT_SUBJECT);
    expect(notice.text).toContain('Hello Owner Original');
    expect(notice.text).not.toContain('Somebody Else');
    expect(notice.text).not.toMatch(/\/activate\//);

    const templates = await db
      .select({ template: mailOutbox.template })
      .from(mailOutbox)
      .where(eq(mailOutbox.subjectUserId, owner!.id))
      .orderBy(mailOutbox.createdAt);
    expect(templates.map((row) => row.template)).toEqual(['account-activation', 'registration-attempt-existing']);
    // Only the first registration's activation mail was ever sent.
    expect(messagesTo(mail.sink, first.email, ACTIVATION_SUBJECT)).toHaveLength(1);
  });

  it('answers before the work that tells a new address from a known one (checklist 47)', async () => {
    const known = await registerCustomer();
    const owner = await userByEmail(known.email);
    const outboxOf = async (userId: string) => (await db.select().from(mailOutbox).where(eq(mailOutbox.subjectUserId, userId))).length;
    const mailsBefore = await outboxOf(owner!.id);

    const fresh = uniqueEmail('deferred');
    const later = afterResponse();
    await registerAccount(await registrationForm({ email: fresh }), clientAt(), later.defer);
    await registerAccount(await registrationForm({ email: known.email }), clientAt(), later.defer);
    // Both answers are in; neither the new account nor the owner's notice exists yet.
    expect(later.pendingCount()).toBe(2);
    expect(await countUsersWithEmail(fresh)).toBe(0);
    expect(await outboxOf(owner!.id)).toBe(mailsBefore);

    await later.run();
    expect(await countUsersWithEmail(fresh)).toBe(1);
    expect(await outboxOf(owner!.id)).toBe(mailsBefore + 1);
  });

  it('adds no consent rows for the second attempt', async () => {
    const first = await registerCustomer({ marketing: false });
    const owner = await userByEmail(first.email);
    const before = await ledgerOf(owner!.id);
    await registerAccountAndFinish(await registrationForm({ email: first.email, marketing: true }), clientAt());
    expect(await ledgerOf(owner!.id)).toEqual(before);
  });

  it('throttles repeated registrations of one address', async () => {
    const email = uniqueEmail('repeat');
    for (let attempt = 0; attempt < 3; attempt += 1) {
      await registerAccountAndFinish(await registrationForm({ email }), clientAt());
    }
    const error = await refusal(registerAccount(await registrationForm({ email }), clientAt()));
    expect(error.code).toBe('RATE_LIMITED');
    expect(error.userMessage).toMatch(/^Too many registrations\. Please try again in \d+ minutes\.$/);
    expect(await countUsersWithEmail(email)).toBe(1);
  });
});

describe('password rules at registration', () => {
  async function passwordError(password: string) {
    const form = await registrationForm({ password });
    const error = await refusal(registerAccount(form, clientAt()));
    expect(await countUsersWithEmail(String(form.email))).toBe(0);
    return error.fieldErrors.password;
  }

  it('refuses 73 bytes and accepts exactly 72', async () => {
    const base = 'Kx9-quartz-ember-';
    const seventyTwo = base.padEnd(72, 'z');
    expect(Buffer.byteLength(seventyTwo)).toBe(72);
    expect(await passwordError(`${seventyTwo}z`)).toBe(
      'Use at most 72 bytes: that is 72 plain letters or digits, fewer with accents or emoji.',
    );
    const { email } = await registerCustomer({ password: seventyTwo });
    expect((await userByEmail(email))!.status).toBe('pending');
  });

  it('counts bytes, not characters: 37 accented letters are 74 bytes', async () => {
    const accented = 'é'.repeat(37);
    expect([...accented]).toHaveLength(37);
    expect(await passwordError(accented)).toMatch(/^Use at most 72 bytes/);
  });

  it('refuses a password from the common list, whatever its letter case, with the reason', async () => {
    const reason = 'This password is on a list of commonly used passwords. Please choose another.';
    expect(await passwordError('sunshine1')).toBe(reason);
    expect(await passwordError('PassWord1')).toBe(reason);
    expect(await passwordError('qwertyuiop')).toBe(reason);
  });

  it('refuses fewer than 8 characters', async () => {
    expect(await passwordError('Kx9-qu!')).toBe('Use at least 8 characters.');
  });
});

describe('custom registration fields', () => {
  beforeAll(async () => {
    await updateSetting('registration.customFields', [
      { id: 'heard_from', label: 'Where did you hear about us', mode: 'required' },
      { id: 'agency', label: 'Are you an agency?', mode: 'optional' },
      { id: 'vat_number', label: 'VAT number', mode: 'off' },
    ]);
  });

  afterAll(async () => {
    await updateSetting('registration.customFields', []);
  });

  it('requires the required ones and accepts only yes or no for a question', async () => {
    const form = await registrationForm({ custom_agency: 'maybe' });
    const error = await refusal(registerAccount(form, clientAt()));
    expect(error.fieldErrors.custom_heard_from).toBe('Fill in “Where did you hear about us”.');
    expect(error.fieldErrors.custom_agency).toBe('Choose yes or no for “Are you an agency?”.');
  });

  it('stores the answers by field id, a yes/no question as a boolean, and ignores fields that are off', async () => {
    const { email } = await registerCustomer({ custom_heard_from: ' A colleague ', custom_agency: 'yes', custom_vat_number: 'GB123' });
    expect((await userByEmail(email))!.customFields).toEqual({ heard_from: 'A colleague', agency: true });
  });
});

describe('the consent ledger is append-only', () => {
  let subjectUserId: string;

  beforeAll(async () => {
    const { email } = await registerCustomer({ marketing: true });
    subjectUserId = (await userByEmail(email))!.id;
    await db.update(users).set({ status: 'active' }).where(eq(users.id, subjectUserId));
  });

  const refusedStatement = async (statement: ReturnType<typeof sql>) => {
    const error = await db.execute(statement).then(
      () => null,
      (caught: unknown) => caught as Error & { cause?: { message?: string } },
    );
    expect(error).not.toBeNull();
    expect(`${error!.message} ${error!.cause?.message ?? ''}`).toMatch(/consent_ledger is append-only/);
  };

  it('refuses UPDATE, DELETE and TRUNCATE, and the rows stay as they were', async () => {
    const before = await ledgerOf(subjectUserId);
    expect(before).toHaveLength(3);
    await refusedStatement(sql`update consent_ledger set action = 'withdrawn' where subject_user_id = ${subjectUserId}`);
    await refusedStatement(sql`update consent_ledger set ip = null where subject_user_id = ${subjectUserId}`);
    await refusedStatement(sql`delete from consent_ledger where subject_user_id = ${subjectUserId}`);
    await refusedStatement(sql`truncate consent_ledger`);
    expect(await ledgerOf(subjectUserId)).toEqual(before);
  });

  it('refuses through drizzle as well', async () => {
    await expect(db.update(consentLedger).set({ ip: '0.0.0.0' }).where(eq(consentLedger.subjectUserId, subjectUserId))).rejects.toThrow();
    await expect(db.delete(consentLedger).where(and(eq(consentLedger.subjectUserId, subjectUserId), eq(consentLedger.purpose, 'marketing_email')))).rejects.toThrow();
    expect(await ledgerOf(subjectUserId)).toHaveLength(3);
  });

  it('does not let the purge switch delete the rows of an activated account', async () => {
    const attempt = db.transaction(async (tx) => {
      await tx.execute(sql`set local stockroom.consent_ledger_purge = 'on'`);
      await tx.delete(consentLedger).where(eq(consentLedger.subjectUserId, subjectUserId));
    });
    await expect(attempt).rejects.toThrow();
    expect(await ledgerOf(subjectUserId)).toHaveLength(3);
  });
});
