import { describeError } from '@/lib/errors';
import { exportInvoicesCsv } from '@/lib/invoices/export-invoices-csv';
import { parseInvoiceQuery } from '@/lib/invoices/invoice-filters';
import { checkStaffAccess } from '@/lib/staff/require-staff';

const NO_STORE = { 'Cache-Control': 'no-store' };

const plainText = (status: number, text: string) => new Response(text, { status, headers: { ...NO_STORE, 'Content-Type': 'text/plain; charset=utf-8' } });

/**
 * Invoices and credit notes as CSV for the accountant, with the list's filters. Anyone without
 * orders.manage gets the 404 of a missing page (the guard logs the refusal); refused filters or
 * too many rows answer with the reason as plain text: this is a download link, not a form.
 */
export async function GET(request: Request) {
  const access = await checkStaffAccess('orders.manage', '/staff/invoices/export');
  if (!access.ok) return plainText(404, 'Not found');
  const query = parseInvoiceQuery(new URL(request.url).searchParams);
  if (!query.filters) return plainText(400, `These filters cannot be used: ${Object.values(query.fieldErrors).join(' ')}`);
  try {
    const { csv } = await exportInvoicesCsv(access.actor, query.filters);
    const day = new Date().toISOString().slice(0, 10);
    return new Response(csv, {
      headers: {
        ...NO_STORE,
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="invoices-${query.filters.state ?? 'all'}-${day}.csv"`,
      },
    });
  } catch (error) {
    const { status, failure } = describeError(error);
    return plainText(status, failure.error);
  }
}
