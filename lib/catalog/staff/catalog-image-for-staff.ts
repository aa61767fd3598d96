import 'server-only';
import { asc, eq } from 'drizzle-orm';
import { imageMedia, priceLists } from '@/db/schema';
import { assertStaffMay } from '@/lib/customers/customer-access';
import { db } from '@/lib/db/client';
import type { TStaffActor } from '@/lib/staff/require-staff';
import { imageRowOrNotFound } from './catalog-image-row';

/** One image for the staff edit page, published or not, with its original's facts and the price lists to choose from. */
export async function catalogImageForStaff(actor: TStaffActor, imageId: unknown) {
  assertStaffMay(actor, 'catalog.manage');
  const image = await imageRowOrNotFound(db, imageId);
  const [[media], lists] = await Promise.all([
    db.select({ mime: imageMedia.originalMime, bytes: imageMedia.originalBytes }).from(imageMedia).where(eq(imageMedia.imageId, image.id)),
    db.select({ id: priceLists.id, name: priceLists.name, currency: priceLists.currency }).from(priceLists).orderBy(asc(priceLists.name)),
  ]);
  return { image, original: media ?? null, priceLists: lists };
}
