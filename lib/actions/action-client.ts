import 'server-only';
import { createMiddleware, createSafeActionClient } from 'next-safe-action';
import { z } from 'zod';
import { requireUser, type TCustomerActor } from '@/lib/auth/guards';
import { AppError, describeError, type TActionFailure } from '@/lib/errors';
import { recordRefusedAttempt } from '@/lib/privacy/record-refused-attempt';
import { permissions, type TPermission } from '@/lib/staff/permissions';
import { requireStaffForAction, type TStaffActor } from '@/lib/staff/require-staff';
import { recordActionOutcome, type TActionOutcome } from './record-action-outcome';

/**
 * The one wrapper for server actions, built on next-safe-action. An action is defined as
 *
 *   customerActionClient
 *     .metadata({ name: 'account.save-details', signInReturnTo: '/account' })
 *     .inputSchema(formInput(ZSomething))
 *     .action(async ({ parsedInput, ctx: { actor } }) => …)
 *
 * and handed to useActionState through formAction (./form-action.ts). For every call, in order:
 *   1. the outcome is timed and, at the end, given to recordActionOutcome (whatever happened);
 *   2. customer actions: requireUser (lib/auth/guards.ts) makes the actor, or sends the caller to
 *      the sign-in page before anything else runs;
 *   3. the input is parsed with the action's zod schema; a refusal answers with field errors and
 *      the action's code does not run;
 *   4. the code runs; whatever it throws is mapped by describeError (lib/errors.ts, the one place
 *      errors become messages), except Next's redirect() and notFound(), which next-safe-action
 *      passes through to Next.
 *
 * Staff actions use staffActionClient: metadata names the permission, and requireStaffForAction
 * (lib/staff/require-staff.ts) makes the staff actor or refuses (logged in the access log).
 */

const ZActionMetadata = z.object({
  /** `area.verb-noun`: names the action in the outcome record. */
  name: z.string().regex(/^[a-z]+(?:-[a-z]+)*(?:\.[a-z]+(?:-[a-z]+)*)+$/),
  /** Customer actions: the page a signed-out caller returns to after signing in (default /account). */
  signInReturnTo: z.string().startsWith('/').optional(),
  /** Staff actions: the permission of lib/staff/permissions.ts the action needs. */
  permission: z.enum(Object.keys(permissions) as [TPermission, ...TPermission[]]).optional(),
});

export type TActionMetadata = z.infer<typeof ZActionMetadata>;

function outcomeOf(result: { success: boolean; navigationKind?: unknown; validationErrors?: unknown; serverError?: unknown }): TActionOutcome {
  if (result.navigationKind !== undefined) return 'navigated';
  if (result.validationErrors !== undefined) return 'invalid-input';
  if (result.serverError !== undefined || !result.success) return 'failed';
  return 'succeeded';
}

const recordOutcome = createMiddleware<{ metadata: TActionMetadata; serverError: TActionFailure }>().define(async ({ metadata, next }) => {
  const startedAt = performance.now();
  const result = await next();
  const actor = (result.ctx as { actor?: TCustomerActor | TStaffActor } | undefined)?.actor ?? null;
  recordActionOutcome({ name: metadata.name, outcome: outcomeOf(result), actor, durationMs: performance.now() - startedAt });
  return result;
});

const baseClient = createSafeActionClient({
  defineMetadataSchema: () => ZActionMetadata,
  defaultValidationErrorsShape: 'flattened',
  // next-safe-action's default would log the error's message (which may quote a query's parameters).
  handleServerError: (error): TActionFailure => describeError(error).failure,
}).use(recordOutcome);

/** For visitors who need not be signed in: registration, activation, password reset, sign-out. */
export const publicActionClient = baseClient;

/** For a signed-in customer: the action's code gets `ctx.actor`, made by requireUser. */
export const customerActionClient = baseClient.use(async ({ metadata, next }) =>
  next({ ctx: { actor: await requireUser(metadata.signInReturnTo) } }),
);

/** For staff: the action's code gets `ctx.actor` only when the role has metadata.permission. */
export const staffActionClient = baseClient.use(async ({ metadata, clientInput, next }) => {
  // A staff action without a permission is a programming error, refused rather than let through.
  if (!metadata.permission) throw new AppError('FORBIDDEN', 'You do not have permission to do this.');
  // A refused attempt at a person's request (export, erasure, deadline, closing) is also audited, on that request (checklist 40).
  const onRefused =
    metadata.permission === 'privacy.requests'
      ? (refusal: { userId: string | null; userKind: 'customer' | 'staff' | null; client: { ip: string | null } }) =>
          recordRefusedAttempt({ actorKind: refusal.userKind ?? 'customer', actorUserId: refusal.userId, attempted: metadata.name, requestId: requestIdOf(clientInput), clientIp: refusal.client.ip })
      : undefined;
  return next({ ctx: { actor: await requireStaffForAction(metadata.permission, metadata.name, { onRefused }) } });
});

/** The request an action's form names (a hidden requestId field), before the input is checked. */
function requestIdOf(clientInput: unknown): unknown {
  if (clientInput instanceof FormData) return clientInput.get('requestId');
  return typeof clientInput === 'object' && clientInput !== null ? (clientInput as { requestId?: unknown }).requestId : undefined;
}
