import 'server-only';
import { webStreamFrom } from '@/lib/http/web-stream-from';
import type { TInvoiceView } from './get-invoice';
import { renderInvoicePdf } from './render-invoice-pdf';

/**
 * The PDF streamed as it is drawn, shown in the browser (inline) with a file name that says what
 * it is. Private and not stored: an invoice holds personal data.
 */
export function invoicePdfResponse(view: TInvoiceView): Response {
  const kind = view.invoice.kind === 'credit_note' ? 'credit-note' : 'invoice';
  const fileName = `${kind}-${view.invoice.number.replace(/[^A-Za-z0-9-]/g, '')}.pdf`;
  return new Response(webStreamFrom(renderInvoicePdf(view)), {
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `inline; filename="${fileName}"`,
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
}
