import { checkVAT, countries } from 'jsvat';

/** What a check says about a VAT number given for a billing country. */
export type TVatNumberVerdict =
  | { valid: true; /** Upper case, no spaces or dots, with its country prefix (EL for Greece). */ normalized: string }
  | { valid: false; reason: string };

/**
 * Decides whether a VAT number counts for reverse charge. The shipped check looks at the format
 * and check digits only (jsvat, no network); a VIES check (the Commission's service) can be plugged
 * in with the same shape where the server may reach it, and should fall back to the format check
 * when VIES is down, as the Commission advises.
 */
export type TVatNumberCheck = {
  id: string;
  check: (countryCode: string, vatNumber: string) => Promise<TVatNumberVerdict>;
};

/** Greece's VAT numbers start with EL, not GR. */
const vatPrefixFor = (countryCode: string) => (countryCode === 'GR' ? 'EL' : countryCode);

export const normalizeVatNumber = (countryCode: string, raw: string) => {
  const compact = raw.toUpperCase().replace(/[\s.\-]/g, '');
  const prefix = vatPrefixFor(countryCode);
  // People often leave out the country prefix; it is implied by the billing country.
  return /^[A-Z]{2}/.test(compact) ? compact : `${prefix}${compact}`;
};

export const formatVatNumberCheck: TVatNumberCheck = {
  id: 'format',
  check: async (countryCode, raw) => {
    const normalized = normalizeVatNumber(countryCode, raw);
    if (!normalized.startsWith(vatPrefixFor(countryCode))) {
      return { valid: false, reason: 'This VAT number belongs to another country than the billing country.' };
    }
    const result = checkVAT(normalized, countries);
    return result.isValid ? { valid: true, normalized } : { valid: false, reason: 'This is not a valid VAT number for the billing country.' };
  },
};
