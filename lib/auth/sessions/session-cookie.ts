import 'server-only';
import { decode, encode } from 'next-auth/jwt';
import { secretsEnv, serverEnv } from '@/lib/env';

/**
 * What next-auth is told a session lasts. It writes its cookie with this lifetime, but no such
 * cookie leaves the server: app/api/auth/[...nextauth]/route.ts rewrites it to the lifetime of the
 * session row (withSessionCookieLifetime).
 */
export const SESSION_TOKEN_MAX_AGE_SECONDS = 365 * 24 * 60 * 60;

const isHttps = () => serverEnv().APP_URL.startsWith('https://');

/** `__Host-` (Secure, host-only, path /) when served over HTTPS; always HttpOnly and SameSite=Lax. */
export function sessionCookie() {
  const secure = isHttps();
  return {
    name: secure ? '__Host-stockroom.session' : 'stockroom.session',
    options: { httpOnly: true, sameSite: 'lax' as const, path: '/', secure },
  };
}

export const csrfCookieName = () => (isHttps() ? '__Host-stockroom.csrf' : 'stockroom.csrf');
export const callbackCookieName = () => (isHttps() ? '__Secure-stockroom.callback' : 'stockroom.callback');

/** The token carries the random session id and nothing else, and expires with the session's row. */
export async function encodeSessionToken(sessionId: string, expiresAt: Date): Promise<string> {
  const maxAge = Math.max(1, Math.ceil((expiresAt.getTime() - Date.now()) / 1000));
  return encode({ token: { sid: sessionId }, secret: secretsEnv().AUTH_SECRET, maxAge });
}

export async function decodeSessionToken(token: string | undefined): Promise<string | null> {
  if (!token) return null;
  try {
    const payload = await decode({ token, secret: secretsEnv().AUTH_SECRET });
    return typeof payload?.sid === 'string' ? payload.sid : null;
  } catch {
    return null;
  }
}
