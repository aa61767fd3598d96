/**
 * next/headers for integration tests that render pages, call route handlers or run actions outside
 * a real request: one request whose cookies and client address the test sets. In a test file:
 *
 *   vi.mock('next/headers', () => import('../../helpers/fake-next-headers'));
 *   import { fakeRequest as request } from '../../helpers/fake-next-headers';
 *   request.ip = '203.0.113.7'; request.cookies.set('stockroom.session', token);
 *
 * Each test file gets its own module instance, so the state does not leak between files.
 */
import { createSession } from '@/lib/auth/sessions/create-session';
import { encodeSessionToken, sessionCookie } from '@/lib/auth/sessions/session-cookie';
import { db } from '@/lib/db/client';
import { PEER_HEADER } from '@/lib/http/security-headers';
import { TEST_CLIENT } from './actor-factory';

/** `headers`: further request headers (e.g. Sec-GPC), set and cleared by the test. */
export const fakeRequest = { cookies: new Map<string, string>(), ip: '198.51.100.64', headers: {} as Record<string, string> };

export const cookies = async () => ({
  get: (name: string) => (fakeRequest.cookies.has(name) ? { name, value: fakeRequest.cookies.get(name) } : undefined),
  has: (name: string) => fakeRequest.cookies.has(name),
  set: (name: string, value: string) => fakeRequest.cookies.set(name, value),
  delete: (name: string | { name: string }) => fakeRequest.cookies.delete(typeof name === 'string' ? name : name.name),
});

export const headers = async () => new Headers({ ...fakeRequest.headers, [PEER_HEADER]: fakeRequest.ip });

/** Opens a session for the account and puts its cookie, alone, on the fake request; returns the session token. */
export async function signInFakeRequest(userId: string, kind: 'customer' | 'staff' = 'customer'): Promise<string> {
  const { token } = await createSession(db, { userId, remember: false, client: TEST_CLIENT, kind });
  fakeRequest.cookies.clear();
  fakeRequest.cookies.set(sessionCookie().name, await encodeSessionToken(token, new Date(Date.now() + 3_600_000)));
  return token;
}
