import 'server-only';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { loadSession, type TLoadedSession } from './sessions/load-session';
import { decodeSessionToken, sessionCookie } from './sessions/session-cookie';

declare const actorBrand: unique symbol;

/** A signed-in customer. Only the guards below can make one, so a lib function taking an actor has a checked caller. */
export type TCustomerActor = {
  readonly kind: 'customer';
  readonly userId: string;
  readonly sessionId: string;
  readonly fullName: string;
  readonly email: string;
  readonly [actorBrand]: true;
};

/** Why a visitor lands on the sign-in page; shown there as a message. */
export type TSignedOutReason = 'signed-in-elsewhere' | 'session-expired' | 'signed-out' | 'sign-in-required';

/** Once per request: the cookie's session id, checked against the sessions table. */
export const currentSession = cache(async (): Promise<TLoadedSession> => {
  const jar = await cookies();
  const sessionId = await decodeSessionToken(jar.get(sessionCookie().name)?.value);
  return loadSession(sessionId);
});

export async function getOptionalUser(): Promise<TCustomerActor | null> {
  const session = await currentSession();
  if (session.state !== 'active' || session.kind !== 'customer') return null;
  return {
    kind: 'customer',
    userId: session.userId,
    sessionId: session.sessionId,
    fullName: session.fullName,
    email: session.email,
  } as TCustomerActor;
}

/** For pages, actions and routes that need a signed-in customer; anyone else goes to the sign-in page. */
export async function requireUser(returnTo = '/account'): Promise<TCustomerActor> {
  const actor = await getOptionalUser();
  if (actor) return actor;
  const session = await currentSession();
  const reason: TSignedOutReason =
    session.state === 'ended'
      ? session.reason === 'signed_in_elsewhere'
        ? 'signed-in-elsewhere'
        : session.reason === 'idle_timeout' || session.reason === 'expired'
          ? 'session-expired'
          : 'signed-out'
      : 'sign-in-required';
  redirect(`/login?${new URLSearchParams({ reason, next: safeReturnPath(returnTo) })}`);
}

/**
 * Only a path on this site: no scheme, no host, no `//evil`, no backslash tricks. The check is made
 * on the normalised path too, because `/.//evil.example` and `/%2e//evil.example` normalise to
 * `//evil.example`, which a browser reads as another host.
 */
export function safeReturnPath(candidate: string | null | undefined, fallback = '/account'): string {
  if (!candidate || !candidate.startsWith('/') || candidate.startsWith('//') || candidate.includes('\\')) return fallback;
  try {
    const url = new URL(candidate, 'http://stockroom.invalid');
    if (url.origin !== 'http://stockroom.invalid') return fallback;
    const path = `${url.pathname}${url.search}`;
    return path.startsWith('/') && !path.startsWith('//') && !path.includes('\\') ? path : fallback;
  } catch {
    return fallback;
  }
}
