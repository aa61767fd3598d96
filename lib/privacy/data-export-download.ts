import 'server-only';
import { Readable } from 'node:stream';
import type { ReadableStream as TNodeWebStream } from 'node:stream/web';
import { and, eq } from 'drizzle-orm';
import { dataExports } from '@/db/schema';
import { recordAuditEntry } from '@/lib/audit/record-audit-entry';
import { currentSession, getOptionalUser, requireUser } from '@/lib/auth/guards';
import { decryptingStream, FILE_CIPHER_OVERHEAD_BYTES } from '@/lib/crypto/file-cipher';
import { db, type TTransaction } from '@/lib/db/client';
import { webStreamFrom } from '@/lib/http/web-stream-from';
import { logLine } from '@/lib/log/log-line';
import { mediaStorage, type TMediaStorage } from '@/lib/media/storage';
import { logAuthorizationFailure } from '@/lib/security/log-authorization-failure';
import { recordRefusedAttempt } from './record-refused-attempt';
import { DATA_EXPORT_PATH, dataExportFileName, dataExportObject, isDataExportId } from './data-export-object';

export const plain = (status: number, text: string) =>
  new Response(text, {
    status,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' },
  });

/** The name a refused download of someone else's export is audited under. */
export const EXPORT_DOWNLOAD = 'privacy.export-download';

/** The same answer for every refusal, so an id tells a stranger nothing about the export behind it. */
export const notFound = () => plain(404, 'Not found');

/**
 * Answers GET /account/data/export/<id>. A visitor not signed in as a customer goes to sign in
 * and comes back; a staff session gets a 404. Then the export must be the signed-in person's own,
 * ready and unexpired (an expired one of theirs is a 410 saying how to get a new one); every other
 * refusal is a 404. The file is decrypted while it streams out, and the download is audited.
 */
export async function dataExportDownloadResponse(input: { exportId: string; ip: string | null; storage?: TMediaStorage; now?: Date }): Promise<Response> {
  if (!isDataExportId(input.exportId)) return notFound();
  const actor = await getOptionalUser();
  if (!actor) {
    const session = await currentSession();
    if (session.state === 'active' && session.kind === 'staff') {
      logLine('warn', 'privacy', `refused data export ${input.exportId} to staff user ${session.userId}`);
      await recordRefusedAttempt({ actorKind: 'staff', actorUserId: session.userId, attempted: EXPORT_DOWNLOAD, exportId: input.exportId, clientIp: input.ip });
      return notFound();
    }
    await requireUser(`${DATA_EXPORT_PATH}/${input.exportId}`);
  }
  const person = actor!;

  // A copy a staff member made for a mailed request is theirs to hand over, not the person's to download here.
  const [row] = await db
    .select({ status: dataExports.status, storageKey: dataExports.storageKey, keyId: dataExports.keyId, iv: dataExports.iv, readyAt: dataExports.readyAt, expiresAt: dataExports.expiresAt })
    .from(dataExports)
    .where(and(eq(dataExports.id, input.exportId), eq(dataExports.subjectUserId, person.userId), eq(dataExports.requestedByUserId, person.userId)));
  if (!row) {
    const [someone] = await db.select({ id: dataExports.id }).from(dataExports).where(eq(dataExports.id, input.exportId));
    if (someone) {
      logAuthorizationFailure({ actorUserId: person.userId, objectType: 'data-export', objectId: input.exportId });
      await recordRefusedAttempt({ actorKind: 'customer', actorUserId: person.userId, attempted: EXPORT_DOWNLOAD, exportId: input.exportId, clientIp: input.ip });
    }
    return notFound();
  }
  if (row.status !== 'ready' || !row.storageKey || !row.keyId || !row.iv || !row.readyAt) return notFound();
  if (row.expiresAt <= (input.now ?? new Date())) {
    return plain(410, 'This copy of your data has expired and will be deleted. Ask for a new one under My data in My Account.');
  }
  return streamExport(input.exportId, { storageKey: row.storageKey, keyId: row.keyId, iv: row.iv, readyAt: row.readyAt }, input.storage, (tx) =>
    recordAuditEntry(tx, {
      actorKind: 'customer',
      actorUserId: person.userId,
      action: 'privacy.export-downloaded',
      subjectUserId: person.userId,
      objectType: 'data-export',
      objectId: input.exportId,
      clientIp: input.ip,
    }),
  );
}

/**
 * The decrypted ZIP as a download, once `audit` has committed (the download is recorded before a
 * byte leaves). A file missing from storage is logged and answered 404.
 */
export async function streamExport(
  exportId: string,
  sealed: { storageKey: string; keyId: string; iv: string; readyAt: Date },
  storage: TMediaStorage | undefined,
  audit: (tx: TTransaction) => Promise<void>,
): Promise<Response> {
  const stored = await (storage ?? mediaStorage()).read(dataExportObject(sealed.storageKey));
  if (!stored) {
    logLine('error', 'privacy', `the file of data export ${exportId} is missing from storage`);
    return notFound();
  }
  const decrypted = Readable.fromWeb(stored.stream as TNodeWebStream<Uint8Array>).pipe(decryptingStream({ keyId: sealed.keyId, iv: sealed.iv }, exportId));
  await db.transaction(audit);
  return new Response(webStreamFrom(decrypted), {
    status: 200,
    headers: {
      'Content-Type': 'application/zip',
      'Content-Length': String(stored.size - FILE_CIPHER_OVERHEAD_BYTES),
      'Content-Disposition': `attachment; filename="${dataExportFileName(sealed.readyAt)}"`,
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
}
