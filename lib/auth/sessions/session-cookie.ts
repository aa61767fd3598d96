import 'server-only';
import { decode, encode } from 'next-auth/jwt';
import { secretsEnv, serverEnv } from '@/lib/env';

/** The longest any session can live; the server-side row decides the real expiry. */
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

/** The token carries the random session id and nothing else. */
export async function encodeSessionToken(sessionId: string): Promise<string> {
  return encode({ token: { sid: sessionId }, secret: secretsEnv().AUTH_SECRET, maxAge: SESSION_TOKEN_MAX_AGE_SECONDS });
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
