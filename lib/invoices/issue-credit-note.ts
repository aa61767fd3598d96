import 'server-only';
import { randomUUID } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import { invoiceLines, invoices } from '@/db/schema';
import type { TTransaction } from '@/lib/db/client';
import { AppError, notFound } from '@/lib/errors';
import { allocateInvoiceNumber } from './allocate-invoice-number';
import { insertInvoiceDocument } from './insert-invoice-document';
import type { TIssuedInvoice } from './issue-invoice';

/**
 * Cancels an invoice with a credit note in the caller's transaction: its own series, every line
 * and total negated, the invoice's seller and buyer snapshot repeated, and a reference to the
 * invoice. An invoice is credited at most once (a unique index); crediting again returns the
 * credit note already issued. The invoice itself is never changed.
 */
export async function issueCreditNote(tx: TTransaction, invoiceId: string, reason: string, now = new Date()): Promise<TIssuedInvoice> {
  const [invoice] = await tx
    .select()
    .from(invoices)
    .where(and(eq(invoices.id, invoiceId), eq(invoices.kind, 'invoice')))
    .for('share');
  if (!invoice) throw notFound('invoice');
  const [existing] = await tx.select({ id: invoices.id, number: invoices.number }).from(invoices).where(eq(invoices.creditedInvoiceId, invoiceId));
  if (existing) return { ...existing, created: false };
  const trimmedReason = reason.trim();
  if (!trimmedReason) throw new AppError('INVALID_INPUT', 'Give the reason for the credit note.');

  const lines = await tx.select().from(invoiceLines).where(eq(invoiceLines.invoiceId, invoiceId)).orderBy(asc(invoiceLines.position));
  const { id: _id, kind: _kind, series: _series, year: _year, sequence: _sequence, number: _number, issuedAt: _issuedAt, dueDate: _dueDate, ...snapshot } = invoice;
  const allocated = await allocateInvoiceNumber(tx, 'credit_note', now.getUTCFullYear());
  const creditNote = { id: randomUUID(), number: allocated.number };
  await insertInvoiceDocument(
    tx,
    {
      ...snapshot,
      id: creditNote.id,
      ...allocated,
      kind: 'credit_note',
      creditedInvoiceId: invoiceId,
      issuedAt: now,
      issueDate: now.toISOString().slice(0, 10),
      dueDate: null,
      netTotalMinor: -invoice.netTotalMinor,
      vatTotalMinor: -invoice.vatTotalMinor,
      grossTotalMinor: -invoice.grossTotalMinor,
      reason: trimmedReason,
    },
    lines.map(({ invoiceId: _invoiceId, ...line }) => ({
      ...line,
      netMinor: -line.netMinor,
      vatMinor: -line.vatMinor,
    })),
  );
  return { ...creditNote, created: true };
}
