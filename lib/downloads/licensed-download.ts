import 'server-only';
import { eq } from 'drizzle-orm';
import { imageMedia, licenceDownloads } from '@/db/schema';
import type { TCustomerActor } from '@/lib/auth/guards';
import { db } from '@/lib/db/client';
import { logLine } from '@/lib/log/log-line';
import { readOriginalBytes } from '@/lib/media/read-original';
import type { TMediaStorage } from '@/lib/media/storage';
import { openDownloadLink } from './download-link';
import { findDownloadableLine, type TDownloadableLine } from './downloadable-lines';
import { renderLicensedFile, type TLicenceFacts } from './render-licensed-file';

const plain = (status: number, text: string) =>
  new Response(text, {
    status,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' },
  });

/** The same answer for every refusal, so a link tells a stranger nothing about the order behind it. */
const notFound = () => plain(404, 'Not found');

export const licenceFactsOf = (line: TDownloadableLine): TLicenceFacts => ({
  copyright: line.creditLine || line.creatorName || 'Stockroom',
  creator: line.creatorName,
  title: line.imageTitle,
  orderNumber: line.orderNumber,
  licenceTermsVersion: line.licenceTermsVersion,
});

/** The file name a buyer saves: order, image and tier, nothing personal. */
export const licensedFileName = (line: Pick<TDownloadableLine, 'orderNumber' | 'imageId' | 'tier'>) =>
  `stockroom-${line.orderNumber}-${line.imageId}-${line.tier}.jpg`;

/** The purchased file of one line, rendered from the original; null when the original is gone. */
export async function licensedFileOf(line: TDownloadableLine, storage?: TMediaStorage): Promise<Buffer | null> {
  const [media] = await db
    .select({ originalKey: imageMedia.originalKey, originalMime: imageMedia.originalMime })
    .from(imageMedia)
    .where(eq(imageMedia.imageId, line.imageId));
  const original = media ? await readOriginalBytes(media, storage) : null;
  if (!original) {
    logLine('error', 'downloads', `the original of image ${line.imageId} (order line ${line.orderLineId}) is missing`);
    return null;
  }
  return renderLicensedFile(original, { width: line.widthPx, height: line.heightPx }, licenceFactsOf(line));
}

/**
 * Answers a signed download link (GET /account/downloads/file?t=…). The link must be untampered and
 * unexpired, the visitor signed in as the customer it was made for, and the line still theirs to
 * download (checked again now: an order cancelled after the link was made gives nothing). Then the
 * purchased size is rendered from the original, the download recorded (with the client address)
 * and the file sent. Every refusal is a 404, logged with ids only; an expired link of the right
 * buyer gets a 410 telling them where to get a fresh one.
 */
export async function licensedDownloadResponse(input: {
  actor: TCustomerActor | null;
  token: string | null;
  ip: string | null;
  storage?: TMediaStorage;
}): Promise<Response> {
  const link = openDownloadLink(input.token);
  if (link.state === 'invalid') {
    logLine('warn', 'downloads', `refused a download link that is not ours (user ${input.actor?.userId ?? 'none'})`);
    return notFound();
  }
  if (!input.actor || input.actor.userId !== link.note.user) {
    logLine('warn', 'downloads', `refused the link for order line ${link.note.line} to ${input.actor ? `user ${input.actor.userId}` : 'a visitor not signed in'}`);
    return notFound();
  }
  if (link.state === 'expired') {
    return plain(410, 'This download link has expired. Open Downloads in My Account for a fresh one.');
  }
  const line = await findDownloadableLine(input.actor.userId, link.note.line);
  if (!line) {
    logLine('warn', 'downloads', `refused order line ${link.note.line} to user ${input.actor.userId}: not downloadable`);
    return notFound();
  }
  const file = await licensedFileOf(line, input.storage);
  if (!file) return notFound();
  await db.insert(licenceDownloads).values({
    customerUserId: input.actor.userId,
    orderId: line.orderId,
    orderLineId: line.orderLineId,
    kind: 'file',
    ip: input.ip,
  });
  return new Response(new Uint8Array(file), {
    status: 200,
    headers: {
      'Content-Type': 'image/jpeg',
      'Content-Length': String(file.length),
      'Content-Disposition': `attachment; filename="${licensedFileName(line)}"`,
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
}
