import 'server-only';
import { eq } from 'drizzle-orm';
import { siteSettings } from '@/db/schema';
import { db } from '@/lib/db/client';
import type { TSettingValue } from '@/lib/settings/definitions';
import { updateSetting } from '@/lib/settings/update-setting';

/**
 * A made-up Dutch agency, so the demo's invoices name a complete seller. The VAT number has the
 * form and check digits of a Dutch one (jsvat accepts it) and the round digits of an invented one.
 */
export const DEMO_SELLER: TSettingValue<'seller.details'> = {
  name: 'Stockroom Demo Pictures B.V.',
  address: 'Prinsengracht 100\n1015 EA Amsterdam',
  countryCode: 'NL',
  vatNumber: 'NL800000006B01',
};

/** Sets the demo seller unless the site owner has saved seller details of their own. */
export async function ensureDemoSeller(): Promise<boolean> {
  const [stored] = await db.select({ key: siteSettings.key }).from(siteSettings).where(eq(siteSettings.key, 'seller.details'));
  if (stored) return false;
  await updateSetting('seller.details', DEMO_SELLER);
  return true;
}
