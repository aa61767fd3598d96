import 'server-only';
import { desc, eq, sql } from 'drizzle-orm';
import { images, lightboxes, shares } from '@/db/schema';
import type { TCustomerActor } from '@/lib/auth/guards';
import { db } from '@/lib/db/client';

export type TShareState = 'active' | 'expired' | 'revoked';

export type TMyShare = {
  id: string;
  kind: 'lightbox' | 'image';
  /** The lightbox's name or the image's title as it is now. */
  title: string;
  lightboxId: string | null;
  imageId: number | null;
  recipientEmail: string;
  createdAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  lastOpenedAt: Date | null;
  openCount: number;
  state: TShareState;
};

export const shareState = (row: { revokedAt: Date | null; expiresAt: Date }, now = new Date()): TShareState =>
  row.revokedAt ? 'revoked' : row.expiresAt <= now ? 'expired' : 'active';

/** Every share the customer sent, newest first, with whom it went to (the sender's own record). */
export async function listMyShares(actor: TCustomerActor): Promise<TMyShare[]> {
  const rows = await db
    .select({
      id: shares.id,
      lightboxId: shares.lightboxId,
      imageId: shares.imageId,
      title: sql<string>`coalesce(${lightboxes.name}, ${images.title}, '')`,
      recipientEmail: shares.recipientEmail,
      createdAt: shares.createdAt,
      expiresAt: shares.expiresAt,
      revokedAt: shares.revokedAt,
      lastOpenedAt: shares.lastOpenedAt,
      openCount: shares.openCount,
    })
    .from(shares)
    .leftJoin(lightboxes, eq(lightboxes.id, shares.lightboxId))
    .leftJoin(images, eq(images.id, shares.imageId))
    .where(eq(shares.senderUserId, actor.userId))
    .orderBy(desc(shares.createdAt), desc(shares.id));
  const now = new Date();
  return rows.map((row) => ({ ...row, kind: row.lightboxId ? 'lightbox' : 'image', state: shareState(row, now) }));
}
