import 'server-only';
import { and, eq, gt, isNull } from 'drizzle-orm';
import { sessions } from '@/db/schema';
import { db } from '@/lib/db/client';
import { sha256Hex } from '../secret-tokens';
import { encodeSessionToken, sessionCookie } from './session-cookie';

export type TSessionCookie = {
  name: string;
  value: string;
  options: { httpOnly: true; sameSite: 'lax'; path: '/'; secure: boolean; expires?: Date };
};

/**
 * The session cookie for an open session, lasting as long as its row: without "keep me signed in"
 * a browser-session cookie (no Expires, gone when the browser closes; the row still ends it after
 * the idle timeout or a day), with it until the row's expiry. The token inside expires with the
 * row either way. Null when the session is not open (ended, expired or unknown).
 */
export async function sessionCookieFor(rawSessionId: string): Promise<TSessionCookie | null> {
  const [row] = await db
    .select({ remember: sessions.remember, expiresAt: sessions.expiresAt })
    .from(sessions)
    .where(and(eq(sessions.tokenSha256, sha256Hex(rawSessionId)), isNull(sessions.endedAt), gt(sessions.expiresAt, new Date())));
  if (!row) return null;
  const cookie = sessionCookie();
  return {
    name: cookie.name,
    value: await encodeSessionToken(rawSessionId, row.expiresAt),
    options: { ...cookie.options, httpOnly: true, sameSite: 'lax', path: '/', ...(row.remember ? { expires: row.expiresAt } : {}) },
  };
}
