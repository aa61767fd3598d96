export const DEFAULT_LOCALE = 'en-IE';

/** A formatter and its currency's divisor (100 for EUR, 1 for JPY), made once: an invoice PDF formats a dozen amounts, an export thousands of PDFs. */
type TCurrencyFormat = { formatter: Intl.NumberFormat; divisor: number };

const formatters = new Map<string, TCurrencyFormat>();

function currencyFormat(currency: string, locale: string): TCurrencyFormat {
  const key = `${locale}|${currency}`;
  let format = formatters.get(key);
  if (!format) {
    // Throws a RangeError for a malformed currency code: that is a data bug, not something to hide.
    const formatter = new Intl.NumberFormat(locale, { style: 'currency', currency });
    format = { formatter, divisor: 10 ** (formatter.resolvedOptions().maximumFractionDigits ?? 2) };
    formatters.set(key, format);
  }
  return format;
}

/**
 * An amount held in minor units (cents for EUR, yen for JPY) shown in the site's locale:
 * formatMoney(2900, 'EUR') -> '€29.00'. The currency's own number of decimals decides the divisor.
 */
export function formatMoney(minor: number, currency: string, locale: string = DEFAULT_LOCALE): string {
  if (!Number.isSafeInteger(minor)) throw new RangeError(`formatMoney expects whole minor units, got ${minor}`);
  const { formatter, divisor } = currencyFormat(currency.toUpperCase(), locale);
  return formatter.format(minor / divisor);
}
