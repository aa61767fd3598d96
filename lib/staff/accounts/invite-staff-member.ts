import 'server-only';
import { randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { users } from '@/db/schema';
import { issueAccountToken } from '@/lib/accounts/account-tokens';
import { recordAuditEntry } from '@/lib/audit/record-audit-entry';
import { hashPassword } from '@/lib/auth/passwords';
import { db } from '@/lib/db/client';
import { serverEnv } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { queueMail } from '@/lib/mail/send-mail';
import { staffRoleLabels, staffRoles } from '../permissions';
import type { TStaffActor } from '../require-staff';
import { assertMayHandleRole, assertMayManageStaff, lockStaffChanges } from './staff-account-rules';

export const ZStaffInvitation = z.object({
  email: z
    .string({ error: 'Enter an e-mail address.' })
    .trim()
    .max(254, 'That e-mail address is too long.')
    .pipe(z.email('Enter a valid e-mail address, like name@example.com.')),
  fullName: z.string({ error: 'Enter the full name.' }).trim().min(1, 'Enter the full name.').max(200, 'That name is too long.'),
  role: z.enum(staffRoles, { error: 'Choose a role.' }),
});

const duplicateEmail = () =>
  new AppError('CONFLICT', 'An account with this e-mail address already exists.', { email: 'An account with this e-mail address already exists.' });

/**
 * Creates a pending staff account and mails it a link (24 hours, once) to choose its password. The
 * account has no usable password until then: its hash is of a random secret nobody ever sees.
 * PIN and authenticator are set at the first sign-in. One transaction: account, token, audit entry
 * and mail commit together.
 */
export async function inviteStaffMember(actor: TStaffActor, form: unknown): Promise<{ userId: string }> {
  assertMayManageStaff(actor);
  const { email, fullName, role } = ZStaffInvitation.parse(form);
  assertMayHandleRole(actor, role);
  const unusablePasswordHash = await hashPassword(randomBytes(32).toString('base64url'));
  try {
    return await db.transaction(async (tx) => {
      await lockStaffChanges(tx);
      // The same per-address lock registration and createStaffAccount take.
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${email.toLowerCase()}))`);
      const [existing] = await tx.select({ id: users.id }).from(users).where(eq(sql`lower(${users.email})`, email.toLowerCase()));
      if (existing) throw duplicateEmail();
      const [user] = await tx
        .insert(users)
        .values({ email, passwordHash: unusablePasswordHash, fullName, kind: 'staff', staffRole: role, status: 'pending' })
        .returning({ id: users.id });
      const userId = user!.id;
      const token = await issueAccountToken(tx, userId, 'staff_invitation');
      await recordAuditEntry(tx, {
        actorKind: 'staff',
        actorUserId: actor.userId,
        action: 'staff.invited',
        subjectUserId: userId,
        objectType: 'user',
        objectId: userId,
        clientIp: actor.client.ip,
        role,
      });
      await queueMail(tx, {
        template: 'staff-invitation',
        to: { address: email, name: fullName },
        subjectUserId: userId,
        data: { name: fullName, roleLabel: staffRoleLabels[role], invitationUrl: `${serverEnv().APP_URL}/staff/invitation/${token}` },
      });
      return { userId };
    });
  } catch (error) {
    // A writer not taking the address lock (an e-mail change) can still win the unique index.
    if ((error as { code?: string; cause?: { code?: string } }).cause?.code === '23505' || (error as { code?: string }).code === '23505') throw duplicateEmail();
    throw error;
  }
}
