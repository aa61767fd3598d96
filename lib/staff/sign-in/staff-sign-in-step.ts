import 'server-only';
import { z } from 'zod';
import { ZStaffPasswordInput } from './sign-in-staff-password';
import { signInStaffWithPassword } from './sign-in-staff-password';
import { confirmRecoveryCodesSaved, enrolStaffAuthenticator, useStaffRecoveryCode, verifyStaffCode, ZCodeStepInput, ZRecoveryCodeInput } from './verify-staff-code';
import { setStaffPinAtSignIn, verifyStaffPin, ZPinSetupInput, ZPinStepInput } from './verify-staff-pin';
import { abandonStaffSignIn, runStaffSignInStep } from './staff-sign-in-cookies';

/**
 * One submitted form of the staff sign-in. `step` only says which form was sent; the pending note
 * decides which step is really due (a mismatch starts over).
 */
export const ZStaffSignInForm = z.discriminatedUnion('step', [
  ZStaffPasswordInput.extend({ step: z.literal('password') }),
  ZPinStepInput.extend({ step: z.literal('pin') }),
  z.object({ step: z.literal('pin_setup'), pin: z.string().max(100), pinConfirm: z.string().max(100) }),
  ZCodeStepInput.extend({ step: z.literal('totp') }),
  ZRecoveryCodeInput.extend({ step: z.literal('recovery_code') }),
  ZCodeStepInput.extend({ step: z.literal('totp_enrolment') }),
  z.object({ step: z.literal('recovery_codes') }),
  z.object({ step: z.literal('restart') }),
]);

export type TStaffSignInForm = z.infer<typeof ZStaffSignInForm>;

export function submitStaffSignInStep(form: TStaffSignInForm): Promise<{ next: string }> {
  switch (form.step) {
    case 'password':
      return runStaffSignInStep((input, client, _pending, device) => signInStaffWithPassword(input, client, device), form);
    case 'pin':
      return runStaffSignInStep(verifyStaffPin, form);
    case 'pin_setup':
      return runStaffSignInStep(setStaffPinAtSignIn, ZPinSetupInput.parse(form));
    case 'totp':
      return runStaffSignInStep(verifyStaffCode, form);
    case 'recovery_code':
      return runStaffSignInStep(useStaffRecoveryCode, form);
    case 'totp_enrolment':
      return runStaffSignInStep(enrolStaffAuthenticator, form);
    case 'restart':
      return abandonStaffSignIn();
    case 'recovery_codes':
      return runStaffSignInStep((_input, client, pending, device) => confirmRecoveryCodesSaved(client, pending, device), form);
  }
}
