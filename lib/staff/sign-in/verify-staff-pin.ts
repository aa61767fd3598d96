import 'server-only';
import { z } from 'zod';
import { recordAuditEntry } from '@/lib/audit/record-audit-entry';
import { db } from '@/lib/db/client';
import type { TClientInfo } from '@/lib/http/client-info';
import { pinMatches, setPin, ZPin } from '../factors/pin';
import { checkStaffFactor } from './check-staff-factor';
import { continueStaffSignIn } from './continue-staff-sign-in';
import { resumeStaffSignIn, withStep } from './resume-staff-sign-in';
import type { TStaffStepResult } from './staff-sign-in-result';

export const ZPinStepInput = z.object({ pin: z.string().max(100).default('') });

export const ZPinSetupInput = z
  .object({ pin: ZPin, pinConfirm: z.string().max(100) })
  .refine((input) => input.pin === input.pinConfirm, { message: 'The two PINs are not the same.', path: ['pinConfirm'] });

/** The PIN step of a pending staff sign-in. */
export async function verifyStaffPin(rawInput: unknown, client: TClientInfo, pendingCookie: string | null, deviceCookie: string | null): Promise<TStaffStepResult> {
  const resumed = await resumeStaffSignIn(pendingCookie, 'pin', client);
  if (!resumed.ok) return resumed;
  const { account, note } = resumed;
  const pin = ZPin.safeParse(ZPinStepInput.parse(rawInput ?? {}).pin);
  const checked = await checkStaffFactor(account, 'pin', client, deviceCookie, async () => (pin.success && (await pinMatches(account.userId, pin.data)) ? true : null));
  if (!checked.ok) return checked;
  return continueStaffSignIn(account, withStep(note.passed, 'pin'), 'pin', client, deviceCookie);
}

/** At a staff member's first sign-in, right after the password: choosing the PIN (stored as a bcrypt hash, audited). */
export async function setStaffPinAtSignIn(rawInput: unknown, client: TClientInfo, pendingCookie: string | null, deviceCookie: string | null): Promise<TStaffStepResult> {
  const input = ZPinSetupInput.parse(rawInput);
  const resumed = await resumeStaffSignIn(pendingCookie, 'pin_setup', client);
  if (!resumed.ok) return resumed;
  const { account, note } = resumed;
  await db.transaction(async (tx) => {
    await setPin(tx, account.userId, input.pin);
    await recordAuditEntry(tx, { actorKind: 'staff', actorUserId: account.userId, action: 'staff.pin-set', subjectUserId: account.userId, clientIp: client.ip });
  });
  return continueStaffSignIn({ ...account, hasPin: true }, withStep(note.passed, 'pin'), 'pin_setup', client, deviceCookie);
}
