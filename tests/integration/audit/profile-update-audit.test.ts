import { desc, eq } from 'drizzle-orm';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { auditTrail } from '@/db/schema';
import { updateProfile } from '@/lib/accounts/update-profile';
import { verifyAuditChain } from '@/lib/audit/verify-audit-chain';
import { closeDatabase, db } from '@/lib/db/client';
import { updateSetting } from '@/lib/settings/update-setting';
import { createSignedInCustomer, TEST_CLIENT } from '../../helpers/actor-factory';

afterEach(async () => {
  await updateSetting('registration.customFields', []);
});

afterAll(async () => {
  await closeDatabase();
});

const entriesAbout = (userId: string) => db.select().from(auditTrail).where(eq(auditTrail.subjectUserId, userId)).orderBy(desc(auditTrail.id));

const form = {
  fullName: 'Ada Lovelace',
  company: 'Analytical Engines Ltd',
  addressLine1: '12 Engine Street',
  addressLine2: '',
  postalCode: 'D02 X285',
  city: 'Dublin',
  countryCode: 'IE',
  phone: '+353 1 234 5678',
};

describe('a customer changing their own details is audited', () => {
  it('records the names of the changed fields, never their values, with the customer as actor and subject', async () => {
    const { actor, userId } = await createSignedInCustomer();
    await updateProfile(actor, form, TEST_CLIENT);

    const [entry, ...others] = await entriesAbout(userId);
    expect(others).toEqual([]);
    expect(entry).toMatchObject({
      action: 'account.profile-updated',
      actorKind: 'customer',
      actorUserId: userId,
      subjectUserId: userId,
      clientIp: TEST_CLIENT.ip,
    });
    // addressLine2 stayed empty; the name was 'Test Customer' before.
    expect(entry!.details).toEqual({ changedFields: ['fullName', 'company', 'addressLine1', 'postalCode', 'city', 'countryCode', 'phone'] });
    // Every column that could carry text (ids, hashes and times are random hex and digits, and could contain '353' by chance).
    const { id: _id, hash: _hash, prevHash: _prevHash, occurredAt: _occurredAt, actorUserId: _actor, subjectUserId: _subject, ...textColumns } = entry!;
    const stored = JSON.stringify(textColumns);
    for (const value of ['Ada', 'Lovelace', 'Analytical', 'Engine Street', 'D02', 'Dublin', '+353', '234 5678']) expect(stored).not.toContain(value);

    await updateProfile(actor, { ...form, city: 'Cork', phone: '' });
    const [second] = await entriesAbout(userId);
    expect(second!.details).toEqual({ changedFields: ['city', 'phone'] });
    expect(second!.clientIp).toBeNull();
    expect(JSON.stringify(second)).not.toContain('Cork');
    expect(await verifyAuditChain(db)).toMatchObject({ intact: true });
  });

  it('records nothing when nothing changed, or when the form is refused', async () => {
    const { actor, userId } = await createSignedInCustomer();
    await updateProfile(actor, form);
    await updateProfile(actor, form);
    await updateProfile(actor, { ...form, countryCode: 'not a country' }).catch(() => undefined);
    expect(await entriesAbout(userId)).toHaveLength(1);
  });

  it('names a changed custom field by its id', async () => {
    await updateSetting('registration.customFields', [{ id: 'vat', label: 'VAT number', mode: 'optional' }]);
    const { actor, userId } = await createSignedInCustomer();
    await updateProfile(actor, { ...form, custom_vat: 'IE1234567X' });
    await updateProfile(actor, { ...form, custom_vat: 'IE7654321Y' });
    const [latest] = await entriesAbout(userId);
    expect(latest!.details).toEqual({ changedFields: ['customFields.vat'] });
    expect(JSON.stringify(latest)).not.toContain('IE7654321Y');
  });
});
