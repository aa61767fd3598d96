import { recordRefusedAttempt } from '@/lib/privacy/record-refused-attempt';
import { SUBJECT_EXPORT_DOWNLOAD, subjectExportDownloadResponse } from '@/lib/privacy/requests/staff-subject-export';
import { checkStaffAccess } from '@/lib/staff/require-staff';

/**
 * The copy made for a request, for the staff member who asked for it (privacy.requests); everyone
 * else gets the 404 of a missing page (the guard logs it, and a signed-in caller's attempt is audited on the request).
 */
export async function GET(_request: Request, context: { params: Promise<{ id: string }> }) {
  const { id } = await context.params;
  const access = await checkStaffAccess('privacy.requests', '/staff/privacy-requests/[id]/export');
  if (!access.ok) {
    await recordRefusedAttempt({ actorKind: access.userKind ?? 'customer', actorUserId: access.userId, attempted: SUBJECT_EXPORT_DOWNLOAD, requestId: id, clientIp: access.client.ip });
    return new Response('Not found', { status: 404, headers: { 'Cache-Control': 'no-store', 'Content-Type': 'text/plain; charset=utf-8' } });
  }
  return subjectExportDownloadResponse(access.actor, id);
}
