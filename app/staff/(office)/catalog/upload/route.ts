import { uploadImage, MAX_UPLOAD_BYTES, MAX_UPLOAD_MB } from '@/lib/catalog/staff/upload-image';
import { describeError } from '@/lib/errors';
import { readCappedBody } from '@/lib/http/read-capped-body';
import { checkStaffAccess } from '@/lib/staff/require-staff';

const NO_STORE = { 'Cache-Control': 'no-store' };

/** Room for the form's other fields and the multipart boundaries around the file. */
const FORM_OVERHEAD_BYTES = 256 * 1024;

const answer = (status: number, body: object) => Response.json(body, { status, headers: NO_STORE });

/**
 * Takes an upload from the catalog's upload form (a route, not a server action: a camera original
 * is far above the 1 MB the actions accept, and raising that limit would raise it for every action).
 * Anyone without catalog.manage gets the 404 of a page that does not exist (the guard logs it). As
 * for a server action, a request from another site is refused: its Origin must be this host.
 */
export async function POST(request: Request) {
  const access = await checkStaffAccess('catalog.manage', '/staff/catalog/upload');
  if (!access.ok) return new Response('Not found', { status: 404, headers: { ...NO_STORE, 'Content-Type': 'text/plain; charset=utf-8' } });
  const origin = request.headers.get('origin');
  if (!origin || URL.parse(origin)?.host !== request.headers.get('host')) {
    return answer(403, { error: 'This upload did not come from this site.', fieldErrors: {} });
  }
  const tooLarge = { error: `The file is larger than ${MAX_UPLOAD_MB} MB.`, fieldErrors: { file: `The file is larger than ${MAX_UPLOAD_MB} MB.` } };
  const body = await readCappedBody(request, MAX_UPLOAD_BYTES + FORM_OVERHEAD_BYTES);
  if (!body) return answer(413, tooLarge);
  let form: FormData;
  try {
    form = await new Response(body, { headers: { 'content-type': request.headers.get('content-type') ?? '' } }).formData();
  } catch {
    return answer(400, { error: 'Choose a picture to upload.', fieldErrors: { file: 'Choose a picture to upload.' } });
  }
  const fields: Record<string, string> = {};
  for (const [name, value] of form) if (typeof value === 'string') fields[name] = value;
  try {
    const { imageId } = await uploadImage(access.actor, { file: form.get('file'), form: fields });
    return answer(201, { imageId });
  } catch (error) {
    const { status, failure } = describeError(error);
    return answer(status, { error: failure.error, fieldErrors: failure.fieldErrors });
  }
}
