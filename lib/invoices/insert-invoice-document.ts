import 'server-only';
import { sql } from 'drizzle-orm';
import { invoiceLines, invoices } from '@/db/schema';
import type { TTransaction } from '@/lib/db/client';

type TInvoiceRow = typeof invoices.$inferInsert & { id: string };
type TInvoiceLineRow = Omit<typeof invoiceLines.$inferInsert, 'invoiceId'>;

/**
 * Writes an invoice or credit note with its lines in one statement. It runs right after the number
 * is allocated, while the counter row is locked, and every round trip made there holds up every
 * other issuer (under load the lock holder waits for its busy web process between statements),
 * so the document and its lines go together. The lines' foreign key is checked at the end of the
 * statement, when the document row exists.
 */
export async function insertInvoiceDocument(tx: TTransaction, document: TInvoiceRow, lines: TInvoiceLineRow[]): Promise<void> {
  const insertDocument = tx.insert(invoices).values(document);
  const insertLines = tx.insert(invoiceLines).values(lines.map((line) => ({ ...line, invoiceId: document.id })));
  await tx.execute(sql`with document as (${insertDocument.getSQL()}) ${insertLines.getSQL()}`);
}
