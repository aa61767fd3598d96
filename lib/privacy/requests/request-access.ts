import 'server-only';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { privacyRequests, users } from '@/db/schema';
import type { TExecutor } from '@/lib/db/client';
import { serverEnv } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { roleHasPermission } from '@/lib/staff/permissions';
import type { TStaffActor } from '@/lib/staff/require-staff';
import { recordRefusedAttempt } from '../record-refused-attempt';

export const REQUEST_NOT_FOUND = 'We could not find that request.';

/** Authorization inside the lib too: a caller that skipped the page or action guard is still refused. */
export function assertPrivacyDesk(actor: TStaffActor): void {
  if (!roleHasPermission(actor.role, 'privacy.requests')) throw new AppError('FORBIDDEN', 'You do not have permission to do this.');
}

/**
 * The same check for the use cases that act on a person's rights (a copy of their data, their
 * erasure, the deadline and closing of their request): a refusal is also written to the audit
 * trail, naming what was attempted and on which request (security checklist 40).
 */
export async function assertPrivacyDeskAudited(actor: TStaffActor, attempted: string, rawRequestId: unknown): Promise<void> {
  if (roleHasPermission(actor.role, 'privacy.requests')) return;
  await recordRefusedAttempt({ actorKind: 'staff', actorUserId: actor.userId, attempted, requestId: rawRequestId, clientIp: actor.client.ip });
  assertPrivacyDesk(actor);
}

export const ZRequestId = z.uuid(REQUEST_NOT_FOUND);

export type TPrivacyRequestRow = typeof privacyRequests.$inferSelect;

/** The request, locked FOR UPDATE when changing it; an unknown or malformed id is NOT_FOUND. */
export async function requestRowOrNotFound(executor: TExecutor, rawId: unknown, options: { forUpdate?: boolean } = {}): Promise<TPrivacyRequestRow> {
  const parsed = ZRequestId.safeParse(rawId);
  if (!parsed.success) throw new AppError('NOT_FOUND', REQUEST_NOT_FOUND);
  const query = executor.select().from(privacyRequests).where(eq(privacyRequests.id, parsed.data));
  const [row] = options.forUpdate ? await query.for('update') : await query;
  if (!row) throw new AppError('NOT_FOUND', REQUEST_NOT_FOUND);
  return row;
}

/**
 * Who the desk writes to about a request: the account's current sign-in address when the request
 * is about an account, else the address the person wrote from. Null when neither is left (erased).
 */
export async function requestRecipient(executor: TExecutor, request: Pick<TPrivacyRequestRow, 'subjectUserId' | 'contactEmail' | 'contactName'>) {
  if (request.subjectUserId) {
    const [user] = await executor.select({ email: users.email, fullName: users.fullName, erasedAt: users.erasedAt }).from(users).where(eq(users.id, request.subjectUserId));
    if (user && !user.erasedAt) return { address: user.email, name: user.fullName };
  }
  if (request.contactEmail) return { address: request.contactEmail, name: request.contactName ?? request.contactEmail };
  return null;
}

export const deskUrl = (requestId?: string) => `${serverEnv().APP_URL}/staff/privacy-requests${requestId ? `/${requestId}` : ''}`;

/** A short reference for mails and lists: the first block of the id (no personal value). */
export const requestReference = (id: string) => id.slice(0, 8);

export const privacyPolicyUrl = () => `${serverEnv().APP_URL}/privacy`;
