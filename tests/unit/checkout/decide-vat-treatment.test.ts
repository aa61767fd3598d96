import { describe, expect, it } from 'vitest';
import { decideVatTreatment } from '@/lib/checkout/vat/decide-vat-treatment';

const seller = 'NL';
const decide = (buyerCountryCode: string, buyerIsBusiness = false, underOssThreshold = false) =>
  decideVatTreatment({ sellerCountryCode: seller, buyerCountryCode, buyerIsBusiness, underOssThreshold });

describe('VAT treatment of an electronically supplied service', () => {
  it("charges a consumer in the seller's own country the seller's rate", () => {
    expect(decide('NL')).toEqual({ treatment: 'domestic', rateCountryCode: 'NL' });
  });

  it("charges a business in the seller's own country domestic VAT too (no reverse charge at home)", () => {
    expect(decide('NL', true)).toEqual({ treatment: 'domestic', rateCountryCode: 'NL' });
  });

  it("charges a consumer in another member state that country's rate (OSS)", () => {
    expect(decide('DE')).toEqual({ treatment: 'oss_destination', rateCountryCode: 'DE' });
    expect(decide('GR')).toEqual({ treatment: 'oss_destination', rateCountryCode: 'GR' });
  });

  it("charges such a consumer the seller's rate while the seller declares itself under the EUR 10,000 threshold", () => {
    expect(decide('DE', false, true)).toEqual({ treatment: 'under_threshold', rateCountryCode: 'NL' });
  });

  it('charges a business with a checked VAT number in another member state nothing: reverse charge', () => {
    expect(decide('DE', true)).toEqual({ treatment: 'reverse_charge', rateCountryCode: null });
    // The threshold is about sales to consumers; it changes nothing for a business.
    expect(decide('DE', true, true)).toEqual({ treatment: 'reverse_charge', rateCountryCode: null });
  });

  it('charges a buyer outside the EU no EU VAT (export), business or not, threshold or not', () => {
    for (const country of ['US', 'CH', 'GB', 'NO']) {
      expect(decide(country)).toEqual({ treatment: 'export', rateCountryCode: null });
      expect(decide(country, true, true)).toEqual({ treatment: 'export', rateCountryCode: null });
    }
  });
});
