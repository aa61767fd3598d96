import { describe, expect, it } from 'vitest';
import { buildCsv } from '@/lib/export/build-csv';
import { csvCell } from '@/lib/export/csv-cell';

describe('csvCell', () => {
  it.each([
    ['=HYPERLINK("http://x","y")', `'=HYPERLINK("http://x","y")`],
    ["+cmd|'/c calc'!A1", `'+cmd|'/c calc'!A1`],
    ['-2+3', `'-2+3`],
    ['@SUM(A1:A2)', `'@SUM(A1:A2)`],
    ['\t=1', `'\t=1`],
    ['\r=1', `'\r=1`],
  ])('puts a single quote before a text a spreadsheet would run as a formula: %j', (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it('leaves other texts, numbers and times as they are, and writes nothing for null', () => {
    expect(csvCell('account.profile-updated')).toBe('account.profile-updated');
    expect(csvCell('a = b, c + d')).toBe('a = b, c + d');
    expect(csvCell(' =1')).toBe(' =1');
    expect(csvCell('')).toBe('');
    expect(csvCell(42)).toBe('42');
    expect(csvCell(false)).toBe('false');
    expect(csvCell(new Date('2026-03-05T10:20:30.400Z'))).toBe('2026-03-05T10:20:30.400Z');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
  });
});

describe('buildCsv', () => {
  it('escapes every cell, header included, and quotes what CSV needs quoted', () => {
    const csv = buildCsv(['Id', '=Name'], [[1, '=HYPERLINK("http://x","y")'], [2, 'a, "b"\nc']]);
    expect(csv).toBe(`\uFEFFId,'=Name\r\n1,"'=HYPERLINK(""http://x"",""y"")"\r\n2,"a, ""b""\nc"\r\n`);
  });
});

describe('buildCsv with line breaks inside a value', () => {
  it('quotes a value holding a lone line feed or carriage return, so it stays one cell of one record', () => {
    const csv = buildCsv(['note', 'next'], [['first line\nsecond line', 'b'], ['carriage\rreturn', 'c']]);
    expect(csv).toBe('\ufeffnote,next\r\n"first line\nsecond line",b\r\n"carriage\rreturn",c\r\n');
  });
});
