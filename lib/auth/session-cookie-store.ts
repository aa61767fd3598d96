import 'server-only';
import { cookies } from 'next/headers';
import { currentSession } from './guards';
import { endSession } from './sessions/end-sessions';
import { encodeSessionToken, sessionCookie } from './sessions/session-cookie';

/** Writes the session cookie for a raw session id (after a password change re-issues it). */
export async function setSessionCookie(rawSessionId: string, remember: boolean) {
  const cookie = sessionCookie();
  const jar = await cookies();
  jar.set(cookie.name, await encodeSessionToken(rawSessionId), {
    ...cookie.options,
    ...(remember ? { maxAge: 365 * 86_400 } : {}),
  });
}

/**
 * Logout: ends the session on the server first, then drops the cookie. The deletion repeats the
 * cookie's attributes: a `__Host-` cookie is only replaced by one that is Secure with path /.
 */
export async function signOut(): Promise<void> {
  const session = await currentSession();
  if (session.state === 'active') await endSession(session.sessionId, 'logout');
  const cookie = sessionCookie();
  (await cookies()).delete({ name: cookie.name, ...cookie.options });
}
