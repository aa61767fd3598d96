import { eq } from 'drizzle-orm';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { sessions, users } from '@/db/schema';
import { getMyDetails } from '@/lib/accounts/get-my-account';
import { updateProfile } from '@/lib/accounts/update-profile';
import { closeDatabase, db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { updateSetting } from '@/lib/settings/update-setting';
import { createCustomer, createSignedInCustomer } from '../../helpers/actor-factory';

const userRow = async (id: string) => {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  if (!row) throw new Error(`no user ${id}`);
  return row;
};

const validForm = {
  fullName: '  Ada Lovelace ',
  company: 'Analytical Engines Ltd',
  addressLine1: '12 Engine Street',
  addressLine2: 'Second floor',
  postalCode: 'D02 X285',
  city: 'Dublin',
  countryCode: 'ie',
  phone: '+353 1 234 5678',
};

async function expectInvalid(promise: Promise<unknown>): Promise<Record<string, string>> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe('INVALID_INPUT');
  return (error as AppError).fieldErrors;
}

afterEach(async () => {
  await updateSetting('registration.customFields', []);
});

afterAll(async () => {
  await closeDatabase();
});

describe('updateProfile', () => {
  it('saves the fields of the form, trimmed, with the country code upper-cased', async () => {
    const { actor, userId } = await createSignedInCustomer();
    await updateProfile(actor, validForm);

    const row = await userRow(userId);
    expect(row).toMatchObject({
      fullName: 'Ada Lovelace',
      company: 'Analytical Engines Ltd',
      addressLine1: '12 Engine Street',
      addressLine2: 'Second floor',
      postalCode: 'D02 X285',
      city: 'Dublin',
      countryCode: 'IE',
      phone: '+353 1 234 5678',
    });
    const details = await getMyDetails(actor);
    expect(details.fullName).toBe('Ada Lovelace');
    expect(details.countryCode).toBe('IE');
  });

  it('clears optional fields sent empty', async () => {
    const { actor, userId } = await createSignedInCustomer({ company: 'Old Co', phone: '+353 1 000 0000', city: 'Cork' });
    await updateProfile(actor, { fullName: 'Ada', company: '', phone: '  ', city: '', countryCode: '' });
    const row = await userRow(userId);
    expect(row.company).toBeNull();
    expect(row.phone).toBeNull();
    expect(row.city).toBeNull();
    expect(row.countryCode).toBeNull();
  });

  it('ignores mass assignment: e-mail, status, kind, staff role, ids and password hash sent in the form change nothing', async () => {
    const victim = await createCustomer({ fullName: 'Victim Person', company: 'Victim Co' });
    const { actor, userId, email } = await createSignedInCustomer();
    const before = await userRow(userId);
    const victimBefore = await userRow(victim.userId);

    await updateProfile(actor, {
      ...validForm,
      email: 'attacker@evil.test',
      status: 'disabled',
      kind: 'staff',
      staffRole: 'superadmin',
      id: victim.userId,
      userId: victim.userId,
      passwordHash: '$2b$04$attackerattackerattackerattackerattackerattackerattack',
      privacyNoticeVersion: 'forged',
      activatedAt: '2000-01-01',
      createdAt: '2000-01-01',
      customFields: { vip: true },
    });

    const after = await userRow(userId);
    expect(after.fullName).toBe('Ada Lovelace');
    expect(after.email).toBe(email);
    expect(after.status).toBe('active');
    expect(after.kind).toBe('customer');
    expect(after.staffRole).toBeNull();
    expect(after.passwordHash).toBe(before.passwordHash);
    expect(after.privacyNoticeVersion).toBe(before.privacyNoticeVersion);
    expect(after.activatedAt).toEqual(before.activatedAt);
    expect(after.createdAt).toEqual(before.createdAt);
    expect(after.customFields).toEqual({});

    // The other account is untouched, whichever id the form named.
    expect(await userRow(victim.userId)).toEqual(victimBefore);
    // And the session still works: nothing about the account's state moved.
    const [session] = await db.select({ endedAt: sessions.endedAt }).from(sessions).where(eq(sessions.id, actor.sessionId));
    expect(session?.endedAt).toBeNull();
  });

  it('reports each invalid field with its own message and writes nothing', async () => {
    const { actor, userId } = await createSignedInCustomer({ fullName: 'Original Name', city: 'Galway' });
    const before = await userRow(userId);

    const fieldErrors = await expectInvalid(
      updateProfile(actor, {
        fullName: '   ',
        company: 'x'.repeat(201),
        postalCode: '1'.repeat(21),
        city: 'Dublin',
        countryCode: 'Ireland',
        phone: 'call me maybe',
        addressLine1: 'line\u0000with a NUL',
      }),
    );
    expect(fieldErrors).toEqual({
      fullName: 'Enter your full name.',
      company: 'Company can be at most 200 characters.',
      postalCode: 'Postal code can be at most 20 characters.',
      countryCode: 'Choose a country from the list.',
      phone: 'Enter a phone number with digits, spaces and an optional +.',
      addressLine1: 'Address contains characters we cannot store.',
    });
    expect(await userRow(userId)).toEqual(before);
  });

  it('requires the full name to be present at all', async () => {
    const { actor } = await createSignedInCustomer();
    const fieldErrors = await expectInvalid(updateProfile(actor, { company: 'No Name Ltd' }));
    expect(fieldErrors.fullName).toBe('Enter your full name.');
  });

  describe('custom fields', () => {
    const fields = [
      { id: 'vat_number', label: 'VAT number', mode: 'required' as const },
      { id: 'agency', label: 'Agency name', mode: 'optional' as const },
      { id: 'newsletter_print', label: 'Do you want the printed catalogue?', mode: 'required' as const },
      { id: 'editorial', label: 'Do you work for the press?', mode: 'optional' as const },
      { id: 'retired', label: 'Old question', mode: 'off' as const },
    ];

    it('refuses a missing required text field and a missing or invalid required yes/no answer', async () => {
      await updateSetting('registration.customFields', fields);
      const { actor, userId } = await createSignedInCustomer();
      const before = await userRow(userId);
      const fieldErrors = await expectInvalid(updateProfile(actor, { fullName: 'Ada', custom_vat_number: ' ', custom_editorial: 'maybe' }));
      expect(fieldErrors).toEqual({
        custom_vat_number: 'Fill in “VAT number”.',
        custom_newsletter_print: 'Choose yes or no for “Do you want the printed catalogue?”.',
        custom_editorial: 'Choose yes or no for “Do you work for the press?”.',
      });
      expect(await userRow(userId)).toEqual(before);
    });

    it('stores text answers and yes/no answers as booleans, leaving out unanswered optional fields', async () => {
      await updateSetting('registration.customFields', fields);
      const { actor, userId } = await createSignedInCustomer();
      await updateProfile(actor, {
        fullName: 'Ada',
        custom_vat_number: ' IE1234567T ',
        custom_agency: '',
        custom_newsletter_print: 'no',
        custom_editorial: '',
        custom_retired: 'sneaked in',
      });
      expect((await userRow(userId)).customFields).toEqual({ vat_number: 'IE1234567T', newsletter_print: false });

      await updateProfile(actor, { fullName: 'Ada', custom_vat_number: 'IE1234567T', custom_agency: 'Lens & Co', custom_newsletter_print: 'yes', custom_editorial: 'yes' });
      expect((await userRow(userId)).customFields).toEqual({ vat_number: 'IE1234567T', agency: 'Lens & Co', newsletter_print: true, editorial: true });
    });

    it('removes an optional answer sent empty, and keeps answers to fields the form does not show', async () => {
      await updateSetting('registration.customFields', fields);
      const { actor, userId } = await createSignedInCustomer({
        customFields: { agency: 'Old Agency', editorial: true, retired: 'kept from before', removed_field: 'also kept' },
      });
      await updateProfile(actor, { fullName: 'Ada', custom_vat_number: 'IE1', custom_agency: '', custom_newsletter_print: 'yes', custom_editorial: '' });
      expect((await userRow(userId)).customFields).toEqual({
        vat_number: 'IE1',
        newsletter_print: true,
        retired: 'kept from before',
        removed_field: 'also kept',
      });
    });

    it('getMyDetails lists only the fields the form shows', async () => {
      await updateSetting('registration.customFields', fields);
      const { actor } = await createSignedInCustomer();
      const details = await getMyDetails(actor);
      expect(details.customFieldDefinitions.map((field) => field.id)).toEqual(['vat_number', 'agency', 'newsletter_print', 'editorial']);
    });
  });
});
