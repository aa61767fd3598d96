import { subjectExportDownloadResponse } from '@/lib/privacy/requests/staff-subject-export';
import { checkStaffAccess } from '@/lib/staff/require-staff';

/** The copy made for a request, for the staff member who asked for it (privacy.requests); everyone else gets the 404 of a missing page (the guard logs it). */
export async function GET(_request: Request, context: { params: Promise<{ id: string }> }) {
  const access = await checkStaffAccess('privacy.requests', '/staff/privacy-requests/[id]/export');
  if (!access.ok) return new Response('Not found', { status: 404, headers: { 'Cache-Control': 'no-store', 'Content-Type': 'text/plain; charset=utf-8' } });
  return subjectExportDownloadResponse(access.actor, (await context.params).id);
}
