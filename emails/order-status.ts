import { z } from 'zod';
import { ZEmailLink, ZEmailName } from './fields';
import { renderLayout } from './layout';
import { defineEmail } from './types';

/** What every order message names: the buyer, the order number and where the buyer follows the order. */
const ZOrderMail = z.strictObject({
  name: ZEmailName,
  orderNumber: z.number().int().positive(),
  ordersUrl: ZEmailLink,
});

/** An amount already formatted for the buyer (lib/format/money.ts), e.g. "€47.19". */
const ZAmount = z.string().trim().min(1).max(100);
const ZDocumentNumber = z.string().trim().min(1).max(100);
/** A date already formatted, e.g. "2026-12-16". */
const ZDate = z.string().trim().min(1).max(100);
const ZReason = z.string().trim().min(1).max(2000);

/**
 * Sent when staff approve an order. What happens next depends on the customer's terms: a buyer
 * who may pay later downloads at once; everyone else pays the invoice first.
 */
export const orderApproved = defineEmail({
  schema: ZOrderMail.extend({ invoiceNumber: ZDocumentNumber, total: ZAmount, dueDate: ZDate, mayPayLater: z.boolean() }),
  render: (data, context) =>
    renderLayout(context, {
      subject: `Your ${context.siteName} order ${data.orderNumber} is approved`,
      preheader: data.mayPayLater ? 'Your licences are ready to download.' : `Invoice ${data.invoiceNumber}: ${data.total}, due ${data.dueDate}.`,
      heading: `Order ${data.orderNumber} is approved`,
      blocks: [
        { kind: 'paragraph', text: `Hello ${data.name},` },
        { kind: 'paragraph', text: `We have approved your order ${data.orderNumber} and issued invoice ${data.invoiceNumber} for ${data.total}, due on ${data.dueDate}.` },
        data.mayPayLater
          ? { kind: 'paragraph', text: 'As agreed, you may pay after delivery: your licences can be downloaded from your orders in My Account now. Please pay the invoice by its due date.' }
          : {
              kind: 'paragraph',
              text: `Next, please pay the invoice by bank transfer, quoting the invoice number ${data.invoiceNumber}. As soon as we have registered your payment, we tell you by e-mail and your licences can be downloaded from your orders in My Account.`,
            },
        { kind: 'button', label: 'See my orders', url: data.ordersUrl },
      ],
    }),
});

/** Sent when staff reject an order, with their reason; nothing was invoiced. */
export const orderRejected = defineEmail({
  schema: ZOrderMail.extend({ reason: ZReason }),
  render: (data, context) =>
    renderLayout(context, {
      subject: `Your ${context.siteName} order ${data.orderNumber} was not approved`,
      preheader: 'The reason is in this message.',
      heading: `Order ${data.orderNumber} was not approved`,
      blocks: [
        { kind: 'paragraph', text: `Hello ${data.name},` },
        { kind: 'paragraph', text: `We are sorry: we could not approve your order ${data.orderNumber}. The reason given:` },
        { kind: 'note', text: data.reason },
        { kind: 'paragraph', text: 'Nothing was invoiced and you owe nothing for this order. Your other orders are not affected.' },
        { kind: 'link', label: 'See my orders', url: data.ordersUrl },
      ],
    }),
});

/** Sent for every payment staff register: the amount received and what is still open. */
export const orderPaymentReceived = defineEmail({
  schema: ZOrderMail.extend({ invoiceNumber: ZDocumentNumber, amount: ZAmount, outstanding: ZAmount, paidInFull: z.boolean() }),
  render: (data, context) =>
    renderLayout(context, {
      subject: `Payment received for your ${context.siteName} order ${data.orderNumber}`,
      preheader: data.paidInFull ? `Invoice ${data.invoiceNumber} is paid in full.` : `Still open on invoice ${data.invoiceNumber}: ${data.outstanding}.`,
      heading: 'Thank you for your payment',
      blocks: [
        { kind: 'paragraph', text: `Hello ${data.name},` },
        { kind: 'paragraph', text: `We have received ${data.amount} for invoice ${data.invoiceNumber} (order ${data.orderNumber}).` },
        data.paidInFull
          ? { kind: 'paragraph', text: 'The invoice is now paid in full. Your licences can be downloaded from your orders in My Account.' }
          : { kind: 'paragraph', text: `${data.outstanding} is still open on this invoice.` },
        { kind: 'button', label: 'See my orders', url: data.ordersUrl },
      ],
    }),
});

/** Sent when staff mark an order delivered. */
export const orderDelivered = defineEmail({
  schema: ZOrderMail,
  render: (data, context) =>
    renderLayout(context, {
      subject: `Your ${context.siteName} order ${data.orderNumber} is delivered`,
      preheader: 'Your licences are in My Account.',
      heading: `Order ${data.orderNumber} is delivered`,
      blocks: [
        { kind: 'paragraph', text: `Hello ${data.name},` },
        { kind: 'paragraph', text: `Your order ${data.orderNumber} is complete. The licensed files stay available from your orders in My Account.` },
        { kind: 'button', label: 'See my orders', url: data.ordersUrl },
      ],
    }),
});

/** Sent when staff cancel an order, with the reason and, for an invoiced order, the credit note that cancels the invoice. */
export const orderCancelled = defineEmail({
  schema: ZOrderMail.extend({ reason: ZReason, invoiceNumber: ZDocumentNumber.nullable(), creditNoteNumber: ZDocumentNumber.nullable(), paymentsReceived: ZAmount.nullable() }),
  render: (data, context) =>
    renderLayout(context, {
      subject: `Your ${context.siteName} order ${data.orderNumber} is cancelled`,
      preheader: data.creditNoteNumber ? `Credit note ${data.creditNoteNumber} cancels invoice ${data.invoiceNumber}.` : 'The reason is in this message.',
      heading: `Order ${data.orderNumber} is cancelled`,
      blocks: [
        { kind: 'paragraph', text: `Hello ${data.name},` },
        { kind: 'paragraph', text: `Your order ${data.orderNumber} has been cancelled. The reason given:` },
        { kind: 'note', text: data.reason },
        ...(data.creditNoteNumber
          ? [{ kind: 'paragraph' as const, text: `Invoice ${data.invoiceNumber} is cancelled by credit note ${data.creditNoteNumber}; you owe nothing on it.` }]
          : [{ kind: 'paragraph' as const, text: 'Nothing was invoiced for this order.' }]),
        ...(data.paymentsReceived ? [{ kind: 'paragraph' as const, text: `We had received ${data.paymentsReceived} for this order; we will contact you about the refund.` }] : []),
        { kind: 'paragraph', text: 'The licences of this order can no longer be downloaded.' },
        { kind: 'link', label: 'See my orders', url: data.ordersUrl },
      ],
    }),
});
