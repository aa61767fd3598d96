/**
 * How My Account writes times, places and people's devices: en-IE, like the rest of the shop.
 * Times are shown in UTC and say so, as the shop's e-mails do: a server cannot know the reader's
 * time zone, and an unlabelled time would be wrong for most of them.
 */
const LOCALE = 'en-IE';

const dateTimeFormat = new Intl.DateTimeFormat(LOCALE, {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'UTC',
  timeZoneName: 'short',
});

const longDateFormat = new Intl.DateTimeFormat(LOCALE, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** '23 Nov 2026, 16:17 UTC' */
export const formatDateTime = (value: Date) => dateTimeFormat.format(value);

/** '23 November 2026' */
export const formatLongDate = (value: Date) => longDateFormat.format(value);

const regionNames = new Intl.DisplayNames(LOCALE, { type: 'region', fallback: 'none' });

/** 'IE' -> 'Ireland'; an unknown or malformed code is shown as it is. */
export function countryName(code: string | null | undefined): string | null {
  if (!code) return null;
  try {
    return regionNames.of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}
