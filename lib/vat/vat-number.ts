import { checkVAT, countries } from 'jsvat';

export type TVatNumberCheck = { ok: true; normalized: string; countryCode: string } | { ok: false };

/**
 * Whether a VAT number is well formed for its EU country: the prefix, the length and the check
 * digits each country defines (jsvat; no network, so no VIES lookup). Spaces, dots and case do not
 * matter; `normalized` is the number as it should be printed (NL853746333B01), and `countryCode`
 * the ISO code of its country (GR for Greece, whose numbers start with EL).
 */
export function checkVatNumber(text: string): TVatNumberCheck {
  const result = checkVAT(text, countries);
  if (!result.isValid || !result.country) return { ok: false };
  return { ok: true, normalized: result.value ?? text, countryCode: result.country.isoCode.short };
}
