import 'server-only';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { users } from '@/db/schema';
import { consumeAccountToken, isAccountTokenUsable } from '@/lib/accounts/account-tokens';
import { recordAuditEntry } from '@/lib/audit/record-audit-entry';
import { hashPassword } from '@/lib/auth/passwords';
import { ZNewPassword } from '@/lib/auth/password-policy';
import { db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import type { TClientInfo } from '@/lib/http/client-info';

export const INVALID_INVITATION_LINK =
  'This invitation link cannot be used: it has expired, was used already or is incomplete. Ask whoever invited you for a new invitation.';

export const ZInvitationPassword = z
  .object({ password: ZNewPassword, confirmPassword: z.string().max(1024) })
  .refine((form) => form.password === form.confirmPassword, { path: ['confirmPassword'], message: 'The two passwords differ.' });

/**
 * Sets the invited staff member's password through the single-use link and makes the account
 * active; they then sign in at /staff/login, where the PIN and authenticator are set up. A link
 * that is used, expired, altered, or whose account was locked meanwhile, changes nothing.
 */
export async function acceptStaffInvitation(token: string, form: unknown, client: TClientInfo): Promise<void> {
  const { password } = ZInvitationPassword.parse(form);
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    const userId = await consumeAccountToken(tx, token, 'staff_invitation');
    if (!userId) throw new AppError('INVALID_INPUT', INVALID_INVITATION_LINK);
    const now = new Date();
    const [activated] = await tx
      .update(users)
      .set({ passwordHash, status: 'active', activatedAt: now, passwordChangedAt: now, updatedAt: now })
      .where(and(eq(users.id, userId), eq(users.kind, 'staff'), eq(users.status, 'pending')))
      .returning({ role: users.staffRole });
    // Rolls the token back too: a link whose account is no longer pending was never usable.
    if (!activated) throw new AppError('INVALID_INPUT', INVALID_INVITATION_LINK);
    await recordAuditEntry(tx, {
      actorKind: 'staff',
      actorUserId: userId,
      action: 'staff.invitation-accepted',
      subjectUserId: userId,
      objectType: 'user',
      objectId: userId,
      clientIp: client.ip,
      ...(activated.role ? { role: activated.role } : {}),
    });
  });
}

/** For the page behind the link: whether to show the password form. Changes nothing. */
export function isStaffInvitationUsable(token: string): Promise<boolean> {
  return isAccountTokenUsable(db, token, 'staff_invitation');
}
