import 'server-only';
import { and, desc, eq, gt } from 'drizzle-orm';
import { downloadBundles } from '@/db/schema';
import { db } from '@/lib/db/client';

export type TBundleState = {
  bundleId: string;
  orderId: string;
  status: (typeof downloadBundles.$inferSelect)['status'];
  bytes: number | null;
  readyAt: Date | null;
  expiresAt: Date;
};

/** The newest unexpired bundle of each of the customer's orders, by order id (for My Account > Downloads). */
export async function listDownloadBundles(customerUserId: string, now = new Date()): Promise<Map<string, TBundleState>> {
  const rows = await db
    .select({
      bundleId: downloadBundles.id,
      orderId: downloadBundles.orderId,
      status: downloadBundles.status,
      bytes: downloadBundles.bytes,
      readyAt: downloadBundles.readyAt,
      expiresAt: downloadBundles.expiresAt,
    })
    .from(downloadBundles)
    .where(and(eq(downloadBundles.customerUserId, customerUserId), gt(downloadBundles.expiresAt, now)))
    .orderBy(desc(downloadBundles.createdAt));
  const byOrder = new Map<string, TBundleState>();
  for (const row of rows) if (!byOrder.has(row.orderId)) byOrder.set(row.orderId, row);
  return byOrder;
}
