import 'server-only';
import { and, eq } from 'drizzle-orm';
import { dataExports, privacyRequests } from '@/db/schema';
import { recordAuditEntry } from '@/lib/audit/record-audit-entry';
import { db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { enqueueJob } from '@/lib/jobs/enqueue-job';
import { logAuthorizationFailure } from '@/lib/security/log-authorization-failure';
import { getSetting } from '@/lib/settings/get-setting';
import type { TStaffActor } from '@/lib/staff/require-staff';
import { recordRefusedAttempt } from '../record-refused-attempt';
import { notFound, plain, streamExport } from '../data-export-download';
import { assertPrivacyDeskAudited, requestRowOrNotFound, ZRequestId } from './request-access';

/** The name a refused download of a staff copy is audited under. */
export const SUBJECT_EXPORT_DOWNLOAD = 'privacy.subject-export-download';

/**
 * For an access or export request about an account, received by mail: staff have the same ZIP made
 * as "Download my data" (the same job), requested by them. The file is theirs to hand over: the
 * person is not mailed a link, My data does not show it, and only this staff member can download
 * it from the request page until it expires like any export. One pending or ready copy at a time.
 */
export async function queueSubjectExport(actor: TStaffActor, rawId: unknown, now = new Date()): Promise<{ exportId: string }> {
  await assertPrivacyDeskAudited(actor, 'privacy.queue-subject-export', rawId);
  return db.transaction(async (tx) => {
    const request = await requestRowOrNotFound(tx, rawId, { forUpdate: true });
    if (request.kind !== 'access' && request.kind !== 'export') throw new AppError('CONFLICT', 'A copy of the data is made only for an access or export request.');
    if (!request.subjectUserId) throw new AppError('CONFLICT', 'This request is not about an account: there is no data to copy.');
    if (request.state !== 'open') throw new AppError('CONFLICT', 'The person has not confirmed this request yet, or it is closed.');
    if (request.dataExportId) {
      const [current] = await tx.select({ status: dataExports.status, expiresAt: dataExports.expiresAt }).from(dataExports).where(eq(dataExports.id, request.dataExportId));
      if (current && current.status !== 'failed' && current.expiresAt > now) throw new AppError('CONFLICT', 'A copy is being made or ready already.');
    }
    const days = await getSetting('privacy.exportDays', tx);
    const [created] = await tx
      .insert(dataExports)
      .values({ subjectUserId: request.subjectUserId, requestedByUserId: actor.userId, status: 'pending', createdAt: now, expiresAt: new Date(now.getTime() + days * 86_400_000) })
      .returning({ id: dataExports.id });
    await enqueueJob(tx, 'privacy.build-export', { exportId: created!.id });
    await tx.update(privacyRequests).set({ dataExportId: created!.id, handledByUserId: actor.userId, updatedAt: now }).where(eq(privacyRequests.id, request.id));
    await recordAuditEntry(tx, {
      actorKind: 'staff',
      actorUserId: actor.userId,
      action: 'privacy.subject-export-requested',
      subjectUserId: request.subjectUserId,
      objectType: 'privacy-request',
      objectId: request.id,
      clientIp: actor.client.ip,
    });
    return { exportId: created!.id };
  });
}

/**
 * Answers GET /staff/privacy-requests/<id>/export for a staff member the route's guard let in
 * (privacy.requests): the request's copy, only to the staff member who asked for it, ready and
 * unexpired; audited on the request before a byte leaves. Every refusal is the same 404.
 */
export async function subjectExportDownloadResponse(actor: TStaffActor, rawRequestId: unknown, now = new Date()): Promise<Response> {
  await assertPrivacyDeskAudited(actor, SUBJECT_EXPORT_DOWNLOAD, rawRequestId);
  const parsed = ZRequestId.safeParse(rawRequestId);
  if (!parsed.success) return notFound();
  const request = await requestRowOrNotFound(db, parsed.data).catch(() => null);
  if (!request?.dataExportId) return notFound();
  const [row] = await db
    .select()
    .from(dataExports)
    .where(and(eq(dataExports.id, request.dataExportId), eq(dataExports.requestedByUserId, actor.userId)));
  if (!row) {
    logAuthorizationFailure({ actorUserId: actor.userId, objectType: 'data-export', objectId: request.dataExportId });
    await recordRefusedAttempt({ actorKind: 'staff', actorUserId: actor.userId, attempted: SUBJECT_EXPORT_DOWNLOAD, requestId: request.id, clientIp: actor.client.ip });
    return notFound();
  }
  if (row.status !== 'ready' || !row.storageKey || !row.keyId || !row.iv || !row.readyAt) return notFound();
  if (row.expiresAt <= now) return plain(410, 'This copy has expired and will be deleted. Make a new one from the request.');
  return streamExport(row.id, { storageKey: row.storageKey, keyId: row.keyId, iv: row.iv, readyAt: row.readyAt }, undefined, (tx) =>
    recordAuditEntry(tx, {
      actorKind: 'staff',
      actorUserId: actor.userId,
      action: 'privacy.subject-export-downloaded',
      subjectUserId: row.subjectUserId,
      objectType: 'privacy-request',
      objectId: request.id,
      clientIp: actor.client.ip,
    }),
  );
}
