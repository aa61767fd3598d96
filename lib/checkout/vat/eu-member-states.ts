/**
 * The 27 EU member states by ISO 3166-1 code (Greece is GR here; its VAT numbers start with EL).
 * The VAT rules ask "is the buyer in the EU?"; the rates themselves live in the vat_rates table,
 * which the site owner edits, so only membership is fixed in code.
 */
export const EU_MEMBER_STATES = new Set([
  'AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE',
  'IT', 'LV', 'LT', 'LU', 'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE',
]);

export const isEuMemberState = (countryCode: string) => EU_MEMBER_STATES.has(countryCode);
