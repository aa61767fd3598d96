import { z } from 'zod';

/** What staff write on the Newsletter page; the subject goes into a mail header, so it is one line. */
export const ZNewsletterInput = z.object({
  subject: z
    .string('Enter a subject.')
    .trim()
    .min(1, 'Enter a subject.')
    .max(150, 'Keep the subject to 150 characters or fewer.')
    .regex(/^[^\u0000-\u001f\u007f\u0085\u2028\u2029]*$/, 'A subject is one line, without line breaks.'),
  body: z.string('Write the message.').trim().min(1, 'Write the message.').max(20_000, 'Keep the message to 20,000 characters or fewer.'),
});

export type TNewsletterInput = z.infer<typeof ZNewsletterInput>;
