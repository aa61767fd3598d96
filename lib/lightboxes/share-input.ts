import { z } from 'zod';

export const MAX_RECIPIENTS = 10;

const ZAddress = z.email('is not a valid e-mail address').max(254);

/**
 * Recipients as typed: addresses separated by commas, semicolons, spaces or new lines. Splitting on
 * every line break means none can stay inside an address, and each address must then be a plain
 * e-mail address, so nothing typed here can reach a mail header as anything but one address.
 */
export const ZRecipients = z
  .string()
  .max(4000, 'That is too many addresses.')
  .transform((raw) => [...new Set(raw.split(/[\s,;]+/).map((part) => part.trim().toLowerCase()).filter(Boolean))])
  .superRefine((addresses, context) => {
    if (addresses.length === 0) context.addIssue({ code: 'custom', message: 'Please enter at least one e-mail address.' });
    if (addresses.length > MAX_RECIPIENTS) context.addIssue({ code: 'custom', message: `Please enter at most ${MAX_RECIPIENTS} addresses at a time.` });
    const invalid = addresses.find((address) => !ZAddress.safeParse(address).success);
    if (invalid) context.addIssue({ code: 'custom', message: `“${invalid.slice(0, 60)}” is not a valid e-mail address.` });
  });

export const ZShareMessage = z
  .string()
  .max(2000, 'A message can be at most 2,000 characters.')
  .regex(/^[^\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f]*$/, 'A message cannot contain control characters.')
  .transform((message) => message.replace(/\r\n?/g, '\n').trim());

export const ZShareForm = z.object({
  recipients: ZRecipients,
  message: ZShareMessage.default(''),
});

export const ZShareId = z.uuid('We could not find that share.');
