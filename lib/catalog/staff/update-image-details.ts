import 'server-only';
import { eq } from 'drizzle-orm';
import { images } from '@/db/schema';
import { recordAuditEntry } from '@/lib/audit/record-audit-entry';
import { notifyCatalogChanged } from '@/lib/catalog/catalog-changed';
import { assertStaffMay } from '@/lib/customers/customer-access';
import { db } from '@/lib/db/client';
import type { TStaffActor } from '@/lib/staff/require-staff';
import { imageMetadataFromForm, imageRowOrNotFound, priceListIdFor } from './catalog-image-row';

const FIELDS = ['title', 'description', 'keywords', 'creatorName', 'creditLine', 'capturedOn', 'licenceModel', 'priceListId', 'modelRelease', 'peopleCount'] as const;

/**
 * Changes an image's catalog fields and its price list, in one transaction: the fields that really
 * change are written and named (names only, never values) in an audit entry 'catalog.image-updated'.
 * A published image's change reaches every web process's caches on commit.
 */
export async function updateImageDetails(actor: TStaffActor, imageId: unknown, form: unknown): Promise<{ changed: string[] }> {
  assertStaffMay(actor, 'catalog.manage');
  const metadata = imageMetadataFromForm(form);
  return db.transaction(async (tx) => {
    const image = await imageRowOrNotFound(tx, imageId, { forUpdate: true });
    const next = { ...metadata, priceListId: await priceListIdFor(tx, metadata) };
    const changed = FIELDS.filter((field) => JSON.stringify(next[field]) !== JSON.stringify(image[field]));
    if (changed.length === 0) return { changed: [] };
    await tx
      .update(images)
      .set({ ...Object.fromEntries(changed.map((field) => [field, next[field]])), updatedAt: new Date() })
      .where(eq(images.id, image.id));
    await recordAuditEntry(tx, {
      actorKind: 'staff',
      actorUserId: actor.userId,
      action: 'catalog.image-updated',
      objectType: 'image',
      objectId: String(image.id),
      changedFields: [...changed],
      clientIp: actor.client.ip,
    });
    if (image.published) await notifyCatalogChanged(tx);
    return { changed: [...changed] };
  });
}
