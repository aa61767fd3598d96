import 'server-only';
import type { TClientInfo } from '@/lib/http/client-info';
import { isAddressBlocked } from '@/lib/security/ip-blocks';
import { isStaffAddressAllowed } from '@/lib/security/staff-allowlist';
import { getSetting } from '@/lib/settings/get-setting';
import type { TStaffRole } from '../permissions';
import type { TStaffSignInAccount } from './load-staff-sign-in-account';
import type { TPassedStep } from './pending-sign-in';
import type { TStaffSignInFailure, TStaffStep } from './staff-sign-in-result';

/** A blocked address gets no further at any step; a store that cannot be read lets nobody in. */
export async function addressBlockedFailure(client: TClientInfo): Promise<TStaffSignInFailure | null> {
  try {
    return (await isAddressBlocked(client.ip)) ? 'blocked' : null;
  } catch {
    return 'unavailable';
  }
}

/**
 * What every step checks again, because anything may have changed since the previous one: the
 * address (blocks, allowlists) and the account (still staff, still active).
 */
export async function staffAccountFailure(account: TStaffSignInAccount | null, client: TClientInfo): Promise<TStaffSignInFailure | null> {
  const blocked = await addressBlockedFailure(client);
  if (blocked) return blocked;
  if (!account || account.kind !== 'staff' || !account.role) return 'invalid';
  if (account.status !== 'active') return 'disabled';
  try {
    if (!(await isStaffAddressAllowed(client.ip, { userId: account.userId, role: account.role }))) return 'address_not_allowed';
  } catch {
    return 'unavailable';
  }
  return null;
}

/** Whether the role must sign in with a time-based code (setting security.totpRoles), read at every use. */
export async function roleNeedsTotp(role: TStaffRole): Promise<boolean> {
  return (await getSetting('security.totpRoles')).includes(role);
}

/** The step after those passed: the PIN (set at first sign-in), then the code where the role needs one. */
export async function nextStaffStep(account: TStaffSignInAccount & { role: TStaffRole }, passed: readonly TPassedStep[]): Promise<Exclude<TStaffStep, 'password'> | 'done'> {
  if (!passed.includes('pin')) return account.hasPin ? 'pin' : 'pin_setup';
  if (!passed.includes('totp') && (await roleNeedsTotp(account.role))) return account.totpEnrolled ? 'totp' : 'totp_enrolment';
  return 'done';
}
