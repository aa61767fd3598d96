import { z } from 'zod';
import { ZEmailLink, ZEmailName } from './fields';
import { renderLayout, type TEmailBlock } from './layout';
import { defineEmail } from './types';

/** The subject goes into a header: one line, no control characters. */
const ZNewsletterSubject = z
  .string()
  .trim()
  .min(1, 'Enter a subject.')
  .max(150, 'Keep the subject to 150 characters or fewer.')
  .regex(/^[^\u0000-\u001f\u007f\u0085\u2028\u2029]*$/, 'A subject is one line, without line breaks.');

const ZNewsletterBody = z.string().trim().min(1, 'Write the message.').max(20_000, 'Keep the message to 20,000 characters or fewer.');

/** Paragraphs are separated by blank lines; the layout escapes each on its way into HTML. */
const paragraphsOf = (body: string): TEmailBlock[] =>
  body
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((part) => part.trim())
    .filter(Boolean)
    .map((text) => ({ kind: 'paragraph', text }));

/**
 * A newsletter (lib/marketing/send-campaign.ts), only to customers whose marketing consent is in
 * force. Every one carries its one-click unsubscribe link in the body and, as List-Unsubscribe, in
 * the headers.
 */
export const marketingNewsletter = defineEmail({
  schema: z.strictObject({
    name: ZEmailName,
    subject: ZNewsletterSubject,
    body: ZNewsletterBody,
    unsubscribeUrl: ZEmailLink,
  }),
  render: (data, context) => ({
    ...renderLayout(context, {
      subject: `${context.siteName}: ${data.subject}`,
      preheader: data.body.replace(/\s+/g, ' ').slice(0, 120),
      heading: data.subject,
      blocks: [
        { kind: 'paragraph', text: `Hello ${data.name},` },
        ...paragraphsOf(data.body),
        { kind: 'note', text: `You receive this because you agreed to occasional e-mails from ${context.siteName}. One click on the link below stops them; you need not sign in.` },
        { kind: 'link', label: 'Unsubscribe', url: data.unsubscribeUrl },
      ],
    }),
    listUnsubscribe: data.unsubscribeUrl,
  }),
});
