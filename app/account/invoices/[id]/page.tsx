import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { InvoiceDocument } from '@/app/_components/invoices/invoice-document';
import { requireUser } from '@/lib/auth/guards';
import { AppError } from '@/lib/errors';
import { getInvoiceForCustomer } from '@/lib/invoices/get-invoice';

export const metadata: Metadata = { title: 'Invoice' };

type TProps = { params: Promise<{ id: string }> };

/** One invoice or credit note of the signed-in customer; anyone else's id is the same 404 as an unknown one. */
export default async function MyInvoicePage({ params }: TProps) {
  const { id } = await params;
  const actor = await requireUser(`/account/invoices/${encodeURIComponent(id)}`);
  const view = await getInvoiceForCustomer(actor, id).catch((error: unknown) => {
    if (error instanceof AppError && error.code === 'NOT_FOUND') notFound();
    throw error;
  });
  return (
    <InvoiceDocument
      view={view}
      pdfHref={`/account/invoices/${view.invoice.id}/pdf`}
      backLink={{ href: '/account/invoices', label: 'All your invoices' }}
      invoiceHref={(other) => `/account/invoices/${other}`}
    />
  );
}
