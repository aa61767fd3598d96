import 'server-only';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { users } from '@/db/schema';
import { hashPassword } from '@/lib/auth/passwords';
import { ZNewPassword } from '@/lib/auth/password-policy';
import { endSessionsOfUser } from '@/lib/auth/sessions/end-sessions';
import { db } from '@/lib/db/client';
import { serverEnv } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { queueMail } from '@/lib/mail/send-mail';
import { consumeAccountToken, isAccountTokenUsable } from './account-tokens';

export const INVALID_RESET_LINK = 'This reset link cannot be used: it has expired, was used already or is incomplete. Ask for a new one below.';

const ZResetForm = z
  .object({ password: ZNewPassword, confirmPassword: z.string() })
  .refine((form) => form.password === form.confirmPassword, { path: ['confirmPassword'], message: 'The two passwords differ.' });

/** Sets a new password through a single-use link and ends every session of the account. */
export async function resetPassword(token: string, form: Record<string, unknown>): Promise<void> {
  const { password } = ZResetForm.parse(form);
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    const userId = await consumeAccountToken(tx, token, 'password_reset');
    if (!userId) throw new AppError('INVALID_INPUT', INVALID_RESET_LINK);
    const changedAt = new Date();
    const [user] = await tx
      .update(users)
      .set({ passwordHash, passwordChangedAt: changedAt, updatedAt: changedAt })
      .where(eq(users.id, userId))
      .returning({ email: users.email, fullName: users.fullName });
    await endSessionsOfUser(userId, 'password_reset', { executor: tx });
    await queueMail(tx, {
      template: 'password-changed',
      to: { address: user!.email, name: user!.fullName },
      subjectUserId: userId,
      data: { name: user!.fullName, changedAt, passwordResetUrl: `${serverEnv().APP_URL}/reset-password` },
    });
  });
}

/** For the page behind the link: whether to show the new-password form or the "ask again" form. Changes nothing. */
export function isResetLinkUsable(token: string): Promise<boolean> {
  return isAccountTokenUsable(db, token, 'password_reset');
}
