import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { users } from '@/db/schema';
import { recordAuditEntry } from '@/lib/audit/record-audit-entry';
import { hashPassword } from '@/lib/auth/passwords';
import { ZNewPassword } from '@/lib/auth/password-policy';
import type { TExecutor } from '@/lib/db/client';
import { AppError, fieldErrorsFrom } from '@/lib/errors';
import { staffRoles } from './permissions';

export const ZStaffAccount = z.object({
  email: z
    .string({ error: 'Enter an e-mail address.' })
    .trim()
    .max(254, 'That e-mail address is too long.')
    .pipe(z.email('Enter a valid e-mail address, like name@example.com.')),
  fullName: z.string({ error: 'Enter the full name.' }).trim().min(1, 'Enter the full name.').max(200, 'That name is too long.'),
  role: z.enum(staffRoles, { error: `Choose one of the roles: ${staffRoles.join(', ')}.` }),
  password: ZNewPassword,
});

export type TStaffAccountInput = z.input<typeof ZStaffAccount>;

const duplicateEmail = () =>
  new AppError('CONFLICT', 'An account with this e-mail address already exists.', { email: 'An account with this e-mail address already exists.' });

/**
 * Creates an active staff account (no activation mail: whoever creates it hands the password over).
 * The PIN and the authenticator are set up by the staff member at first sign-in. The audit entry
 * names the acting staff member, or the system for the command line and the demo.
 */
export async function createStaffAccount(
  executor: TExecutor,
  input: TStaffAccountInput,
  options: { actorUserId?: string | null } = {},
): Promise<{ userId: string }> {
  const parsed = ZStaffAccount.safeParse(input);
  if (!parsed.success) throw new AppError('INVALID_INPUT', 'Please correct the marked fields.', fieldErrorsFrom(parsed.error));
  const { email, fullName, role, password } = parsed.data;
  const passwordHash = await hashPassword(password);
  const actorUserId = options.actorUserId ?? null;

  try {
    return await executor.transaction(async (tx) => {
      // The same lock registration takes: a customer registering the address at once waits, then sees this.
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${email.toLowerCase()}))`);
      const [existing] = await tx.select({ id: users.id }).from(users).where(eq(sql`lower(${users.email})`, email.toLowerCase()));
      if (existing) throw duplicateEmail();

      const now = new Date();
      const [user] = await tx
        .insert(users)
        .values({ email, passwordHash, fullName, kind: 'staff', staffRole: role, status: 'active', activatedAt: now, passwordChangedAt: now })
        .returning({ id: users.id });
      const userId = user!.id;
      await recordAuditEntry(tx, {
        actorKind: actorUserId ? 'staff' : 'system',
        actorUserId,
        action: 'staff.account-created',
        subjectUserId: userId,
        objectType: 'user',
        objectId: userId,
        role,
      });
      return { userId };
    });
  } catch (error) {
    // Another writer not taking the lock (an e-mail change) can still win the unique index.
    if ((error as { code?: string; cause?: { code?: string } }).cause?.code === '23505' || (error as { code?: string }).code === '23505') throw duplicateEmail();
    throw error;
  }
}
