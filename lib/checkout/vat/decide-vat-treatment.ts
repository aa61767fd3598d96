import type { TVatTreatment } from '@/lib/invoices/vat-notes';
import { isEuMemberState } from './eu-member-states';

export type TVatSituation = {
  sellerCountryCode: string;
  buyerCountryCode: string;
  /** The buyer gave a VAT number that passed the check (format, or VIES where plugged in). */
  buyerIsBusiness: boolean;
  /** vat.underOssThreshold: EU-wide distance sales under EUR 10,000 a year. */
  underOssThreshold: boolean;
};

/** Which rule applies, and whose rate it charges (null: no VAT charged). */
export type TVatDecision = { treatment: TVatTreatment; rateCountryCode: string | null };

/**
 * The place-of-supply rules for electronically supplied services (art. 44, 58 and 59a, 196 VAT
 * Directive), as a pure function so every rule is tested on its own:
 * - a buyer in the seller's own country pays the seller's VAT, business or not;
 * - a business in another member state with a checked VAT number accounts for the VAT itself
 *   (reverse charge, 0 %);
 * - a consumer in another member state pays that country's VAT (OSS), unless the seller is under
 *   the EUR 10,000 threshold, when the seller's own rate applies;
 * - a buyer outside the EU pays no EU VAT (export).
 */
export function decideVatTreatment(situation: TVatSituation): TVatDecision {
  const { sellerCountryCode, buyerCountryCode, buyerIsBusiness, underOssThreshold } = situation;
  if (buyerCountryCode === sellerCountryCode) return { treatment: 'domestic', rateCountryCode: sellerCountryCode };
  if (!isEuMemberState(buyerCountryCode)) return { treatment: 'export', rateCountryCode: null };
  if (buyerIsBusiness) return { treatment: 'reverse_charge', rateCountryCode: null };
  if (underOssThreshold) return { treatment: 'under_threshold', rateCountryCode: sellerCountryCode };
  return { treatment: 'oss_destination', rateCountryCode: buyerCountryCode };
}
