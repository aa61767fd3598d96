import 'server-only';
import { z } from 'zod';
import { openSignedNote, signNote } from '@/lib/crypto/signed-note';
import { serverEnv } from '@/lib/env';

/** Between the steps of a staff sign-in there is only this signed note, never a session. */
export const PENDING_SIGN_IN_SECONDS = 5 * 60;

export const staffSignInSteps = ['password', 'pin', 'totp'] as const;
export type TPassedStep = (typeof staffSignInSteps)[number];

const ZPendingSignIn = z.strictObject({
  v: z.literal(1),
  /** The staff account. */
  uid: z.uuid(),
  /** When its password last changed (ms): a reset meanwhile voids the note. */
  pcv: z.number().int(),
  passed: z.array(z.enum(staffSignInSteps)).min(1).max(3),
  exp: z.number().int(),
  /** During authenticator enrolment: the new secret, sealed with the data key (base64url). */
  enrol: z.string().max(400).optional(),
  /** Right after enrolment: the new recovery codes, sealed, until the staff member confirms they saved them. */
  codes: z.string().max(1000).optional(),
});

export type TPendingSignIn = z.infer<typeof ZPendingSignIn>;

/** HttpOnly and SameSite=Strict: the note only ever travels with the sign-in form's own requests. */
export function pendingSignInCookie() {
  const secure = serverEnv().APP_URL.startsWith('https://');
  return {
    name: secure ? '__Host-stockroom.staff-pending' : 'stockroom.staff-pending',
    options: { httpOnly: true, sameSite: 'strict' as const, path: '/', secure, maxAge: PENDING_SIGN_IN_SECONDS },
  };
}

const NOTE_DOMAIN = 'staff-pending-sign-in';

export function encodePendingSignIn(note: Omit<TPendingSignIn, 'v' | 'exp'>, now = Date.now()): string {
  return signNote(NOTE_DOMAIN, { v: 1, ...note, exp: now + PENDING_SIGN_IN_SECONDS * 1000 });
}

/** The note, when the value is one we signed and it has not expired; null for anything else. */
export function decodePendingSignIn(value: string | null | undefined, now = Date.now()): TPendingSignIn | null {
  const note = openSignedNote(NOTE_DOMAIN, value, ZPendingSignIn);
  return note && note.exp > now ? note : null;
}
