import { errorResponse } from '@/lib/errors';
import { getInvoiceForStaff } from '@/lib/invoices/get-invoice';
import { invoicePdfResponse } from '@/lib/invoices/invoice-pdf-response';
import { checkStaffAccess } from '@/lib/staff/require-staff';

/** Any invoice or credit note as a PDF for staff with orders.manage; everyone else gets the 404 of a missing page (the guard logs it). */
export async function GET(_request: Request, context: { params: Promise<{ id: string }> }) {
  const access = await checkStaffAccess('orders.manage', '/staff/invoices/[id]/pdf');
  if (!access.ok) return new Response('Not found', { status: 404, headers: { 'Cache-Control': 'no-store', 'Content-Type': 'text/plain; charset=utf-8' } });
  try {
    return await invoicePdfResponse(await getInvoiceForStaff(access.actor, (await context.params).id));
  } catch (error) {
    return errorResponse(error);
  }
}
