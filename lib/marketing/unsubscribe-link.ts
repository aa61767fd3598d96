import 'server-only';
import { z } from 'zod';
import { openSignedNote, signNote } from '@/lib/crypto/signed-note';
import { serverEnv } from '@/lib/env';

const NOTE_DOMAIN = 'marketing-unsubscribe';

/**
 * The token of a one-click unsubscribe link: the account id and the purpose, signed with the site
 * secret (lib/crypto/signed-note.ts). It carries no name or address, cannot be forged or moved to
 * another account, and needs no row of its own. It does not expire: an unsubscribe link in an old
 * newsletter must still work. Changing AUTH_SECRET voids the links already mailed.
 */
const ZUnsubscribeNote = z.strictObject({ u: z.uuid(), p: z.literal('marketing_email') });

export const unsubscribeToken = (userId: string): string => signNote(NOTE_DOMAIN, ZUnsubscribeNote.parse({ u: userId, p: 'marketing_email' }));

/** The account the token was made for, or null for anything not signed by unsubscribeToken. */
export function accountOfUnsubscribeToken(token: string): string | null {
  return openSignedNote(NOTE_DOMAIN, token, ZUnsubscribeNote)?.u ?? null;
}

export const unsubscribePath = (token: string) => `/unsubscribe/${token}`;

export const unsubscribeUrl = (userId: string): string => `${serverEnv().APP_URL}${unsubscribePath(unsubscribeToken(userId))}`;
