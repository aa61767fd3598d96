import 'server-only';
import { eq } from 'drizzle-orm';
import { headers } from 'next/headers';
import { notFound, redirect } from 'next/navigation';
import { cache } from 'react';
import { staffFactors } from '@/db/schema';
import { currentSession } from '@/lib/auth/guards';
import { db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { clientInfoFrom, type TClientInfo } from '@/lib/http/client-info';
import { logLine } from '@/lib/log/log-line';
import { errorSummary } from '@/lib/log/error-summary';
import { isAddressBlocked } from '@/lib/security/ip-blocks';
import { recordAccess, type TAccessOutcome } from '@/lib/security/record-access';
import { isStaffAddressAllowed } from '@/lib/security/staff-allowlist';
import { isStaffRole, roleHasPermission, type TPermission, type TStaffRole } from './permissions';
import { roleNeedsTotp } from './sign-in/staff-sign-in-gate';

declare const staffActorBrand: unique symbol;

/** A staff member allowed this request. Only checkStaffAccess makes one, so a lib function taking it has a checked caller. */
export type TStaffActor = {
  readonly kind: 'staff';
  readonly userId: string;
  readonly sessionId: string;
  readonly role: TStaffRole;
  readonly fullName: string;
  readonly email: string;
  readonly client: TClientInfo;
  readonly [staffActorBrand]: true;
};

type TRefusal = {
  outcome: Extract<TAccessOutcome, 'forbidden' | 'blocked' | 'address_not_allowed' | 'unavailable'>;
  userId: string | null;
  /** What kind of account the refused session belongs to, when there is one. */
  userKind: 'customer' | 'staff' | null;
  staffSessionEnded: boolean;
};
export type TStaffAccess = { ok: true; actor: TStaffActor } | ({ ok: false; client: TClientInfo } & TRefusal);

/**
 * Once per request, what does not depend on the permission: a staff session, an address that is
 * neither blocked nor outside the allowlists (read now, so a change applies to the next request),
 * and the second factors the role needs. A store that cannot be read refuses (fail closed).
 */
const staffRequestContext = cache(async (): Promise<{ ok: true; actor: Omit<TStaffActor, typeof staffActorBrand> } | TRefusal> => {
  const session = await currentSession();
  if (session.state !== 'active' || session.kind !== 'staff' || !isStaffRole(session.staffRole)) {
    const active = session.state === 'active';
    return {
      outcome: 'forbidden',
      userId: active ? session.userId : null,
      userKind: active ? (session.kind === 'staff' ? 'staff' : 'customer') : null,
      staffSessionEnded: session.state === 'ended' && session.kind === 'staff',
    };
  }
  const client = clientInfoFrom(await headers());
  const role = session.staffRole;
  const refuse = (outcome: TRefusal['outcome']): TRefusal => ({ outcome, userId: session.userId, userKind: 'staff', staffSessionEnded: false });
  try {
    if (await isAddressBlocked(client.ip)) return refuse('blocked');
    if (!(await isStaffAddressAllowed(client.ip, { userId: session.userId, role }))) return refuse('address_not_allowed');
    const [factors] = await db
      .select({ pinHash: staffFactors.pinHash, totpEnrolledAt: staffFactors.totpEnrolledAt })
      .from(staffFactors)
      .where(eq(staffFactors.userId, session.userId));
    // An account whose role needs a code has no staff rights until it has enrolled one.
    if (!factors?.pinHash || (!factors.totpEnrolledAt && (await roleNeedsTotp(role)))) return refuse('forbidden');
  } catch (error) {
    logLine('error', 'staff', `staff request refused: security state unavailable (${errorSummary(error)})`);
    return refuse('unavailable');
  }
  return { ok: true, actor: { kind: 'staff', userId: session.userId, sessionId: session.sessionId, role, fullName: session.fullName, email: session.email, client } };
});

/**
 * The one staff guard: every staff page, action and route asks it for a permission of
 * lib/staff/permissions.ts. A refusal is written to the access log with what was asked for.
 */
export async function checkStaffAccess(permission: TPermission, target: string): Promise<TStaffAccess> {
  const context = await staffRequestContext();
  const refusal: TRefusal | null = 'actor' in context ? (roleHasPermission(context.actor.role, permission) ? null : { outcome: 'forbidden', userId: context.actor.userId, userKind: 'staff', staffSessionEnded: false }) : context;
  if (!refusal && 'actor' in context) return { ok: true, actor: context.actor as TStaffActor };
  const client = clientInfoFrom(await headers());
  await recordAccess({ kind: 'staff_request', step: 'request', outcome: refusal!.outcome, userId: refusal!.userId, target, client });
  return { ok: false, ...refusal!, client };
}

/** The staff member allowed in on this request, without asking for a permission or logging anything (the sign-in page, the navigation). */
export async function signedInStaff(): Promise<TStaffActor | null> {
  const context = await staffRequestContext();
  return 'actor' in context ? (context.actor as TStaffActor) : null;
}

/**
 * For staff pages: the actor, or a 404 for anyone without the permission (a page's existence is not
 * confirmed to them); a staff member whose session ended goes back to the staff sign-in.
 */
export async function requireStaff(permission: TPermission, target: string): Promise<TStaffActor> {
  const access = await checkStaffAccess(permission, target);
  if (access.ok) return access.actor;
  if (access.staffSessionEnded) redirect(`/staff/login?reason=session-ended`);
  notFound();
}

/** For staff server actions (lib/actions/action-client.ts): a refusal is an error the form shows. */
export async function requireStaffForAction(
  permission: TPermission,
  actionName: string,
  options: { onRefused?: (refusal: Extract<TStaffAccess, { ok: false }>) => Promise<void> } = {},
): Promise<TStaffActor> {
  const access = await checkStaffAccess(permission, `action:${actionName}`);
  if (access.ok) return access.actor;
  await options.onRefused?.(access);
  throw new AppError('FORBIDDEN', access.staffSessionEnded ? 'Your staff session has ended. Please sign in again.' : 'You do not have permission to do this.');
}
