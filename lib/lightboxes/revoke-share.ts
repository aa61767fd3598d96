import 'server-only';
import { and, eq, isNull } from 'drizzle-orm';
import { shares } from '@/db/schema';
import type { TCustomerActor } from '@/lib/auth/guards';
import { db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { logAuthorizationFailure } from './lightbox-owner';
import { ZShareId } from './share-input';

const SHARE_NOT_FOUND = 'We could not find that share.';

/** Ends a share's link now. Only the sender can; revoking twice changes nothing. */
export async function revokeShare(actor: TCustomerActor, rawShareId: unknown): Promise<void> {
  const parsed = ZShareId.safeParse(rawShareId);
  if (!parsed.success) throw new AppError('NOT_FOUND', SHARE_NOT_FOUND);
  const [own] = await db.select({ id: shares.id }).from(shares).where(and(eq(shares.id, parsed.data), eq(shares.senderUserId, actor.userId)));
  if (!own) {
    const [existing] = await db.select({ id: shares.id }).from(shares).where(eq(shares.id, parsed.data));
    if (existing) logAuthorizationFailure(actor.userId, 'share', parsed.data);
    throw new AppError('NOT_FOUND', SHARE_NOT_FOUND);
  }
  await db
    .update(shares)
    .set({ revokedAt: new Date() })
    .where(and(eq(shares.id, parsed.data), eq(shares.senderUserId, actor.userId), isNull(shares.revokedAt)));
}
