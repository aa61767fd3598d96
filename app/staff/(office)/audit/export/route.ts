import { parseAuditQuery } from '@/lib/audit/audit-filters';
import { exportAuditCsv } from '@/lib/audit/export-audit-csv';
import { describeError } from '@/lib/errors';
import { checkStaffAccess } from '@/lib/staff/require-staff';

const NO_STORE = { 'Cache-Control': 'no-store' };

const plainText = (status: number, text: string) => new Response(text, { status, headers: { ...NO_STORE, 'Content-Type': 'text/plain; charset=utf-8' } });

/**
 * The audit trail as CSV, with the page's filters. Anyone without audit.read gets the same 404 as
 * for a page that does not exist (the guard logs the refusal). A refused export (bad filters, too
 * many entries) answers with the reason as plain text: this is a download link, not a form.
 */
export async function GET(request: Request) {
  const access = await checkStaffAccess('audit.read', '/staff/audit/export');
  if (!access.ok) return plainText(404, 'Not found');
  const query = parseAuditQuery(new URL(request.url).searchParams);
  if (!query.filters) return plainText(400, `These filters cannot be used: ${Object.values(query.fieldErrors).join(' ')}`);
  try {
    const { csv } = await exportAuditCsv(access.actor, query.filters);
    const day = new Date().toISOString().slice(0, 10);
    return new Response(csv, {
      headers: {
        ...NO_STORE,
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="audit-trail-${day}.csv"`,
      },
    });
  } catch (error) {
    const { status, failure } = describeError(error);
    return plainText(status, failure.error);
  }
}
