import { z } from 'zod';
import { ZEmailLink, ZEmailName } from './fields';
import { renderLayout } from './layout';
import { defineEmail } from './types';

const ZAmount = z.string().min(1).max(40);

/**
 * Sent when a customer places an order: the order number, what was ordered and the totals as the
 * invoice will show them, and whether staff still approve it. The link leads to the order in My
 * Account, which needs only a sign-in.
 */
export const orderReceived = defineEmail({
  schema: z.strictObject({
    name: ZEmailName,
    orderNumber: z.number().int().positive(),
    approved: z.boolean(),
    lines: z.array(z.strictObject({ description: z.string().min(1).max(400), amount: ZAmount })).min(1).max(100),
    netTotal: ZAmount,
    vatTotal: ZAmount,
    vatLabel: z.string().min(1).max(40),
    grossTotal: ZAmount,
    vatNote: z.string().max(300).nullable(),
    paymentInstructions: z.string().min(1).max(300),
    orderUrl: ZEmailLink,
  }),
  render: (data, context) =>
    renderLayout(context, {
      subject: data.approved ? `Your ${context.siteName} order ${data.orderNumber} is confirmed` : `Your ${context.siteName} order ${data.orderNumber} is awaiting approval`,
      preheader: data.approved ? `Your order ${data.orderNumber} is approved; the invoice is in My Account.` : `We check every order before it is approved; we write again then.`,
      heading: data.approved ? `Thank you: order ${data.orderNumber} is approved` : `Thank you: we have received order ${data.orderNumber}`,
      blocks: [
        { kind: 'paragraph', text: `Hello ${data.name},` },
        {
          kind: 'paragraph',
          text: data.approved
            ? `your order ${data.orderNumber} at ${context.siteName} is approved and its invoice has been issued. You find both in My Account.`
            : `thank you for your order ${data.orderNumber} at ${context.siteName}. Our team checks each order before it is approved; we will write to you when that has happened.`,
        },
        ...data.lines.map((line) => ({ kind: 'paragraph' as const, text: `${line.description}: ${line.amount}` })),
        { kind: 'paragraph', text: `Net total: ${data.netTotal}. ${data.vatLabel}: ${data.vatTotal}. Total: ${data.grossTotal}.` },
        ...(data.vatNote ? [{ kind: 'note' as const, text: data.vatNote }] : []),
        { kind: 'paragraph', text: data.paymentInstructions },
        { kind: 'button', label: 'See the order in My Account', url: data.orderUrl },
        { kind: 'note', text: 'The link asks you to sign in first if you are not signed in.' },
      ],
    }),
});
