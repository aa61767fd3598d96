import { stringify } from 'csv-stringify/sync';
import { csvCell, type TCsvValue } from './csv-cell';

/**
 * A whole CSV file: a header row, then the rows, every cell through csvCell (formula escaping).
 * Quoting of commas, quotes and line breaks (any CR or LF) is csv-stringify's; CRLF line ends (RFC 4180) and a
 * byte-order mark, so Excel reads the file as UTF-8 (names with accents stay intact).
 */
export function buildCsv(header: readonly string[], rows: ReadonlyArray<readonly TCsvValue[]>): string {
  return `${CSV_BOM}${csvRecords([header, ...rows])}`;
}

export const CSV_BOM = '\ufeff';

/**
 * Records of a CSV written in pieces (a file streamed a batch at a time): the same escaping and
 * line ends as buildCsv, no byte-order mark (the caller writes CSV_BOM once, first).
 */
export function csvRecords(rows: ReadonlyArray<readonly TCsvValue[]>): string {
  return stringify(
    rows.map((row) => row.map(csvCell)),
    // csv-stringify quotes a value holding the record delimiter (CRLF) but not a lone LF or CR, which
    // spreadsheets and parsers take as the end of the record: a note with a line break split its row.
    { record_delimiter: 'windows', quoted_match: /[\r\n]/ },
  );
}
