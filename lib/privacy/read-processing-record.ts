import 'server-only';
import { db } from '@/lib/db/client';
import { assertStaffMay } from '@/lib/customers/customer-access';
import { securityContactEmail } from '@/lib/http/security-txt';
import { getSetting } from '@/lib/settings/get-setting';
import type { TStaffActor } from '@/lib/staff/require-staff';
import { personalDataMap } from './data-map';
import { buildProcessingRecord } from './processing-records';
import { retentionDescriptionsInForce } from './retention-periods';

/**
 * The record of processing activities with the controller as the settings name it now. Staff need
 * privacy.requests (the privacy officer's document); the command line runs as the site owner.
 */
export async function readProcessingRecord(reader: TStaffActor | 'command-line') {
  if (reader !== 'command-line') assertStaffMay(reader, 'privacy.requests');
  const settings = await db.transaction(async (tx) => ({
    seller: await getSetting('seller.details', tx),
    securityContact: await securityContactEmail(tx),
    retention: await retentionDescriptionsInForce(tx),
  }));
  return buildProcessingRecord(personalDataMap, settings);
}
