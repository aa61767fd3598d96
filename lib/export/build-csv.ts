import { stringify } from 'csv-stringify/sync';
import { csvCell, type TCsvValue } from './csv-cell';

export const CSV_BOM = '\ufeff';

/**
 * A whole CSV file: a header row, then the rows, every cell through csvCell (formula escaping).
 * Quoting of commas, quotes and line breaks (any CR or LF) is csv-stringify's; CRLF line ends (RFC 4180) and a
 * byte-order mark, so Excel reads the file as UTF-8 (names with accents stay intact).
 */
export function buildCsv(header: readonly string[], rows: ReadonlyArray<readonly TCsvValue[]>): string {
  const records = stringify(
    [header, ...rows].map((row) => row.map(csvCell)),
    // csv-stringify quotes a value holding the record delimiter (CRLF) but not a lone LF or CR, which
    // spreadsheets and parsers take as the end of the record: a note with a line break split its row.
    { record_delimiter: 'windows', quoted_match: /[\r\n]/ },
  );
  return `${CSV_BOM}${records}`;
}
