import { describe, expect, it } from 'vitest';
import { formatDate, isoDate } from '@/lib/format/date';
import { formatMoney } from '@/lib/format/money';
import { formatCount, formatImageCount } from '@/lib/format/number';

describe('formatMoney', () => {
  it('formats minor units in the currency, en-IE by default', () => {
    expect(formatMoney(2900, 'EUR')).toBe('€29.00');
    expect(formatMoney(11900, 'EUR')).toBe('€119.00');
    expect(formatMoney(123456789, 'EUR')).toBe('€1,234,567.89');
    expect(formatMoney(0, 'EUR')).toBe('€0.00');
    expect(formatMoney(1999, 'GBP')).toBe('£19.99');
    expect(formatMoney(1999, 'usd')).toBe('US$19.99');
  });

  it("uses the currency's own decimals", () => {
    expect(formatMoney(1500, 'JPY')).toMatch(/¥1,500$/);
    expect(formatMoney(1500, 'KWD')).toMatch(/1\.500$/);
  });

  it('follows another locale when asked', () => {
    expect(formatMoney(2900, 'EUR', 'de-DE')).toBe('29,00\u00a0€');
  });

  it('refuses amounts that are not whole minor units and malformed currency codes', () => {
    expect(() => formatMoney(1.5, 'EUR')).toThrow(RangeError);
    expect(() => formatMoney(Number.NaN, 'EUR')).toThrow(RangeError);
    expect(() => formatMoney(100, 'euro')).toThrow(RangeError);
  });
});

describe('formatDate', () => {
  it('formats a calendar date without shifting it by time zone', () => {
    expect(formatDate('2024-03-05')).toBe('5 March 2024');
    expect(formatDate('2023-12-31')).toBe('31 December 2023');
    expect(formatDate(new Date(Date.UTC(2020, 1, 29, 23, 30)))).toBe('29 February 2020');
    expect(isoDate('2024-03-05')).toBe('2024-03-05');
  });

  it('refuses text that is not a calendar date', () => {
    for (const value of ['2023-02-30', '05/03/2024', '', '2024-3-5']) expect(() => formatDate(value), value).toThrow(RangeError);
    expect(() => formatDate(new Date('nonsense'))).toThrow(RangeError);
  });
});

describe('formatCount', () => {
  it('groups thousands and names images in the singular or plural', () => {
    expect(formatCount(1234567)).toBe('1,234,567');
    expect(formatImageCount(0)).toBe('0 images');
    expect(formatImageCount(1)).toBe('1 image');
    expect(formatImageCount(1234)).toBe('1,234 images');
  });
});
