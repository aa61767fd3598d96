/**
 * What the sign-in page says. next-auth hands the browser the code that authorize() threw
 * (lib/auth/next-auth-options.ts), like `invalid` or `throttled:120`; this turns it into a sentence.
 * No server-only import: the sign-in form (a client component) uses it.
 */

export type TSignInProblem = {
  /** `not_activated` makes the form offer to send the activation link again. */
  kind: 'invalid' | 'not_activated' | 'throttled' | 'disabled' | 'erasure_pending' | 'staff_back_office' | 'parental_pending' | 'unavailable';
  message: string;
};

export const WRONG_CREDENTIALS_MESSAGE = 'The e-mail address or password is not right.';

export function signInProblem(code: string | null | undefined): TSignInProblem {
  const [name = '', detail] = (code ?? '').split(':');
  switch (name) {
    case 'invalid':
    case 'CredentialsSignin':
      return { kind: 'invalid', message: WRONG_CREDENTIALS_MESSAGE };
    case 'not_activated':
      return {
        kind: 'not_activated',
        message:
          'Your account is not activated yet. Open the link in the e-mail we sent when you registered, or have a new one sent below.',
      };
    case 'throttled': {
      const seconds = Number.parseInt(detail ?? '', 10);
      const minutes = Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds / 60) : 15;
      return { kind: 'throttled', message: `Too many attempts. Try again in ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}.` };
    }
    case 'disabled':
      return { kind: 'disabled', message: 'This account has been closed. Please contact us if you think this is a mistake.' };
    case 'erasure_pending':
      return {
        kind: 'erasure_pending',
        message: 'This account is being deleted, as you confirmed. To keep it, open the link in the confirmation e-mail and cancel the deletion.',
      };
    case 'parental_pending':
      return {
        kind: 'parental_pending',
        message:
          'Your account waits for a parent or guardian to confirm that you may use it. Once our privacy team has recorded their confirmation you can sign in; ask your parent or guardian to contact us.',
      };
    case 'staff_back_office':
      // The same words as a wrong password: this form must not tell anyone which addresses are staff accounts.
      return { kind: 'staff_back_office', message: WRONG_CREDENTIALS_MESSAGE };
    default:
      return { kind: 'unavailable', message: 'Signing in is not possible at the moment. Please try again in a few minutes.' };
  }
}

/** Why a visitor was sent to the sign-in page (the `reason` parameter set by requireUser). */
export function signedOutReasonMessage(reason: string | null | undefined): string | null {
  switch (reason) {
    case 'signed-in-elsewhere':
      return 'You were signed out because your account signed in on another computer.';
    case 'session-expired':
      return 'Your session has expired. Please sign in again.';
    case 'signed-out':
      return 'You have been signed out.';
    case 'sign-in-required':
      return 'Please sign in to continue.';
    default:
      return null;
  }
}
