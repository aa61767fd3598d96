/**
 * One cell of a CSV file that people open in a spreadsheet. A text starting with =, +, -, @, a tab
 * or a carriage return is read as a formula by Excel, LibreOffice and Google Sheets
 * (=HYPERLINK(...), +cmd|'/c calc'!A1: "CSV injection", checklist 36), so it gets a leading single
 * quote, which makes the spreadsheet show it as text. Every export goes through this function
 * (lib/export/build-csv.ts), so none can forget it.
 *
 * Numbers are our own values (ids, counts), written as they are; null and undefined are empty cells.
 */
export type TCsvValue = string | number | boolean | Date | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: TCsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString();
  return FORMULA_START.test(value) ? `'${value}` : value;
}
