import 'server-only';
import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { setSessionCookie } from '@/lib/auth/session-cookie-store';
import { signInDeviceCookie } from '@/lib/auth/sign-in-device';
import { AppError } from '@/lib/errors';
import { clientInfoFrom, type TClientInfo } from '@/lib/http/client-info';
import { pendingSignInCookie } from './pending-sign-in';
import { staffSignInMessage } from './staff-sign-in-messages';
import type { TStaffStepResult } from './staff-sign-in-result';

type TStep = (input: unknown, client: TClientInfo, pendingCookie: string | null, deviceCookie: string | null) => Promise<TStaffStepResult>;

/**
 * Runs one step of the staff sign-in for a server action with this request's cookies and client
 * address, and writes its outcome: the next pending note (the page then shows the next form), or
 * the session cookie and a redirect into the back office. A refusal becomes an error the form
 * shows; one that means starting over also drops the pending note.
 */
export async function runStaffSignInStep(step: TStep, input: unknown): Promise<{ next: string }> {
  const jar = await cookies();
  const pending = pendingSignInCookie();
  const device = signInDeviceCookie();
  const result = await step(input, clientInfoFrom(await headers()), jar.get(pending.name)?.value ?? null, jar.get(device.name)?.value ?? null);
  if (!result.ok) {
    if (result.code === 'expired' || result.code === 'address_not_allowed' || result.code === 'disabled' || result.code === 'blocked') {
      dropPendingSignIn(jar);
    }
    throw new AppError(result.code === 'throttled' || result.code === 'blocked' ? 'RATE_LIMITED' : 'UNAUTHENTICATED', staffSignInMessage(result.code, result.retryAfterSeconds));
  }
  if (result.next !== 'done') {
    jar.set(pending.name, result.pending, pending.options);
    return { next: result.next };
  }
  dropPendingSignIn(jar);
  jar.set(device.name, result.deviceCookie, device.options);
  await setSessionCookie(result.sessionToken);
  redirect('/staff');
}

/** "Start again": forgets the pending sign-in of this browser. */
export async function abandonStaffSignIn(): Promise<{ next: string }> {
  dropPendingSignIn(await cookies());
  return { next: 'password' };
}

function dropPendingSignIn(jar: Awaited<ReturnType<typeof cookies>>) {
  const pending = pendingSignInCookie();
  // A `__Host-` cookie is only replaced by one with the same attributes.
  jar.delete({ name: pending.name, path: pending.options.path, secure: pending.options.secure, httpOnly: true, sameSite: 'strict' });
}
