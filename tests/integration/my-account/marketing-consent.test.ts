import { and, asc, eq } from 'drizzle-orm';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { consentLedger } from '@/db/schema';
import { recordConsent } from '@/lib/accounts/consents';
import { getMyDetails, getMyMarketingConsent } from '@/lib/accounts/get-my-account';
import { giveMarketingConsent, STALE_MARKETING_TEXT, withdrawMarketingConsent } from '@/lib/accounts/withdraw-marketing-consent';
import { registrationTexts } from '@/lib/content/site-texts';
import { closeDatabase, db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { settingDefinitions, type TSettingValue } from '@/lib/settings/definitions';
import { updateSetting } from '@/lib/settings/update-setting';
import { createSignedInCustomer, TEST_CLIENT } from '../../helpers/actor-factory';

const marketingRows = (userId: string) =>
  db
    .select({ action: consentLedger.action, textSha256: consentLedger.textSha256, textVersion: consentLedger.textVersion, ip: consentLedger.ip })
    .from(consentLedger)
    .where(and(eq(consentLedger.subjectUserId, userId), eq(consentLedger.purpose, 'marketing_email')))
    .orderBy(asc(consentLedger.id));

/** A customer who opted in at registration (a 'given' row against the current text). */
async function optedInCustomer() {
  const customer = await createSignedInCustomer();
  const texts = await registrationTexts();
  await recordConsent(db, { subjectUserId: customer.userId, purpose: 'marketing_email', action: 'given', text: texts.marketingOptIn, ip: '192.0.2.1' });
  return customer;
}

afterEach(async () => {
  await updateSetting('texts.marketingOptIn', settingDefinitions['texts.marketingOptIn'].default);
});

afterAll(async () => {
  await closeDatabase();
});

describe('withdrawing marketing consent', () => {
  it('appends one withdrawn row with the text hash and the IP, and a second click adds nothing', async () => {
    const { actor, userId } = await optedInCustomer();
    const texts = await registrationTexts();
    expect((await getMyDetails(actor)).marketing).toBe(true);

    await withdrawMarketingConsent(actor, TEST_CLIENT);
    await withdrawMarketingConsent(actor, TEST_CLIENT);

    expect(await marketingRows(userId)).toEqual([
      { action: 'given', textSha256: texts.marketingOptIn.sha256, textVersion: texts.marketingOptIn.version, ip: '192.0.2.1' },
      { action: 'withdrawn', textSha256: texts.marketingOptIn.sha256, textVersion: texts.marketingOptIn.version, ip: TEST_CLIENT.ip },
    ]);
    const status = await getMyMarketingConsent(actor);
    expect(status.inForce).toBe(false);
    expect(status.changedAt).toBeInstanceOf(Date);
    expect((await getMyDetails(actor)).marketing).toBe(false);
  });

  it('two clicks racing still append a single withdrawal', async () => {
    const { actor, userId } = await optedInCustomer();
    await Promise.all([withdrawMarketingConsent(actor, TEST_CLIENT), withdrawMarketingConsent(actor, TEST_CLIENT)]);
    expect((await marketingRows(userId)).map((row) => row.action)).toEqual(['given', 'withdrawn']);
  });

  it('writes nothing for a customer who never opted in', async () => {
    const { actor, userId } = await createSignedInCustomer();
    await withdrawMarketingConsent(actor, TEST_CLIENT);
    expect(await marketingRows(userId)).toEqual([]);
    expect(await getMyMarketingConsent(actor)).toEqual({ inForce: false, changedAt: null });
  });

  it("touches only the actor's ledger", async () => {
    const other = await optedInCustomer();
    const { actor } = await optedInCustomer();
    await withdrawMarketingConsent(actor, TEST_CLIENT);
    expect((await marketingRows(other.userId)).map((row) => row.action)).toEqual(['given']);
  });
});

describe('giving marketing consent again', () => {
  it('appends a given row against the text shown, once', async () => {
    const { actor, userId } = await optedInCustomer();
    await withdrawMarketingConsent(actor, TEST_CLIENT);
    const texts = await registrationTexts();

    await giveMarketingConsent(actor, TEST_CLIENT, texts.marketingOptIn.sha256);
    await giveMarketingConsent(actor, TEST_CLIENT, texts.marketingOptIn.sha256);

    const rows = await marketingRows(userId);
    expect(rows.map((row) => row.action)).toEqual(['given', 'withdrawn', 'given']);
    expect(rows[2]).toEqual({ action: 'given', textSha256: texts.marketingOptIn.sha256, textVersion: texts.marketingOptIn.version, ip: TEST_CLIENT.ip });
    expect((await getMyDetails(actor)).marketing).toBe(true);
  });

  it('refuses a hash of a text that is no longer the current one, and records nothing', async () => {
    const { actor, userId } = await createSignedInCustomer();
    const shownBefore = (await registrationTexts()).marketingOptIn.sha256;
    // TSettingValue is the literal type of the default (definitions are `as const`), hence the cast.
    await updateSetting('texts.marketingOptIn', 'Send me daily e-mails about everything, forever.' as string as TSettingValue<'texts.marketingOptIn'>);

    const error = await giveMarketingConsent(actor, TEST_CLIENT, shownBefore).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('CONFLICT');
    expect((error as AppError).userMessage).toBe(STALE_MARKETING_TEXT);
    expect(await marketingRows(userId)).toEqual([]);

    await expect(giveMarketingConsent(actor, TEST_CLIENT, '')).rejects.toBeInstanceOf(AppError);
    await expect(giveMarketingConsent(actor, TEST_CLIENT, 'a'.repeat(64))).rejects.toBeInstanceOf(AppError);
    expect(await marketingRows(userId)).toEqual([]);

    const current = (await registrationTexts()).marketingOptIn;
    await giveMarketingConsent(actor, TEST_CLIENT, current.sha256);
    expect(await marketingRows(userId)).toEqual([{ action: 'given', textSha256: current.sha256, textVersion: current.version, ip: TEST_CLIENT.ip }]);
  });
});
