import 'server-only';
import { asc, eq } from 'drizzle-orm';
import { vatRates } from '@/db/schema';
import { recordAuditEntry } from '@/lib/audit/record-audit-entry';
import { assertStaffMay } from '@/lib/customers/customer-access';
import { db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import type { TStaffActor } from '@/lib/staff/require-staff';
import { basisPointsFromPercent } from './vat-rate-percent';

/** The form's field for a country's rate: `rate.FI`. */
export const vatRateField = (countryCode: string) => `rate.${countryCode}`;

/**
 * Changes the VAT rates sent in the form (`rate.FI` = "25.5", a percentage) in one transaction:
 * every rate that really changes is written with who changed it, and audited as 'vat.rate-changed'
 * under its country code. A country the form does not send keeps its rate; a value that is not a
 * percentage from 0 to 100 refuses the whole change, with a message next to its field.
 */
export async function changeVatRates(actor: TStaffActor, form: Record<string, unknown>): Promise<{ changed: string[] }> {
  assertStaffMay(actor, 'settings.manage');
  return db.transaction(async (tx) => {
    const rows = await tx.select().from(vatRates).orderBy(asc(vatRates.countryCode)).for('update');
    const fieldErrors: Record<string, string> = {};
    const changes: Array<{ countryCode: string; rateBasisPoints: number }> = [];
    for (const row of rows) {
      const sent = form[vatRateField(row.countryCode)];
      if (sent === undefined) continue;
      const basisPoints = typeof sent === 'string' ? basisPointsFromPercent(sent) : null;
      if (basisPoints === null) fieldErrors[vatRateField(row.countryCode)] = `Enter ${row.countryName}'s rate as a percentage from 0 to 100, e.g. 21 or 25.5.`;
      else if (basisPoints !== row.rateBasisPoints) changes.push({ countryCode: row.countryCode, rateBasisPoints: basisPoints });
    }
    if (Object.keys(fieldErrors).length > 0) throw new AppError('INVALID_INPUT', 'Please correct the marked rates.', fieldErrors);
    const now = new Date();
    for (const change of changes) {
      await tx.update(vatRates).set({ rateBasisPoints: change.rateBasisPoints, updatedAt: now, updatedBy: actor.userId }).where(eq(vatRates.countryCode, change.countryCode));
      await recordAuditEntry(tx, {
        actorKind: 'staff',
        actorUserId: actor.userId,
        action: 'vat.rate-changed',
        objectType: 'vat_rate',
        objectId: change.countryCode,
        changedFields: ['rateBasisPoints'],
        clientIp: actor.client.ip,
      });
    }
    return { changed: changes.map((change) => change.countryCode) };
  });
}
