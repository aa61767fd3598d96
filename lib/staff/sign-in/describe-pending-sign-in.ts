import 'server-only';
import { z } from 'zod';
import { decryptWithDataKey } from '@/lib/crypto/data-key';
import { totpEnrolmentView } from '../factors/totp-enrolment-view';
import { loadStaffSignInAccount } from './load-staff-sign-in-account';
import { decodePendingSignIn } from './pending-sign-in';
import { nextStaffStep } from './staff-sign-in-gate';

export type TStaffSignInView =
  | { step: 'password' }
  | { step: 'pin' }
  | { step: 'pin_setup' }
  | { step: 'totp' }
  /** `qrDataUrl`: the otpauth:// URI as an SVG QR code in a data: URL, for an <img> (the CSP allows data: images). */
  | { step: 'totp_enrolment'; secret: string; otpauthUri: string; qrDataUrl: string }
  | { step: 'recovery_codes'; codes: string[] };

const unseal = (value: string) => decryptWithDataKey(Buffer.from(value, 'base64url'));

/**
 * Which form the staff sign-in page shows for this browser's pending note. Only for showing: every
 * submitted step checks the note again (resumeStaffSignIn). Anything unusable starts at the password.
 */
export async function describePendingStaffSignIn(pendingCookie: string | null | undefined): Promise<TStaffSignInView> {
  const note = decodePendingSignIn(pendingCookie);
  if (!note) return { step: 'password' };
  const account = await loadStaffSignInAccount(note.uid);
  if (!account?.role || account.status !== 'active' || (account.passwordChangedAt?.getTime() ?? 0) !== note.pcv) return { step: 'password' };
  if (note.codes) return { step: 'recovery_codes', codes: z.array(z.string()).parse(JSON.parse(unseal(note.codes))) };
  const next = await nextStaffStep({ ...account, role: account.role }, note.passed);
  if (next === 'totp_enrolment' && note.enrol) {
    const secret = unseal(note.enrol);
    const { otpauthUri, qrSvg } = await totpEnrolmentView(secret, account.email);
    return { step: next, secret, otpauthUri, qrDataUrl: `data:image/svg+xml;base64,${Buffer.from(qrSvg).toString('base64')}` };
  }
  if (next === 'pin' || next === 'pin_setup' || next === 'totp') return { step: next };
  return { step: 'password' };
}
