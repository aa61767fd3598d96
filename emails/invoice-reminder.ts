import { z } from 'zod';
import { ZEmailLink, ZEmailName } from './fields';
import { renderLayout } from './layout';
import { defineEmail } from './types';

const dateFormat = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' });

/** Sent by the daily job (lib/invoices/send-invoice-reminders.ts) once per level for an overdue invoice. */
export const invoiceReminder = defineEmail({
  schema: z.strictObject({
    name: ZEmailName,
    level: z.number().int().min(1).max(9),
    number: z.string().trim().min(1).max(40),
    amountDue: z.string().trim().min(1).max(40),
    dueDate: z.date(),
    invoiceUrl: ZEmailLink,
  }),
  render: (data, context) =>
    renderLayout(context, {
      subject: `${data.level > 1 ? 'Second reminder' : 'Reminder'}: ${context.siteName} invoice ${data.number} is overdue`,
      preheader: `${data.amountDue} was due on ${dateFormat.format(data.dueDate)}.`,
      heading: `Invoice ${data.number} is overdue`,
      blocks: [
        { kind: 'paragraph', text: `Hello ${data.name},` },
        {
          kind: 'paragraph',
          text: `Our invoice ${data.number} was due on ${dateFormat.format(data.dueDate)}, and ${data.amountDue} of it has not reached us yet. Please pay it as soon as you can.`,
        },
        { kind: 'button', label: 'View the invoice', url: data.invoiceUrl },
        { kind: 'note', text: 'If you have paid in the last few days, thank you: our payments and this message have crossed, and you can ignore it.' },
      ],
    }),
});
