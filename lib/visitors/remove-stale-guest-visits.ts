import 'server-only';
import { and, isNotNull, isNull, lt } from 'drizzle-orm';
import { carts, lightboxes } from '@/db/schema';
import { db } from '@/lib/db/client';
import { retentionDays } from '@/lib/privacy/retention-periods';

/**
 * Retention 'guest-visit': what a guest kept under the visitor cookie is removed 30 days (privacy.retentionDays) after its
 * last change (the cookie itself ends with the browser session long before). One step per kind
 * of thing a guest keeps. Daily job 'visitors.remove-stale'.
 */
export async function removeStaleGuestVisits(now = new Date()): Promise<{ lightboxes: number; carts: number }> {
  const cutoff = new Date(now.getTime() - (await retentionDays('guest-visit')) * 86_400_000);
  const removedLightboxes = await db
    .delete(lightboxes)
    .where(and(isNotNull(lightboxes.guestKey), isNull(lightboxes.ownerUserId), lt(lightboxes.updatedAt, cutoff)))
    .returning({ id: lightboxes.id });
  const removedCarts = await db
    .delete(carts)
    .where(and(isNotNull(carts.guestKey), isNull(carts.ownerUserId), lt(carts.updatedAt, cutoff)))
    .returning({ id: carts.id });
  return { lightboxes: removedLightboxes.length, carts: removedCarts.length };
}
