/**
 * The methods the app answers: pages and route handlers are GET (and HEAD), server actions and
 * next-auth's forms are POST. Anything else (TRACE, PROPFIND, DELETE, OPTIONS, ...) is refused
 * before Next.js sees it: Next answers some of them with a rendered page and TRACE with a 500.
 */
export const ALLOWED_METHODS = ['GET', 'HEAD', 'POST'] as const;

export type TRequestRefusal = { status: 400 | 405; reason: string; headers: Record<string, string> };

/**
 * Whether a request can be handed to Next.js, judged from its request line only. Next.js answers a
 * path whose percent-encoding does not decode (/images/%ZZ) with a 500: it sets 400 and then tries
 * to render the Pages Router's /_error page, which an App Router build does not have. So a path
 * that does not decode is a 400 here, for every path at once; so is a request target that is not a
 * path (`*`, or anything but origin-form and absolute-form).
 */
export function refusalOf(method: string | undefined, target: string | undefined): TRequestRefusal | null {
  if (!method || !(ALLOWED_METHODS as readonly string[]).includes(method)) {
    return { status: 405, reason: 'Method Not Allowed', headers: { Allow: ALLOWED_METHODS.join(', ') } };
  }
  const path = pathOf(target ?? '');
  if (path === null || !decodes(path)) return { status: 400, reason: 'Bad Request', headers: {} };
  return null;
}

/** The path of an origin-form (`/a?b`) or absolute-form (`http://host/a?b`) target, or null. */
function pathOf(target: string): string | null {
  if (target.startsWith('/')) return target.split(/[?#]/, 1)[0] ?? '';
  if (!/^https?:\/\//i.test(target)) return null;
  try {
    return new URL(target).pathname;
  } catch {
    return null;
  }
}

function decodes(path: string): boolean {
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}
