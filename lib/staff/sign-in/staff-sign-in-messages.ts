import { WRONG_CREDENTIALS_MESSAGE } from '@/lib/auth/sign-in-messages';
import type { TStaffSignInFailure } from './staff-sign-in-result';

/** What the staff sign-in page says for each refusal. No server-only import: the form uses it. */
export function staffSignInMessage(code: TStaffSignInFailure, retryAfterSeconds?: number): string {
  switch (code) {
    case 'invalid':
      return WRONG_CREDENTIALS_MESSAGE;
    case 'wrong_pin':
      return 'That PIN is not right.';
    case 'wrong_code':
      return 'That code is not right, or it was already used. Wait for the next code and try again.';
    case 'throttled':
    case 'blocked': {
      const minutes = retryAfterSeconds ? Math.max(1, Math.ceil(retryAfterSeconds / 60)) : 15;
      return `Too many attempts. Try again in ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}.`;
    }
    case 'address_not_allowed':
      return 'Staff cannot sign in from this network. Ask an admin to add it to the allowed addresses.';
    case 'disabled':
      return 'This staff account is locked. Ask an admin to unlock it.';
    case 'expired':
      return 'The sign-in took too long. Please start again with your e-mail and password.';
    case 'pin_mismatch':
      return 'The two PINs are not the same.';
    case 'unavailable':
      return 'Signing in is not possible at the moment. Please try again in a few minutes.';
  }
}
