import 'server-only';
import { and, asc, count, eq, sql } from 'drizzle-orm';
import { images, lightboxes, lightboxItems } from '@/db/schema';
import { db } from '@/lib/db/client';
import { ownedBy, type TLightboxOwner } from './lightbox-owner';

export type TLightboxSummary = {
  id: string;
  name: string;
  isActive: boolean;
  position: number;
  imageCount: number;
  /** Up to four images for the cover, newest first. */
  coverImageIds: number[];
  updatedAt: Date;
};

/** The owner's lightboxes in their order, with how many published images each holds. */
export async function listLightboxes(owner: TLightboxOwner): Promise<TLightboxSummary[]> {
  const rows = await db
    .select({
      id: lightboxes.id,
      name: lightboxes.name,
      isActive: lightboxes.isActive,
      position: lightboxes.position,
      updatedAt: lightboxes.updatedAt,
      imageCount: count(images.id),
      coverImageIds: sql<number[]>`coalesce((array_agg(${images.id} order by ${lightboxItems.addedAt} desc) filter (where ${images.id} is not null))[1:4], '{}')`,
    })
    .from(lightboxes)
    .leftJoin(lightboxItems, eq(lightboxItems.lightboxId, lightboxes.id))
    .leftJoin(images, and(eq(images.id, lightboxItems.imageId), eq(images.published, true)))
    .where(ownedBy(owner))
    .groupBy(lightboxes.id)
    .orderBy(asc(lightboxes.position), asc(lightboxes.createdAt));
  return rows.map((row) => ({ ...row, coverImageIds: row.coverImageIds.map(Number) }));
}
