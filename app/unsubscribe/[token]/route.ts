import { readCappedBody } from '@/lib/http/read-capped-body';
import { unsubscribeByLink } from '@/lib/marketing/unsubscribe-by-link';

type TContext = { params: Promise<{ token: string }> };

const NO_STORE = { 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' };

const text = (status: number, body: string) => new Response(`${body}\n`, { status, headers: { ...NO_STORE, 'Content-Type': 'text/plain; charset=utf-8' } });

const seeOther = (location: string) => new Response(null, { status: 303, headers: { ...NO_STORE, Location: location } });

/**
 * The link in a newsletter opens a page with a button; nothing changes on GET, because mail
 * scanners and link previews open links on their own.
 */
export async function GET(_request: Request, { params }: TContext) {
  const { token } = await params;
  return seeOther(`/unsubscribe/${encodeURIComponent(token)}/confirm`);
}

/** The form fields of a one-click request: form-urlencoded, or multipart as RFC 8058 also allows. */
async function formOf(request: Request): Promise<URLSearchParams | null> {
  const body = await readCappedBody(request, 4096);
  if (!body) return null;
  const type = request.headers.get('content-type') ?? '';
  if (type.toLowerCase().startsWith('multipart/form-data')) {
    try {
      const form = await new Response(body, { headers: { 'Content-Type': type } }).formData();
      const fields = new URLSearchParams();
      for (const [name, value] of form) if (typeof value === 'string') fields.append(name, value);
      return fields;
    } catch {
      return null;
    }
  }
  return new URLSearchParams(new TextDecoder().decode(body));
}

/**
 * RFC 8058 one-click unsubscribe: the mail program POSTs `List-Unsubscribe=One-Click` here, with no
 * session and no cookie; the signed token says whose consent is withdrawn. Answers 200 whether or
 * not the consent was still in force, so a repeat is harmless. The page's button posts the same
 * fields plus `from=page`, and is sent back to the page, which then says the person is unsubscribed.
 */
export async function POST(request: Request, { params }: TContext) {
  const { token } = await params;
  const form = await formOf(request);
  if (form?.get('List-Unsubscribe') !== 'One-Click') return text(400, 'Expected the form field List-Unsubscribe=One-Click.');
  const outcome = await unsubscribeByLink(token);
  if (outcome === 'invalid-link') return text(404, 'This unsubscribe link is not valid.');
  if (form.get('from') === 'page') return seeOther(`/unsubscribe/${encodeURIComponent(token)}/confirm`);
  return text(200, 'Unsubscribed: no more marketing mail will be sent to this address.');
}
