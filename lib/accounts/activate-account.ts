import 'server-only';
import { and, eq } from 'drizzle-orm';
import { users } from '@/db/schema';
import { db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { consumeAccountToken, isAccountTokenUsable } from './account-tokens';

export const INVALID_ACTIVATION_LINK =
  'This activation link cannot be used: it has expired, was used already or is incomplete. You can have a new one sent.';

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

/** For the page behind the link: whether to offer the button or the "send a new link" form. Changes nothing. */
export function isActivationLinkUsable(token: string): Promise<boolean> {
  return isAccountTokenUsable(db, token, 'activation');
}
