import 'server-only';
import { z } from 'zod';
import { recordAuditEntry } from '@/lib/audit/record-audit-entry';
import { decryptWithDataKey } from '@/lib/crypto/data-key';
import { db } from '@/lib/db/client';
import type { TClientInfo } from '@/lib/http/client-info';
// Not a React hook, whatever its name says.
import { regenerateRecoveryCodes, useRecoveryCode as redeemRecoveryCode } from '../factors/recovery-codes';
import { enrolTotp, verifyTotp } from '../factors/totp';
import { checkStaffFactor } from './check-staff-factor';
import { continueStaffSignIn } from './continue-staff-sign-in';
import { finishStaffSignIn } from './finish-staff-sign-in';
import { resumeStaffSignIn, withStep } from './resume-staff-sign-in';
import type { TStaffStepResult } from './staff-sign-in-result';

export const ZCodeStepInput = z.object({ code: z.string().max(100).default('') });
export const ZRecoveryCodeInput = z.object({ recoveryCode: z.string().max(100).default('') });

/** The authenticator step: a code of the current or the previous 30 seconds, each accepted once. */
export async function verifyStaffCode(rawInput: unknown, client: TClientInfo, pendingCookie: string | null, deviceCookie: string | null): Promise<TStaffStepResult> {
  const resumed = await resumeStaffSignIn(pendingCookie, 'totp', client);
  if (!resumed.ok) return resumed;
  const { account, note } = resumed;
  const { code } = ZCodeStepInput.parse(rawInput ?? {});
  const checked = await checkStaffFactor(account, 'totp', client, deviceCookie, async () => ((await verifyTotp(account.userId, code)) === 'ok' ? true : null));
  if (!checked.ok) return checked;
  return continueStaffSignIn(account, withStep(note.passed, 'totp'), 'totp', client, deviceCookie);
}

/** Instead of the authenticator: one of the recovery codes, each usable once (audited). */
export async function useStaffRecoveryCode(rawInput: unknown, client: TClientInfo, pendingCookie: string | null, deviceCookie: string | null): Promise<TStaffStepResult> {
  const resumed = await resumeStaffSignIn(pendingCookie, 'totp', client);
  if (!resumed.ok) return resumed;
  const { account, note } = resumed;
  const { recoveryCode } = ZRecoveryCodeInput.parse(rawInput ?? {});
  const checked = await checkStaffFactor(account, 'recovery_code', client, deviceCookie, async () => ((await redeemRecoveryCode(account.userId, recoveryCode)) ? true : null));
  if (!checked.ok) return checked;
  await db.transaction((tx) =>
    recordAuditEntry(tx, { actorKind: 'staff', actorUserId: account.userId, action: 'staff.recovery-code-used', subjectUserId: account.userId, clientIp: client.ip }),
  );
  return continueStaffSignIn(account, withStep(note.passed, 'totp'), 'recovery_code', client, deviceCookie);
}

/**
 * First sign-in of a role that needs a code: the code from the app proves it holds the secret shown
 * (carried sealed in the pending note); then the secret is stored and ten recovery codes are made,
 * shown once with the finished sign-in.
 */
export async function enrolStaffAuthenticator(rawInput: unknown, client: TClientInfo, pendingCookie: string | null, deviceCookie: string | null): Promise<TStaffStepResult> {
  const resumed = await resumeStaffSignIn(pendingCookie, 'totp_enrolment', client);
  if (!resumed.ok) return resumed;
  const { account, note } = resumed;
  if (!note.enrol) return { ok: false, code: 'expired' };
  const secret = decryptWithDataKey(Buffer.from(note.enrol, 'base64url'));
  const { code } = ZCodeStepInput.parse(rawInput ?? {});
  const checked = await checkStaffFactor(account, 'totp_enrolment', client, deviceCookie, () =>
    db.transaction(async (tx) => {
      if (!(await enrolTotp(tx, account.userId, secret, code))) return null;
      const recoveryCodes = await regenerateRecoveryCodes(tx, account.userId);
      await recordAuditEntry(tx, { actorKind: 'staff', actorUserId: account.userId, action: 'staff.totp-enrolled', subjectUserId: account.userId, clientIp: client.ip });
      return recoveryCodes;
    }),
  );
  if (!checked.ok) return checked;
  return continueStaffSignIn({ ...account, totpEnrolled: true }, withStep(note.passed, 'totp'), 'totp_enrolment', client, deviceCookie, checked.value);
}

/** After enrolment, once the staff member says the recovery codes are saved: the session opens. */
export async function confirmRecoveryCodesSaved(client: TClientInfo, pendingCookie: string | null, deviceCookie: string | null): Promise<TStaffStepResult> {
  const resumed = await resumeStaffSignIn(pendingCookie, 'recovery_codes', client);
  if (!resumed.ok) return resumed;
  return finishStaffSignIn(resumed.account, 'totp_enrolment', client, deviceCookie);
}
