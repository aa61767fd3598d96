import 'server-only';
import { and, desc, eq, gt, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { downloadBundles, orders } from '@/db/schema';
import type { TCustomerActor } from '@/lib/auth/guards';
import { db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { enqueueJob } from '@/lib/jobs/enqueue-job';
import { logAuthorizationFailure } from '@/lib/security/log-authorization-failure';
import { getSetting } from '@/lib/settings/get-setting';
import { downloadableLinesOfOrder } from './downloadable-lines';

export const ORDER_NOT_FOUND = 'We could not find that order among your downloads.';

export type TRequestedBundle = { bundleId: string; reused: boolean };

/**
 * The buyer asks for all files of one order as a ZIP. A pending or ready, unexpired bundle of the
 * order is reused; otherwise a pending row is made and the build job queued in the same
 * transaction (lib/downloads/build-bundle.ts does the work and mails the link). The order row is
 * locked meanwhile, so two clicks at once make one bundle. Only the buyer's own downloadable lines
 * count: anyone else's order, or one not (yet) released, is "not found".
 */
export async function requestDownloadBundle(actor: TCustomerActor, rawOrderId: unknown, now = new Date()): Promise<TRequestedBundle> {
  const parsed = z.uuid().safeParse(rawOrderId);
  if (!parsed.success) throw new AppError('NOT_FOUND', ORDER_NOT_FOUND);
  const orderId = parsed.data;
  return db.transaction(async (tx) => {
    const [own] = await tx
      .select({ id: orders.id })
      .from(orders)
      .where(and(eq(orders.id, orderId), eq(orders.customerUserId, actor.userId)))
      .for('update');
    if (!own) {
      const [someone] = await tx.select({ id: orders.id }).from(orders).where(eq(orders.id, orderId));
      if (someone) logAuthorizationFailure({ actorUserId: actor.userId, objectType: 'order', objectId: orderId });
      throw new AppError('NOT_FOUND', ORDER_NOT_FOUND);
    }
    const lines = await downloadableLinesOfOrder(actor.userId, orderId, tx);
    if (lines.length === 0) throw new AppError('NOT_FOUND', ORDER_NOT_FOUND);
    if (lines.length === 1) throw new AppError('CONFLICT', 'This order has one file: download it with its own button.');

    const [current] = await tx
      .select({ id: downloadBundles.id })
      .from(downloadBundles)
      .where(
        and(
          eq(downloadBundles.orderId, orderId),
          eq(downloadBundles.customerUserId, actor.userId),
          inArray(downloadBundles.status, ['pending', 'ready']),
          gt(downloadBundles.expiresAt, now),
        ),
      )
      .orderBy(desc(downloadBundles.createdAt))
      .limit(1);
    if (current) return { bundleId: current.id, reused: true };

    // A pending bundle expires too, so one whose job never ran is cleared away; the job resets the
    // expiry from the moment the ZIP is ready.
    const days = await getSetting('downloads.bundleDays', tx);
    const [created] = await tx
      .insert(downloadBundles)
      .values({ customerUserId: actor.userId, orderId, status: 'pending', createdAt: now, expiresAt: new Date(now.getTime() + days * 86_400_000) })
      .returning({ id: downloadBundles.id });
    await enqueueJob(tx, 'downloads.build-bundle', { bundleId: created!.id });
    return { bundleId: created!.id, reused: false };
  });
}
