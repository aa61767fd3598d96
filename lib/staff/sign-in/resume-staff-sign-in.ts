import 'server-only';
import type { TAccessStep } from '@/lib/security/record-access';
import type { TClientInfo } from '@/lib/http/client-info';
import type { TStaffRole } from '../permissions';
import { loadStaffSignInAccount, type TStaffSignInAccount } from './load-staff-sign-in-account';
import { decodePendingSignIn, type TPassedStep, type TPendingSignIn } from './pending-sign-in';
import { refuseStaffStep } from './record-staff-step';
import { nextStaffStep, staffAccountFailure } from './staff-sign-in-gate';
import type { TStaffStep, TStaffStepResult } from './staff-sign-in-result';

export type TResumedSignIn = { ok: true; note: TPendingSignIn; account: TStaffSignInAccount & { role: TStaffRole } };

/**
 * The pending sign-in a later step continues: a note we signed, unexpired, for an account whose
 * password has not changed since, at exactly the step now submitted, from an address that may
 * still sign in. Anything else is refused and logged; a forged or expired note starts over.
 */
export async function resumeStaffSignIn(
  pendingCookie: string | null | undefined,
  step: Exclude<TStaffStep, 'password'>,
  client: TClientInfo,
): Promise<TResumedSignIn | Extract<TStaffStepResult, { ok: false }>> {
  const logStep: TAccessStep = step === 'recovery_codes' ? 'totp_enrolment' : step;
  const note = decodePendingSignIn(pendingCookie);
  if (!note) return refuseStaffStep(logStep, 'expired', null, client);
  const account = await loadStaffSignInAccount(note.uid);
  const failure = await staffAccountFailure(account, client);
  if (failure || !account?.role) return refuseStaffStep(logStep, failure ?? 'invalid', note.uid, client);
  const staffAccount = { ...account, role: account.role };
  const expected = note.codes ? 'recovery_codes' : await nextStaffStep(staffAccount, note.passed);
  if ((account.passwordChangedAt?.getTime() ?? 0) !== note.pcv || expected !== step) {
    return refuseStaffStep(logStep, 'expired', account.userId, client);
  }
  return { ok: true, note, account: staffAccount };
}

export const withStep = (passed: readonly TPassedStep[], step: TPassedStep): TPassedStep[] => [...new Set([...passed, step])];
