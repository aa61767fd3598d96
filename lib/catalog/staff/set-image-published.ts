import 'server-only';
import { eq } from 'drizzle-orm';
import { images } from '@/db/schema';
import { recordAuditEntry } from '@/lib/audit/record-audit-entry';
import { notifyCatalogChanged } from '@/lib/catalog/catalog-changed';
import { assertStaffMay } from '@/lib/customers/customer-access';
import { db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import type { TStaffActor } from '@/lib/staff/require-staff';
import { imageRowOrNotFound } from './catalog-image-row';

/**
 * Publishes or withdraws an image in one transaction, audited ('catalog.image-published' or
 * 'catalog.image-unpublished'). Publishing stamps a new publication time, so a picture put back
 * shows among the newest again. On commit every web process drops its cached pages and counts.
 */
export async function setImagePublished(actor: TStaffActor, imageId: unknown, published: boolean): Promise<void> {
  assertStaffMay(actor, 'catalog.manage');
  await db.transaction(async (tx) => {
    const image = await imageRowOrNotFound(tx, imageId, { forUpdate: true });
    if (image.published === published) {
      throw new AppError('CONFLICT', published ? 'This image is published already.' : 'This image is not published.');
    }
    const now = new Date();
    await tx
      .update(images)
      .set(published ? { published: true, publishedAt: now, updatedAt: now } : { published: false, updatedAt: now })
      .where(eq(images.id, image.id));
    await recordAuditEntry(tx, {
      actorKind: 'staff',
      actorUserId: actor.userId,
      action: published ? 'catalog.image-published' : 'catalog.image-unpublished',
      objectType: 'image',
      objectId: String(image.id),
      changedFields: published ? ['published', 'publishedAt'] : ['published'],
      clientIp: actor.client.ip,
    });
    await notifyCatalogChanged(tx);
  });
}
