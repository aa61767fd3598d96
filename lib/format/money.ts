export const DEFAULT_LOCALE = 'en-IE';

const formatters = new Map<string, Intl.NumberFormat>();

function currencyFormatter(currency: string, locale: string): Intl.NumberFormat {
  const key = `${locale}|${currency}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    // Throws a RangeError for a malformed currency code: that is a data bug, not something to hide.
    formatter = new Intl.NumberFormat(locale, { style: 'currency', currency });
    formatters.set(key, formatter);
  }
  return formatter;
}

/**
 * An amount held in minor units (cents for EUR, yen for JPY) shown in the site's locale:
 * formatMoney(2900, 'EUR') -> '€29.00'. The currency's own number of decimals decides the divisor.
 */
export function formatMoney(minor: number, currency: string, locale: string = DEFAULT_LOCALE): string {
  if (!Number.isSafeInteger(minor)) throw new RangeError(`formatMoney expects whole minor units, got ${minor}`);
  const formatter = currencyFormatter(currency.toUpperCase(), locale);
  const decimals = formatter.resolvedOptions().maximumFractionDigits ?? 2;
  return formatter.format(minor / 10 ** decimals);
}
