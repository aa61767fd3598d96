/**
 * The commerce settings on /staff/settings as its form sends them (settingsFromForm →
 * changeSettings): seller details with a VAT number checked by jsvat, the OSS threshold yes/no,
 * the invoice term and the link lifetimes; bad values answered per field; other roles refused.
 * Also the demo's seller, which must pass the same checks.
 */
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { siteSettings } from '@/db/schema';
import { closeDatabase, db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { changeSettings } from '@/lib/settings/change-settings';
import { getSetting } from '@/lib/settings/get-setting';
import { SITE_SETTING_KEYS } from '@/lib/settings/page-settings';
import { settingsFromForm } from '@/lib/settings/settings-from-form';
import { checkVatNumber } from '@/lib/vat/vat-number';
import { DEMO_SELLER, ensureDemoSeller } from '@/tooling/demo/demo-seller';
import { staffActorFor } from '../../helpers/staff-actor';

afterAll(closeDatabase);

const KEYS = ['seller.details', 'vat.underOssThreshold', 'invoices.paymentTermDays', 'shares.expiryDays', 'downloads.linkMinutes', 'downloads.bundleDays'];

async function resetCommerceSettings() {
  for (const key of KEYS) await db.delete(siteSettings).where(eq(siteSettings.key, key));
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

const sellerForm = (vatNumber: string, countryCode = 'NL') => ({
  'seller.details.name': 'Pictures B.V.',
  'seller.details.address': 'Prinsengracht 1\n1015 EA Amsterdam',
  'seller.details.countryCode': countryCode,
  'seller.details.vatNumber': vatNumber,
});

describe('commerce settings', () => {
  it('are on the settings page', () => {
    expect(SITE_SETTING_KEYS).toEqual(expect.arrayContaining(KEYS));
  });

  it('save the seller, the threshold, the invoice term and the link lifetimes as the form sends them', async () => {
    const admin = await staffActorFor('admin');
    try {
      const { changed } = await changeSettings(
        admin,
        settingsFromForm(
          { ...sellerForm(' nl 8000.00006 b01 '), 'vat.underOssThreshold': 'true', 'invoices.paymentTermDays': '30', 'shares.expiryDays': '14', 'downloads.linkMinutes': '60', 'downloads.bundleDays': '3' },
          SITE_SETTING_KEYS,
        ),
      );
      expect(changed.sort()).toEqual([...KEYS].sort());
      expect(await getSetting('seller.details')).toEqual({ name: 'Pictures B.V.', address: 'Prinsengracht 1\n1015 EA Amsterdam', countryCode: 'NL', vatNumber: 'NL800000006B01' });
      expect(await getSetting('vat.underOssThreshold')).toBe(true);
      expect(await getSetting('invoices.paymentTermDays')).toBe(30);
      expect(await getSetting('shares.expiryDays')).toBe(14);
      expect(await getSetting('downloads.linkMinutes')).toBe(60);
      expect(await getSetting('downloads.bundleDays')).toBe(3);
      await changeSettings(admin, settingsFromForm({ 'vat.underOssThreshold': 'false', 'seller.details.vatNumber': '', 'seller.details.name': 'Pictures B.V.', 'seller.details.countryCode': 'NL' }, SITE_SETTING_KEYS));
      expect(await getSetting('vat.underOssThreshold')).toBe(false);
      expect((await getSetting('seller.details')).vatNumber).toBe('');
    } finally {
      await resetCommerceSettings();
    }
  });

  it('refuse a malformed VAT number, one of another country, and values out of range, each next to its field', async () => {
    const admin = await staffActorFor('admin');
    const malformed = await refusal(changeSettings(admin, settingsFromForm(sellerForm('NL123456789B01'), SITE_SETTING_KEYS)));
    expect(malformed.fieldErrors).toEqual({ 'seller.details.vatNumber': 'This is not a valid EU VAT number: check the country prefix and the digits, e.g. NL853746333B01.' });
    const foreign = await refusal(changeSettings(admin, settingsFromForm(sellerForm('NL800000006B01', 'DE'), SITE_SETTING_KEYS)));
    expect(foreign.fieldErrors).toEqual({ 'seller.details.vatNumber': "This VAT number belongs to NL, not to the seller's country DE." });
    const ranges = await refusal(
      changeSettings(admin, settingsFromForm({ 'vat.underOssThreshold': 'maybe', 'invoices.paymentTermDays': '121', 'shares.expiryDays': 'ten', 'downloads.linkMinutes': '0', 'downloads.bundleDays': '31' }, SITE_SETTING_KEYS)),
    );
    expect(ranges.fieldErrors).toEqual({
      'vat.underOssThreshold': 'Enter a value.',
      'invoices.paymentTermDays': 'Enter 120 or less.',
      'shares.expiryDays': 'Enter a number.',
      'downloads.linkMinutes': 'Enter 1 or more.',
      'downloads.bundleDays': 'Enter 30 or less.',
    });
    expect(await db.select().from(siteSettings).where(eq(siteSettings.key, 'seller.details'))).toEqual([]);
  });

  it('are refused to roles without settings.manage', async () => {
    for (const role of ['sales', 'catalog', 'privacy_officer'] as const) {
      expect((await refusal(changeSettings(await staffActorFor(role), settingsFromForm(sellerForm(''), SITE_SETTING_KEYS)))).code, role).toBe('FORBIDDEN');
    }
  });

  it('give the demo a complete Dutch seller with a well-formed VAT number, once, leaving an owner’s own details alone', async () => {
    try {
      expect(checkVatNumber(DEMO_SELLER.vatNumber)).toEqual({ ok: true, normalized: DEMO_SELLER.vatNumber, countryCode: 'NL' });
      expect(await ensureDemoSeller()).toBe(true);
      expect(await getSetting('seller.details')).toEqual(DEMO_SELLER);
      expect(await ensureDemoSeller()).toBe(false);
    } finally {
      await resetCommerceSettings();
    }
  });
});
