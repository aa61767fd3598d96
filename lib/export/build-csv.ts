import { stringify } from 'csv-stringify/sync';
import { csvCell, type TCsvValue } from './csv-cell';

/**
 * A whole CSV file: a header row, then the rows, every cell through csvCell (formula escaping).
 * Quoting of commas, quotes and line breaks is csv-stringify's; CRLF line ends (RFC 4180) and a
 * byte-order mark, so Excel reads the file as UTF-8 (names with accents stay intact).
 */
export function buildCsv(header: readonly string[], rows: ReadonlyArray<readonly TCsvValue[]>): string {
  return stringify([header.map(csvCell), ...rows.map((row) => row.map(csvCell))], { bom: true, record_delimiter: 'windows' });
}
