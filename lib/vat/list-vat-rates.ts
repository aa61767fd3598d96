import 'server-only';
import { asc } from 'drizzle-orm';
import { vatRates } from '@/db/schema';
import { assertStaffMay } from '@/lib/customers/customer-access';
import { db } from '@/lib/db/client';
import type { TStaffActor } from '@/lib/staff/require-staff';

/** The EU standard rates checkout uses, by country name, with when each last changed. */
export async function listVatRates(actor: TStaffActor) {
  assertStaffMay(actor, 'settings.manage');
  return db
    .select({ countryCode: vatRates.countryCode, countryName: vatRates.countryName, rateBasisPoints: vatRates.rateBasisPoints, updatedAt: vatRates.updatedAt })
    .from(vatRates)
    .orderBy(asc(vatRates.countryName));
}
