import 'server-only';
import { eq } from 'drizzle-orm';
import { vatRates } from '@/db/schema';
import type { TExecutor } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import type { TVatTreatment } from '@/lib/invoices/vat-notes';
import { getSetting } from '@/lib/settings/get-setting';
import { decideVatTreatment } from './decide-vat-treatment';
import { isEuMemberState } from './eu-member-states';
import { formatVatNumberCheck, type TVatNumberCheck } from './vat-number-check';

export type TBuyerVat = {
  treatment: TVatTreatment;
  rateBasisPoints: number;
  /** The VAT number as it goes into the order: normalised when checked, null when none was given. */
  vatNumber: string | null;
};

/**
 * The VAT an order is charged, from the seller's country and threshold setting, the buyer's billing
 * country and VAT number, and the rates table. A VAT number given for an EU country must pass the
 * check (a field error otherwise: charging VAT silently to someone who meant to buy as a business
 * would be wrong either way); outside the EU it is kept as typed.
 */
export async function vatForBuyer(
  executor: TExecutor,
  buyer: { countryCode: string; vatNumber: string | null },
  vatNumberCheck: TVatNumberCheck = formatVatNumberCheck,
): Promise<TBuyerVat> {
  const [seller, underOssThreshold] = await Promise.all([getSetting('seller.details', executor), getSetting('vat.underOssThreshold', executor)]);
  let vatNumber = buyer.vatNumber?.trim() || null;
  let buyerIsBusiness = false;
  if (vatNumber && isEuMemberState(buyer.countryCode)) {
    const verdict = await vatNumberCheck.check(buyer.countryCode, vatNumber);
    if (!verdict.valid) throw new AppError('INVALID_INPUT', 'Please correct the marked fields.', { vatNumber: verdict.reason });
    vatNumber = verdict.normalized;
    buyerIsBusiness = true;
  }
  const decision = decideVatTreatment({ sellerCountryCode: seller.countryCode, buyerCountryCode: buyer.countryCode, buyerIsBusiness, underOssThreshold });
  return { treatment: decision.treatment, rateBasisPoints: decision.rateCountryCode ? await rateOf(executor, decision.rateCountryCode) : 0, vatNumber };
}

async function rateOf(executor: TExecutor, countryCode: string): Promise<number> {
  const [row] = await executor.select({ rate: vatRates.rateBasisPoints }).from(vatRates).where(eq(vatRates.countryCode, countryCode));
  if (!row) throw new AppError('CONFLICT', `No VAT rate is set for ${countryCode}: the shop cannot take this order until one is added.`);
  return row.rate;
}

/** Location evidence (art. 24b Implementing Regulation 282/2011): billing country and IP country disagree. */
export const locationMismatch = (billingCountryCode: string, ipCountryCode: string | null) =>
  ipCountryCode !== null && ipCountryCode !== billingCountryCode;
