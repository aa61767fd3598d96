import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { InvoiceDocument } from '@/app/_components/invoices/invoice-document';
import { AppError } from '@/lib/errors';
import { getInvoiceForStaff } from '@/lib/invoices/get-invoice';
import { requireStaff } from '@/lib/staff/require-staff';

export const metadata: Metadata = { title: 'Invoice' };

type TProps = { params: Promise<{ id: string }> };

/** One invoice or credit note for staff with orders.manage, with the reminders mailed for it. */
export default async function StaffInvoicePage({ params }: TProps) {
  const actor = await requireStaff('orders.manage', '/staff/invoices/[id]');
  const view = await getInvoiceForStaff(actor, (await params).id).catch((error: unknown) => {
    if (error instanceof AppError && error.code === 'NOT_FOUND') notFound();
    throw error;
  });
  return (
    <div className="space-y-4">
      <InvoiceDocument
        view={view}
        pdfHref={`/staff/invoices/${view.invoice.id}/pdf`}
        backLink={{ href: '/staff/invoices', label: 'All invoices' }}
        invoiceHref={(other) => `/staff/invoices/${other}`}
      />
      {view.invoice.kind === 'invoice' ? (
        <p className="max-w-4xl text-sm text-neutral-700 print:hidden">
          Overdue reminders mailed: {view.reminderLevels.length > 0 ? view.reminderLevels.map((level) => `level ${level}`).join(', ') : 'none'}. Sent to {view.invoice.buyerEmail}.
        </p>
      ) : null}
    </div>
  );
}
