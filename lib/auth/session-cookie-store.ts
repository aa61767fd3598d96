import 'server-only';
import { cookies } from 'next/headers';
import { currentSession } from './guards';
import { endSession } from './sessions/end-sessions';
import { sessionCookie } from './sessions/session-cookie';
import { sessionCookieFor } from './sessions/session-cookie-for';

/**
 * Writes the session cookie for a raw session id (after a password change re-issues it), lasting
 * as long as the session's row: a browser-session cookie unless "keep me signed in" was chosen.
 */
export async function setSessionCookie(rawSessionId: string) {
  const cookie = await sessionCookieFor(rawSessionId);
  if (cookie) (await cookies()).set(cookie.name, cookie.value, cookie.options);
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
