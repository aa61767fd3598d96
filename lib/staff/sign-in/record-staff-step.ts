import 'server-only';
import type { TExecutor } from '@/lib/db/client';
import type { TClientInfo } from '@/lib/http/client-info';
import type { TStaffSignInFailure, TStaffStepResult } from './staff-sign-in-result';
import { recordAccess, type TAccessOutcome, type TAccessStep } from '@/lib/security/record-access';

/** One line in the access log for one step of a staff sign-in; a failure to write it fails the step (nothing unlogged). */
export function recordStaffStep(step: TAccessStep, outcome: TAccessOutcome, userId: string | null, client: TClientInfo, executor?: TExecutor) {
  return recordAccess({ kind: 'staff_sign_in', step, outcome, userId, client }, executor);
}

/** The access-log outcome of a refusal code. */
export function accessOutcomeOf(code: TStaffSignInFailure): TAccessOutcome {
  switch (code) {
    case 'throttled':
    case 'blocked':
    case 'address_not_allowed':
    case 'disabled':
    case 'unavailable':
      return code;
    case 'expired':
      return 'factor_expired';
    case 'invalid':
    case 'wrong_pin':
    case 'wrong_code':
    case 'pin_mismatch':
      return 'invalid';
  }
}

/** Logs a refused step and answers with its code. */
export async function refuseStaffStep(
  step: TAccessStep,
  code: TStaffSignInFailure,
  userId: string | null,
  client: TClientInfo,
  retryAfterSeconds?: number,
): Promise<Extract<TStaffStepResult, { ok: false }>> {
  await recordStaffStep(step, accessOutcomeOf(code), userId, client);
  return { ok: false, code, ...(retryAfterSeconds ? { retryAfterSeconds } : {}) };
}
