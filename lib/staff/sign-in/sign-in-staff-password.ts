import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { users } from '@/db/schema';
import { verifyPassword } from '@/lib/auth/passwords';
import { knownDeviceOf } from '@/lib/auth/sign-in-device';
import { signInCounters } from '@/lib/auth/sign-in-with-password';
import { db } from '@/lib/db/client';
import type { TClientInfo } from '@/lib/http/client-info';
import { countSignInFailure } from '@/lib/security/ip-blocks';
import { countAttempt, takeBackAttempt } from '@/lib/throttle/count-attempt';
import { clearThrottle } from '@/lib/throttle/hit-throttle';
import { throttleRules } from '@/lib/throttle/rules';
import { continueStaffSignIn } from './continue-staff-sign-in';
import { loadStaffSignInAccount } from './load-staff-sign-in-account';
import { recordStaffStep, refuseStaffStep } from './record-staff-step';
import { addressBlockedFailure, staffAccountFailure } from './staff-sign-in-gate';
import type { TStaffStepResult } from './staff-sign-in-result';

export const ZStaffPasswordInput = z.object({
  email: z.string().trim().max(320).default(''),
  password: z.string().max(1024).default(''),
});

/**
 * The first step at /staff/login. Counted by the same throttles as the customers' sign-in, and
 * answered the same for an unknown e-mail, a wrong password and a customer's account, so the form
 * tells nobody which addresses are staff. Passing it gives a pending sign-in note, never a session.
 */
export async function signInStaffWithPassword(rawInput: unknown, client: TClientInfo, deviceCookie: string | null): Promise<TStaffStepResult> {
  const parsed = ZStaffPasswordInput.safeParse(rawInput);
  if (!parsed.success) return refuseStaffStep('password', 'invalid', null, client);
  const email = parsed.data.email.toLowerCase();

  const blocked = await addressBlockedFailure(client);
  if (blocked) return refuseStaffStep('password', blocked, null, client);

  const [user] = email
    ? await db
        .select({ id: users.id, passwordHash: users.passwordHash, kind: users.kind, passwordChangedAt: users.passwordChangedAt })
        .from(users)
        .where(eq(sql`lower(${users.email})`, email))
    : [];
  const knownDevice = knownDeviceOf(deviceCookie, email);
  const counters = signInCounters(email, user?.passwordChangedAt ?? null, client.ip, knownDevice);
  const counted = await countAttempt(counters.all, 'staff-sign-in');
  if (!counted.ok) return refuseStaffStep('password', counted.code, user?.id ?? null, client, counted.code === 'throttled' ? counted.retryAfterSeconds : undefined);

  const passwordMatches = await verifyPassword(parsed.data.password, user?.passwordHash ?? null);
  if (!user || !passwordMatches) {
    await countSignInFailure(client.ip);
    return refuseStaffStep('password', 'invalid', user?.id ?? null, client);
  }
  await takeBackAttempt(counted.hits, 'staff-sign-in');
  if (user.kind !== 'staff') {
    // A customer's right password at the staff door: the same answer as a wrong one.
    await recordStaffStep('password', 'wrong_kind', user.id, client);
    return { ok: false, code: 'invalid' };
  }

  const account = await loadStaffSignInAccount(user.id);
  const failure = await staffAccountFailure(account, client);
  if (failure || !account?.role) return refuseStaffStep('password', failure ?? 'invalid', user.id, client);
  await clearThrottle(throttleRules.loginFailuresPerAccountAndClient, counters.backOffKey);
  return continueStaffSignIn({ ...account, role: account.role }, ['password'], 'password', client, deviceCookie);
}
