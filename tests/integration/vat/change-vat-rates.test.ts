/**
 * The VAT rates page's use case (lib/vat/change-vat-rates.ts): percentages in, basis points
 * stored, each changed rate audited under its country code; bad values answered per field with
 * nothing written; only settings.manage may.
 */
import { and, desc, eq, inArray } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { auditTrail, vatRates } from '@/db/schema';
import { closeDatabase, db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { roleHasPermission, staffRoles } from '@/lib/staff/permissions';
import { changeVatRates } from '@/lib/vat/change-vat-rates';
import { listVatRates } from '@/lib/vat/list-vat-rates';
import { basisPointsFromPercent, percentFromBasisPoints } from '@/lib/vat/vat-rate-percent';
import { staffActorFor } from '../../helpers/staff-actor';

afterAll(closeDatabase);

async function rateOf(countryCode: string) {
  const [row] = await db.select().from(vatRates).where(eq(vatRates.countryCode, countryCode));
  return row!;
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('VAT rates', () => {
  it('lists the shipped EU rates, shown as percentages', async () => {
    const rates = await listVatRates(await staffActorFor('admin'));
    expect(rates).toHaveLength(27);
    expect(rates.find((rate) => rate.countryCode === 'FI')).toMatchObject({ countryName: 'Finland', rateBasisPoints: 2550 });
    expect(percentFromBasisPoints(2550)).toBe('25.5');
    expect(percentFromBasisPoints(2100)).toBe('21');
    expect(percentFromBasisPoints(1234)).toBe('12.34');
    expect(percentFromBasisPoints(0)).toBe('0');
    expect(['25.5', '25,5', '25.50 %', '21', '0', '100'].map(basisPointsFromPercent)).toEqual([2550, 2550, 2550, 2100, 0, 10000]);
    expect(['100.01', '-1', 'abc', '', '25.555', '1e2'].map(basisPointsFromPercent)).toEqual([null, null, null, null, null, null]);
  });

  it('saves only the rates that changed, with who changed them, each audited under its country', async () => {
    const admin = await staffActorFor('admin');
    const { changed } = await changeVatRates(admin, { 'rate.FI': '25.5', 'rate.NL': '21,5', 'rate.DE': '19.25' });
    expect(changed.sort()).toEqual(['DE', 'NL']);
    expect(await rateOf('NL')).toMatchObject({ rateBasisPoints: 2150, updatedBy: admin.userId });
    expect(await rateOf('DE')).toMatchObject({ rateBasisPoints: 1925 });
    expect(await rateOf('FI')).toMatchObject({ rateBasisPoints: 2550, updatedBy: null });
    const entries = await db
      .select()
      .from(auditTrail)
      .where(and(eq(auditTrail.action, 'vat.rate-changed'), inArray(auditTrail.objectId, ['NL', 'DE', 'FI'])))
      .orderBy(desc(auditTrail.id));
    expect(entries.map((entry) => [entry.objectId, entry.objectType, entry.actorUserId, entry.details]).sort()).toEqual([
      ['DE', 'vat_rate', admin.userId, { changedFields: ['rateBasisPoints'] }],
      ['NL', 'vat_rate', admin.userId, { changedFields: ['rateBasisPoints'] }],
    ]);
    await changeVatRates(admin, { 'rate.NL': '21', 'rate.DE': '19' });
  });

  it('refuses a value that is not a percentage from 0 to 100, naming the field, and writes nothing', async () => {
    const admin = await staffActorFor('superadmin');
    const error = await refusal(changeVatRates(admin, { 'rate.NL': '22', 'rate.FR': '120', 'rate.IT': 'twenty' }));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.fieldErrors).toEqual({
      'rate.FR': "Enter France's rate as a percentage from 0 to 100, e.g. 21 or 25.5.",
      'rate.IT': "Enter Italy's rate as a percentage from 0 to 100, e.g. 21 or 25.5.",
    });
    expect((await rateOf('NL')).rateBasisPoints).toBe(2100);
  });

  it('is refused to every role without settings.manage', async () => {
    for (const role of staffRoles.filter((candidate) => !roleHasPermission(candidate, 'settings.manage'))) {
      const actor = await staffActorFor(role);
      expect((await refusal(changeVatRates(actor, { 'rate.NL': '0' }))).code, role).toBe('FORBIDDEN');
      await expect(listVatRates(actor)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    expect((await rateOf('NL')).rateBasisPoints).toBe(2100);
  });
});
