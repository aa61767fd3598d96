import 'server-only';
import { randomBytes } from 'node:crypto';
import { cookies } from 'next/headers';
import { sha256Hex } from '@/lib/auth/secret-tokens';
import { serverEnv } from '@/lib/env';

/**
 * The anonymous visitor cookie that keeps a guest's lightbox and cart on the server during a visit.
 * A necessary cookie (it holds what the guest asked us to keep): random, HttpOnly, SameSite=Lax,
 * `__Host-` under HTTPS, and it ends with the browser session. The database stores only its hash
 * (the guest key), so a leaked table row cannot be turned back into a cookie.
 */
export function guestVisitorCookie() {
  const secure = serverEnv().APP_URL.startsWith('https://');
  return {
    name: secure ? '__Host-stockroom.visitor' : 'stockroom.visitor',
    options: { httpOnly: true, sameSite: 'lax' as const, path: '/', secure },
  };
}

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export const guestKeyFor = (token: string) => sha256Hex(`guest-visitor:${token}`);

/** The guest key of this request's visitor cookie, or null when there is none (pages and routes). */
export async function readGuestKey(): Promise<string | null> {
  const token = (await cookies()).get(guestVisitorCookie().name)?.value;
  return token && TOKEN_PATTERN.test(token) ? guestKeyFor(token) : null;
}

/** The guest key, setting a new visitor cookie first when there is none (server actions and route handlers only). */
export async function ensureGuestKey(): Promise<string> {
  const existing = await readGuestKey();
  if (existing) return existing;
  const token = randomBytes(32).toString('base64url');
  const cookie = guestVisitorCookie();
  (await cookies()).set(cookie.name, token, cookie.options);
  return guestKeyFor(token);
}
