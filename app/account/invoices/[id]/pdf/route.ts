import { requireUser } from '@/lib/auth/guards';
import { errorResponse } from '@/lib/errors';
import { getInvoiceForCustomer } from '@/lib/invoices/get-invoice';
import { invoicePdfResponse } from '@/lib/invoices/invoice-pdf-response';

/**
 * The buyer's invoice or credit note as a PDF (stored, or drawn when it changed). A visitor who is
 * not signed in goes to the sign-in page and back here; someone else's id is a 404 (logged).
 */
export async function GET(_request: Request, context: { params: Promise<{ id: string }> }) {
  const { id } = await context.params;
  const actor = await requireUser(`/account/invoices/${encodeURIComponent(id)}/pdf`);
  try {
    return await invoicePdfResponse(await getInvoiceForCustomer(actor, id));
  } catch (error) {
    return errorResponse(error);
  }
}
