import 'server-only';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { users } from '@/db/schema';
import type { TCustomerActor } from '@/lib/auth/guards';
import { hashPassword } from '@/lib/auth/passwords';
import { ZNewPassword } from '@/lib/auth/password-policy';
import { rotateSessionToken } from '@/lib/auth/sessions/create-session';
import { endSessionsOfUser } from '@/lib/auth/sessions/end-sessions';
import { db } from '@/lib/db/client';
import { serverEnv } from '@/lib/env';
import { queueMail } from '@/lib/mail/send-mail';
import { confirmCurrentPassword } from './confirm-current-password';

const ZChangePassword = z
  .object({ currentPassword: z.string().max(1024), password: ZNewPassword, confirmPassword: z.string() })
  .refine((form) => form.password === form.confirmPassword, { path: ['confirmPassword'], message: 'The two passwords differ.' });

/**
 * Changes the password after checking the current one, ends the account's other sessions and
 * gives this session a new id. Returns that id for the caller to put in a fresh cookie.
 */
export async function changePassword(actor: TCustomerActor, form: Record<string, unknown>): Promise<{ sessionToken: string }> {
  const input = ZChangePassword.parse(form);
  await confirmCurrentPassword(actor, input.currentPassword);
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const changedAt = new Date();
    await tx.update(users).set({ passwordHash, passwordChangedAt: changedAt, updatedAt: changedAt }).where(eq(users.id, actor.userId));
    await endSessionsOfUser(actor.userId, 'password_changed', { keepSessionId: actor.sessionId, executor: tx });
    const sessionToken = await rotateSessionToken(tx, actor.sessionId);
    await queueMail(tx, {
      template: 'password-changed',
      to: { address: actor.email, name: actor.fullName },
      subjectUserId: actor.userId,
      data: { name: actor.fullName, changedAt, passwordResetUrl: `${serverEnv().APP_URL}/reset-password` },
    });
    return { sessionToken };
  });
}
