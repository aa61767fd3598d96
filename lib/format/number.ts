import { DEFAULT_LOCALE } from './money';

/** A count in the site's locale: 1234 -> '1,234'. */
export function formatCount(value: number, locale: string = DEFAULT_LOCALE): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(value);
}

/** 'image'/'images' by count, with the count formatted: '1 image', '1,234 images'. */
export function formatImageCount(count: number, locale: string = DEFAULT_LOCALE): string {
  return `${formatCount(count, locale)} ${count === 1 ? 'image' : 'images'}`;
}
