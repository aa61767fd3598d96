import { z } from 'zod';
import { AppError } from '@/lib/errors';

/**
 * Header values come from people (a name typed at registration) and from settings. A line break
 * in one would let its author add headers or recipients, so any control character (CR, LF, NUL
 * and the rest of C0, DEL, and the Unicode line separators) makes the value unusable: the message
 * is refused rather than repaired.
 */
const UNSAFE_HEADER_CHARACTERS = /[\u0000-\u001f\u007f\u0085\u2028\u2029]/;

export const isHeaderSafe = (value: string): boolean => !UNSAFE_HEADER_CHARACTERS.test(value);

export type TMailRecipient = string | { address: string; name?: string };

export type TParsedRecipient = { address: string; name?: string };

const ZAddress = z.email().max(254);
const ZDisplayName = z.string().trim().max(200);

/** Whether parseRecipient would accept the address. */
export const isDeliverableAddress = (address: string): boolean => isHeaderSafe(address) && ZAddress.safeParse(address).success;

export function parseRecipient(recipient: TMailRecipient): TParsedRecipient {
  const address = typeof recipient === 'string' ? recipient : recipient.address;
  const name = typeof recipient === 'string' ? undefined : recipient.name;
  if (!isHeaderSafe(address) || !ZAddress.safeParse(address).success) {
    throw new AppError('INVALID_INPUT', 'Please enter a valid e-mail address.', { email: 'Please enter a valid e-mail address.' });
  }
  if (name === undefined || name.trim() === '') return { address };
  if (!isHeaderSafe(name) || !ZDisplayName.safeParse(name).success) {
    throw new AppError('INVALID_INPUT', 'A name may not contain line breaks or control characters.', {
      name: 'A name may not contain line breaks or control characters.',
    });
  }
  return { address, name: name.trim() };
}

/** For values the site itself builds (subject, sender): unsafe means a setting or template is wrong. */
export function assertHeaderSafe(header: 'subject' | 'from' | 'list-unsubscribe', value: string) {
  if (!isHeaderSafe(value)) {
    throw new AppError('INVALID_INPUT', `The message could not be prepared: its ${header} contains a line break.`);
  }
}
