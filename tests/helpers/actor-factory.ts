/**
 * Signed-in customers for integration tests.
 *
 * Why a cast: a TCustomerActor can only be made by lib/auth/guards.ts, and the guards read the
 * session cookie through Next's cookies(), which exists only inside a request. A test builds the
 * actor the way a signed-in request does, with every step real except the cookie round trip:
 *   1. a real, active user row;
 *   2. a real session from createSession (the one sign-in uses: it also ends the account's other
 *      sessions and stamps last_login_at);
 *   3. that session's raw id checked by loadSession, the very function the guard calls;
 *   4. the loaded session shaped exactly as getOptionalUser shapes it, then cast to the branded
 *      type. The cast replaces only "read the cookie"; a session that loadSession refuses (ended,
 *      expired, disabled account) throws here instead of becoming an actor.
 */
import { randomUUID } from 'node:crypto';
import bcrypt from 'bcrypt';
import { users } from '@/db/schema';
import type { TCustomerActor } from '@/lib/auth/guards';
import { createSession } from '@/lib/auth/sessions/create-session';
import { loadSession } from '@/lib/auth/sessions/load-session';
import { db } from '@/lib/db/client';
import type { TClientInfo } from '@/lib/http/client-info';

export const TEST_CLIENT: TClientInfo = { ip: '198.51.100.23', browser: 'Firefox 128', os: 'Linux', country: 'IE' };

export type TTestCustomer = { userId: string; email: string; password: string; fullName: string };

/** An active customer with a known password (bcrypt cost 4: verification works for any cost, and it is fast). */
export async function createCustomer(values: Partial<typeof users.$inferInsert> = {}): Promise<TTestCustomer> {
  const password = `pw-${randomUUID()}`;
  const email = values.email ?? `customer-${randomUUID().slice(0, 8)}@example.test`;
  const fullName = values.fullName ?? 'Test Customer';
  const [row] = await db
    .insert(users)
    .values({
      passwordHash: await bcrypt.hash(password, 4),
      status: 'active',
      activatedAt: new Date(),
      ...values,
      email,
      fullName,
    })
    .returning({ id: users.id });
  return { userId: row!.id, email, password, fullName };
}

/** Opens a session for the customer as a sign-in would, and returns the actor the guard would make. */
export async function signIn(
  userId: string,
  options: { remember?: boolean; client?: TClientInfo } = {},
): Promise<{ actor: TCustomerActor; token: string }> {
  const { token } = await createSession(db, { userId, remember: options.remember ?? false, client: options.client ?? TEST_CLIENT });
  return { actor: await actorFromToken(token), token };
}

/** What requireUser returns for a request carrying this raw session id; throws if the guard would refuse it. */
export async function actorFromToken(token: string): Promise<TCustomerActor> {
  const session = await loadSession(token);
  if (session.state !== 'active' || session.kind !== 'customer') {
    throw new Error(`The guard would refuse this session (${session.state === 'ended' ? `ended: ${session.reason}` : session.state})`);
  }
  return {
    kind: 'customer',
    userId: session.userId,
    sessionId: session.sessionId,
    fullName: session.fullName,
    email: session.email,
  } as TCustomerActor;
}

/** A new customer, signed in. */
export async function createSignedInCustomer(values: Partial<typeof users.$inferInsert> = {}) {
  const customer = await createCustomer(values);
  const { actor, token } = await signIn(customer.userId);
  return { ...customer, actor, token };
}
