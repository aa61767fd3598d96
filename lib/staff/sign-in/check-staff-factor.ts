import 'server-only';
import { knownDeviceOf } from '@/lib/auth/sign-in-device';
import type { TClientInfo } from '@/lib/http/client-info';
import { countSignInFailure } from '@/lib/security/ip-blocks';
import { noteStaffFactorFailure } from '@/lib/security/security-mail';
import { countAttempt, takeBackAttempt } from '@/lib/throttle/count-attempt';
import { clearThrottle } from '@/lib/throttle/hit-throttle';
import { throttleRules } from '@/lib/throttle/rules';
import type { TStaffSignInAccount } from './load-staff-sign-in-account';
import { recordStaffStep, refuseStaffStep } from './record-staff-step';
import { staffFactorCounters } from './staff-factor-counters';
import type { TStaffStepResult } from './staff-sign-in-result';

type TFactorStep = 'pin' | 'totp' | 'recovery_code' | 'totp_enrolment';

/**
 * Counts a PIN or code attempt before `check` runs (throttled like a password), and on a wrong
 * one logs it, counts it towards the address's block and towards the security e-mail about
 * repeated factor failures. `check` answers what it proved, or null for a wrong factor.
 */
export async function checkStaffFactor<T>(
  account: TStaffSignInAccount,
  step: TFactorStep,
  client: TClientInfo,
  deviceCookie: string | null,
  check: () => Promise<T | null>,
): Promise<{ ok: true; value: T } | Extract<TStaffStepResult, { ok: false }>> {
  const counters = staffFactorCounters(account.userId, client, knownDeviceOf(deviceCookie, account.email));
  const counted = await countAttempt(counters.all, 'staff-sign-in');
  if (!counted.ok) return refuseStaffStep(step, counted.code, account.userId, client, counted.code === 'throttled' ? counted.retryAfterSeconds : undefined);
  const value = await check();
  if (value === null) {
    await recordStaffStep(step, 'invalid', account.userId, client);
    await countSignInFailure(client.ip);
    await noteStaffFactorFailure(account.userId, client);
    return { ok: false, code: step === 'pin' ? 'wrong_pin' : 'wrong_code' };
  }
  await takeBackAttempt(counted.hits, 'staff-sign-in');
  await clearThrottle(throttleRules.staffFactorFailuresPerAccountAndClient, counters.backOffKey);
  return { ok: true, value };
}
