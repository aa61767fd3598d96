import 'server-only';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { images, lightboxes, shares } from '@/db/schema';
import { isWellFormedToken, sha256Hex } from '@/lib/auth/secret-tokens';
import { db } from '@/lib/db/client';
import { lightboxImages } from './get-lightbox';

export type TSharedImage = { imageId: number; title: string; width: number; height: number };

/**
 * What a share link shows: that lightbox's published images (or that one image), its name and when
 * the link ends. Nothing about the sender: no name, address or note; notes are the owner's own
 * words to themselves. The recipient's message arrived in the mail and is not repeated here.
 */
export type TOpenedShare =
  | { kind: 'lightbox'; name: string; images: TSharedImage[]; expiresAt: Date }
  | { kind: 'image'; image: TSharedImage; expiresAt: Date };

/**
 * Opens a share by the token in its link and counts the opening. A malformed, unknown, expired or
 * revoked token, and a share whose image left the catalogue, all answer null (one "not available"
 * page, so a guess learns nothing). The token is compared by its hash, as stored.
 */
export async function openShare(token: string): Promise<TOpenedShare | null> {
  if (!isWellFormedToken(token)) return null;
  const [share] = await db
    .update(shares)
    .set({ lastOpenedAt: new Date(), openCount: sql`${shares.openCount} + 1` })
    .where(and(eq(shares.tokenSha256, sha256Hex(token)), isNull(shares.revokedAt), gt(shares.expiresAt, new Date())))
    .returning({ lightboxId: shares.lightboxId, imageId: shares.imageId, expiresAt: shares.expiresAt });
  if (!share) return null;
  if (share.lightboxId) {
    const [lightbox] = await db.select({ name: lightboxes.name }).from(lightboxes).where(eq(lightboxes.id, share.lightboxId));
    if (!lightbox) return null;
    const items = await lightboxImages(share.lightboxId);
    return {
      kind: 'lightbox',
      name: lightbox.name,
      images: items.map(({ imageId, title, width, height }) => ({ imageId, title, width, height })),
      expiresAt: share.expiresAt,
    };
  }
  const [image] = await db
    .select({ imageId: images.id, title: images.title, width: images.width, height: images.height })
    .from(images)
    .where(and(eq(images.id, share.imageId!), eq(images.published, true)));
  return image ? { kind: 'image', image, expiresAt: share.expiresAt } : null;
}
