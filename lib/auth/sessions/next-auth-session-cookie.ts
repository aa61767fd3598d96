import 'server-only';
import { decodeSessionToken, sessionCookie } from './session-cookie';
import { sessionCookieFor, type TSessionCookie } from './session-cookie-for';

/**
 * next-auth writes the session cookie itself (at sign-in, and again whenever /api/auth/session is
 * asked) with one fixed lifetime, a year here. Its response passes through this before it leaves:
 * the cookie is written anew with the lifetime of its session row (sessionCookieFor), so a sign-in
 * without "keep me signed in" leaves a browser-session cookie. next-auth's own checks (CSRF above
 * all) are untouched. A cookie naming no open session is dropped from the response, which leaves
 * whatever the browser holds as it was. The deletion at sign-out (an empty value) passes unchanged.
 */
export async function withSessionCookieLifetime(response: Response): Promise<Response> {
  const name = sessionCookie().name;
  const setCookies = response.headers.getSetCookie();
  const written = setCookies.find((header) => header.startsWith(`${name}=`));
  const value = written?.slice(name.length + 1).split(';', 1)[0] ?? '';
  if (!written || value === '') return response;

  const sessionId = await decodeSessionToken(decodeURIComponent(value));
  const replacement = sessionId ? await sessionCookieFor(sessionId) : null;
  const headers = new Headers(response.headers);
  headers.delete('set-cookie');
  for (const header of setCookies) if (header !== written) headers.append('set-cookie', header);
  if (replacement) headers.append('set-cookie', serializeSessionCookie(replacement));
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

/** The token is base64url with dots: no character of it needs encoding in a cookie. */
function serializeSessionCookie(cookie: TSessionCookie): string {
  const parts = [`${cookie.name}=${cookie.value}`, `Path=${cookie.options.path}`];
  if (cookie.options.expires) parts.push(`Expires=${cookie.options.expires.toUTCString()}`);
  parts.push('HttpOnly');
  if (cookie.options.secure) parts.push('Secure');
  parts.push('SameSite=Lax');
  return parts.join('; ');
}
