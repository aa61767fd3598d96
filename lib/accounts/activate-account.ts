import 'server-only';
import { and, eq } from 'drizzle-orm';
import { users } from '@/db/schema';
import { db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { consumeAccountToken } from './account-tokens';

export const INVALID_ACTIVATION_LINK =
  'This activation link cannot be used: it has expired, was used already or is incomplete. Sign in to have a new one sent.';

/** Confirms the address behind a single-use link; the account may then sign in. */
export async function activateAccount(token: string): Promise<void> {
  await db.transaction(async (tx) => {
    const userId = await consumeAccountToken(tx, token, 'activation');
    if (!userId) throw new AppError('INVALID_INPUT', INVALID_ACTIVATION_LINK);
    await tx
      .update(users)
      .set({ status: 'active', activatedAt: new Date(), updatedAt: new Date() })
      .where(and(eq(users.id, userId), eq(users.status, 'pending')));
  });
}
