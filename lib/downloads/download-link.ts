import 'server-only';
import { z } from 'zod';
import { openSignedNote, signNote } from '@/lib/crypto/signed-note';
import { getSetting } from '@/lib/settings/get-setting';

const DOMAIN = 'licensed-download';

/** What a link says: which line, for whom, until when (seconds since the epoch). */
const ZDownloadNote = z.strictObject({ line: z.uuid(), user: z.uuid(), until: z.number().int().positive() });
export type TDownloadNote = z.infer<typeof ZDownloadNote>;

export const DOWNLOAD_FILE_PATH = '/account/downloads/file';

/**
 * A short-lived download link for one purchased line, signed (HMAC with the site secret) for its
 * buyer; it lives downloads.linkMinutes. The link alone is not enough: on use the signed-in customer
 * must be the one it names and the line must still be theirs to download (lib/downloads/licensed-download.ts).
 */
export async function downloadLinkFor(customerUserId: string, orderLineId: string, now = new Date()): Promise<string> {
  const minutes = await getSetting('downloads.linkMinutes');
  const note: TDownloadNote = { line: orderLineId, user: customerUserId, until: Math.floor(now.getTime() / 1000) + minutes * 60 };
  return `${DOWNLOAD_FILE_PATH}?${new URLSearchParams({ t: signNote(DOMAIN, note) })}`;
}

export type TOpenedLink = { state: 'valid'; note: TDownloadNote } | { state: 'expired'; note: TDownloadNote } | { state: 'invalid' };

/** Checks the signature and the lifetime; a tampered, truncated or foreign token is 'invalid'. */
export function openDownloadLink(token: string | null, now = new Date()): TOpenedLink {
  const note = openSignedNote(DOMAIN, token, ZDownloadNote);
  if (!note) return { state: 'invalid' };
  return note.until * 1000 > now.getTime() ? { state: 'valid', note } : { state: 'expired', note };
}
