import { z } from 'zod';
import { ZEmailLink, ZEmailName } from './fields';
import { renderLayout } from './layout';
import { defineEmail } from './types';

const dueDateFormat = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' });

/**
 * Sent when an invoice or credit note is issued (lib/invoices/queue-invoice-mail.ts): its number,
 * total and due date, and a link to it in My Account, where the PDF is. Amounts come formatted.
 */
export const invoiceIssued = defineEmail({
  schema: z.strictObject({
    name: ZEmailName,
    kind: z.enum(['invoice', 'credit_note']),
    number: z.string().trim().min(1).max(40),
    total: z.string().trim().min(1).max(40),
    dueDate: z.date().nullable(),
    creditedNumber: z.string().trim().min(1).max(40).nullable(),
    invoiceUrl: ZEmailLink,
  }),
  render: (data, context) => {
    const isInvoice = data.kind === 'invoice';
    const what = isInvoice ? 'invoice' : 'credit note';
    return renderLayout(context, {
      subject: `Your ${context.siteName} ${what} ${data.number}`,
      preheader: isInvoice && data.dueDate ? `${data.total}, due by ${dueDateFormat.format(data.dueDate)}.` : `${data.total} credited.`,
      heading: isInvoice ? `Invoice ${data.number}` : `Credit note ${data.number}`,
      blocks: [
        { kind: 'paragraph', text: `Hello ${data.name},` },
        isInvoice
          ? {
              kind: 'paragraph',
              text: `Thank you for your order. Your invoice ${data.number} for ${data.total} (VAT included where it applies) is ready${data.dueDate ? `; please pay it by ${dueDateFormat.format(data.dueDate)}` : ''}.`,
            }
          : {
              kind: 'paragraph',
              text: `We have issued credit note ${data.number} for ${data.total}${data.creditedNumber ? `, which cancels invoice ${data.creditedNumber}` : ''}.`,
            },
        { kind: 'button', label: isInvoice ? 'View the invoice' : 'View the credit note', url: data.invoiceUrl },
        { kind: 'note', text: `You can download it as a PDF there, and find all your invoices under Invoices in My Account.` },
      ],
    });
  },
});
