import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { users } from '@/db/schema';
import { recordActivity } from '@/lib/activity/record-activity';
import { db } from '@/lib/db/client';
import type { TClientInfo } from '@/lib/http/client-info';
import { logLine } from '@/lib/log/log-line';
import { clearThrottle, hitThrottle, peekThrottle, type TThrottleState } from '@/lib/throttle/hit-throttle';
import { throttleRules } from '@/lib/throttle/rules';
import { errorSummary } from '@/lib/log/error-summary';
import { verifyPassword } from './passwords';
import { createSession } from './sessions/create-session';

export const ZSignInInput = z.object({
  email: z.string().trim().max(320).default(''),
  password: z.string().max(1024).default(''),
  remember: z.union([z.literal('true'), z.literal('on'), z.literal('false'), z.literal('')]).optional().transform((value) => value === 'true' || value === 'on'),
});

/** The codes the sign-in form turns into messages (lib/auth/sign-in-messages.ts). */
export type TSignInFailure = 'invalid' | 'not_activated' | 'throttled' | 'disabled' | 'staff_back_office' | 'unavailable';
export type TSignInResult = { ok: true; sessionToken: string; userId: string } | { ok: false; code: TSignInFailure; retryAfterSeconds?: number };

/**
 * Checks e-mail and password and opens a session (ending the account's other sessions).
 * An unknown e-mail and a wrong password give the same answer after the same bcrypt work. Only
 * after the right password does the answer say that an account still needs activation.
 */
export async function signInWithPassword(rawInput: unknown, client: TClientInfo): Promise<TSignInResult> {
  const parsed = ZSignInInput.safeParse(rawInput);
  // A value no form sends (a password of 1,000+ characters, an e-mail of 300+): no account matches it.
  if (!parsed.success) return { ok: false, code: 'invalid' };
  const input = parsed.data;
  const email = input.email.toLowerCase();
  const ipKey = client.ip ?? 'unknown';

  // Fail closed: when the counters cannot be read, nobody signs in.
  let accountState: TThrottleState;
  let ipState: TThrottleState;
  try {
    [accountState, ipState] = await Promise.all([
      peekThrottle(throttleRules.loginFailuresPerAccount, email),
      peekThrottle(throttleRules.loginFailuresPerIp, ipKey),
    ]);
  } catch (error) {
    logLine('error', 'auth', `sign-in refused: the throttle store is unavailable (${errorSummary(error)})`);
    return { ok: false, code: 'unavailable' };
  }
  if (!accountState.allowed || !ipState.allowed) {
    return { ok: false, code: 'throttled', retryAfterSeconds: Math.max(accountState.retryAfterSeconds, ipState.retryAfterSeconds) };
  }

  const [user] = email
    ? await db
        .select({ id: users.id, passwordHash: users.passwordHash, status: users.status, kind: users.kind })
        .from(users)
        .where(eq(sql`lower(${users.email})`, email))
    : [];
  const passwordMatches = await verifyPassword(input.password, user?.passwordHash ?? null);
  if (!user || !passwordMatches) {
    try {
      await Promise.all([hitThrottle(throttleRules.loginFailuresPerAccount, email), hitThrottle(throttleRules.loginFailuresPerIp, ipKey)]);
    } catch (error) {
      logLine('error', 'auth', `a failed sign-in could not be counted (${errorSummary(error)})`);
    }
    return { ok: false, code: 'invalid' };
  }
  if (user.status === 'pending') return { ok: false, code: 'not_activated' };
  if (user.status === 'disabled') return { ok: false, code: 'disabled' };
  // Staff sign in through the back office, behind a second factor (staff security issue).
  if (user.kind === 'staff') return { ok: false, code: 'staff_back_office' };

  // The right password resets the account's failure count (before the session exists, so a failure here opens none).
  await clearThrottle(throttleRules.loginFailuresPerAccount, email);
  const session = await db.transaction(async (tx) => {
    const opened = await createSession(tx, { userId: user.id, remember: input.remember, client });
    await recordActivity({ kind: 'login' }, { userId: user.id, client }, tx);
    return opened;
  });
  return { ok: true, sessionToken: session.token, userId: user.id };
}
