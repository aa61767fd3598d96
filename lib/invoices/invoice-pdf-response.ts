import 'server-only';
import type { TInvoiceView } from './get-invoice';
import { invoicePdf } from './invoice-pdfs';

/**
 * The PDF shown in the browser (inline) with a file name that says what it is: the stored copy,
 * or drawn now when the invoice has changed since. Private and never cached: it holds personal data.
 */
export async function invoicePdfResponse(view: TInvoiceView): Promise<Response> {
  const kind = view.invoice.kind === 'credit_note' ? 'credit-note' : 'invoice';
  const fileName = `${kind}-${view.invoice.number.replace(/[^A-Za-z0-9-]/g, '')}.pdf`;
  const pdf = await invoicePdf(view);
  return new Response(new Uint8Array(pdf), {
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `inline; filename="${fileName}"`,
      'Content-Length': String(pdf.length),
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
}
