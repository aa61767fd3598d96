import { DEFAULT_LOCALE } from './money';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date ('2024-03-05' or a Date), shown as '5 March 2024'; calendar dates are read as UTC so they never shift a day. */
export function formatDate(value: string | Date, locale: string = DEFAULT_LOCALE): string {
  return dateFormatter(locale).format(toDate(value));
}

const dateFormatters = new Map<string, Intl.DateTimeFormat>();

/** One formatter per locale: making one costs far more than formatting (a data export prints thousands of invoice dates). */
function dateFormatter(locale: string): Intl.DateTimeFormat {
  let formatter = dateFormatters.get(locale);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
    dateFormatters.set(locale, formatter);
  }
  return formatter;
}

/** The machine-readable form for <time dateTime>: '2024-03-05'. */
export function isoDate(value: string | Date): string {
  return toDate(value).toISOString().slice(0, 10);
}

function toDate(value: string | Date): Date {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new RangeError('Invalid date');
    return value;
  }
  const match = ISO_DATE.exec(value);
  if (!match) throw new RangeError(`Expected a YYYY-MM-DD date, got ${JSON.stringify(value)}`);
  const [, year, month, day] = match;
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  if (date.getUTCMonth() !== Number(month) - 1) throw new RangeError(`Not a calendar date: ${value}`);
  return date;
}
