/** The steps of a staff sign-in, in order; which ones an account meets depends on its factors and role. */
export type TStaffStep = 'password' | 'pin' | 'pin_setup' | 'totp' | 'totp_enrolment' | 'recovery_codes';

/** Codes the sign-in page turns into messages (lib/staff/sign-in/staff-sign-in-messages.ts). */
export type TStaffSignInFailure =
  | 'invalid'
  | 'wrong_pin'
  | 'wrong_code'
  | 'throttled'
  | 'blocked'
  | 'address_not_allowed'
  | 'disabled'
  | 'expired'
  | 'pin_mismatch'
  | 'unavailable';

export type TStaffStepResult =
  | { ok: false; code: TStaffSignInFailure; retryAfterSeconds?: number }
  /** `pending` is the new value of the pending sign-in cookie. */
  | { ok: true; next: Exclude<TStaffStep, 'password'>; pending: string }
  /** Signed in: the session id for the session cookie, and the sign-in device cookie's value. */
  | { ok: true; next: 'done'; sessionToken: string; deviceCookie: string };
