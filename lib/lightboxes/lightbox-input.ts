import { z } from 'zod';

/**
 * Inputs of the lightbox use cases. Names and notes are shown back as text only (React escapes
 * them; e-mails escape them in lib/mail's layout), so markup in them stays inert; control
 * characters are refused so a name can never break a line of a mail or a log.
 */
const NO_CONTROL_CHARACTERS = /^[^\u0000-\u001f\u007f\u0085\u2028\u2029]*$/;

export const ZLightboxId = z.uuid('We could not find that lightbox.');

export const ZLightboxName = z
  .string()
  .trim()
  .min(1, 'Please give the lightbox a name.')
  .max(120, 'A name can be at most 120 characters.')
  .regex(NO_CONTROL_CHARACTERS, 'A name cannot contain line breaks or control characters.');

/** Notes may run over several lines; other control characters are refused. */
export const ZLightboxNote = z
  .string()
  .max(1000, 'A note can be at most 1,000 characters.')
  .regex(/^[^\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f]*$/, 'A note cannot contain control characters.')
  .transform((note) => note.replace(/\r\n?/g, '\n').trim());

export const ZImageId = z.coerce
  .number({ error: 'We could not find that image.' })
  .int('We could not find that image.')
  .positive('We could not find that image.')
  .max(Number.MAX_SAFE_INTEGER, 'We could not find that image.');

export const DEFAULT_LIGHTBOX_NAME = 'My lightbox';
