import 'server-only';
import { sql } from 'drizzle-orm';
import type { TTransaction } from '@/lib/db/client';

export const INVOICE_SERIES = { invoice: 'INV', credit_note: 'CN' } as const;
export type TInvoiceKind = keyof typeof INVOICE_SERIES;

/** How a number reads: invoices 2026-000123, credit notes CN-2026-000004. */
export function formatInvoiceNumber(kind: TInvoiceKind, year: number, sequence: number): string {
  const number = `${year}-${String(sequence).padStart(6, '0')}`;
  return kind === 'invoice' ? number : `${INVOICE_SERIES[kind]}-${number}`;
}

/**
 * The next number of a series and year, in the issuing transaction. The upsert takes the counter
 * row's lock until the transaction ends: a concurrent issuer waits, and a rolled-back issue gives
 * its number back, so numbers have neither gaps nor duplicates (a sequence would leave gaps).
 * Call it as late as possible in the transaction: issuers of one series queue on this row.
 */
export async function allocateInvoiceNumber(tx: TTransaction, kind: TInvoiceKind, year: number) {
  const series = INVOICE_SERIES[kind];
  const result = await tx.execute<{ last_number: number }>(sql`
    insert into invoice_counters (series, year, last_number) values (${series}, ${year}, 1)
    on conflict (series, year) do update set last_number = invoice_counters.last_number + 1
    returning last_number`);
  const sequence = Number(result.rows[0]!.last_number);
  return { series, year, sequence, number: formatInvoiceNumber(kind, year, sequence) };
}
