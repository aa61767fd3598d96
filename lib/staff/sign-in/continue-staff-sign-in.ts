import 'server-only';
import { encryptWithDataKey } from '@/lib/crypto/data-key';
import type { TClientInfo } from '@/lib/http/client-info';
import type { TAccessStep } from '@/lib/security/record-access';
import { startTotpEnrolment } from '../factors/totp';
import type { TStaffRole } from '../permissions';
import { finishStaffSignIn } from './finish-staff-sign-in';
import type { TStaffSignInAccount } from './load-staff-sign-in-account';
import { encodePendingSignIn, type TPassedStep } from './pending-sign-in';
import { recordStaffStep } from './record-staff-step';
import { nextStaffStep } from './staff-sign-in-gate';
import type { TStaffStepResult } from './staff-sign-in-result';

const seal = (value: string) => encryptWithDataKey(value).toString('base64url');

/**
 * After a passed step: the next one as a new pending note, or the session when none is left.
 * Before authenticator enrolment the note carries the new secret, and after it the new recovery
 * codes (both sealed with the data key), so what the page shows and what is checked agree, and
 * the codes are shown before the session opens.
 */
export async function continueStaffSignIn(
  account: TStaffSignInAccount & { role: TStaffRole },
  passed: TPassedStep[],
  justPassed: TAccessStep,
  client: TClientInfo,
  deviceCookie: string | null,
  recoveryCodes: string[] | null = null,
): Promise<TStaffStepResult> {
  const next = await nextStaffStep(account, passed);
  // The last step's success is logged with the session it opens (finishStaffSignIn).
  if (next === 'done' && !recoveryCodes) return finishStaffSignIn(account, justPassed, client, deviceCookie);
  await recordStaffStep(justPassed, 'success', account.userId, client);
  const note = { uid: account.userId, pcv: account.passwordChangedAt?.getTime() ?? 0, passed };
  if (next === 'done') return { ok: true, next: 'recovery_codes', pending: encodePendingSignIn({ ...note, codes: seal(JSON.stringify(recoveryCodes)) }) };
  if (next === 'totp_enrolment') return { ok: true, next, pending: encodePendingSignIn({ ...note, enrol: seal((await startTotpEnrolment(account.email)).secret) }) };
  return { ok: true, next, pending: encodePendingSignIn(note) };
}
