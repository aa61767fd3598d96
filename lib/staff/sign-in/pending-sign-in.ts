import 'server-only';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { secretsEnv, serverEnv } from '@/lib/env';

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

const mac = (body: string) => createHmac('sha256', secretsEnv().AUTH_SECRET).update(`staff-pending-sign-in\0${body}`).digest();

export function encodePendingSignIn(note: Omit<TPendingSignIn, 'v' | 'exp'>, now = Date.now()): string {
  const body = Buffer.from(JSON.stringify({ v: 1, ...note, exp: now + PENDING_SIGN_IN_SECONDS * 1000 })).toString('base64url');
  return `${body}.${mac(body).toString('base64url')}`;
}

/** The note, when the value is one we signed and it has not expired; null for anything else. */
export function decodePendingSignIn(value: string | null | undefined, now = Date.now()): TPendingSignIn | null {
  if (!value || value.length > 2000) return null;
  const [body, signature, ...rest] = value.split('.');
  if (!body || !signature || rest.length > 0) return null;
  const expected = mac(body);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  const note = ZPendingSignIn.safeParse(parsed);
  if (!note.success || note.data.exp <= now) return null;
  return note.data;
}
