import 'server-only';
import { once } from 'node:events';
import archiver from 'archiver';
import { and, eq } from 'drizzle-orm';
import { downloadBundles, users } from '@/db/schema';
import { db } from '@/lib/db/client';
import { logLine } from '@/lib/log/log-line';
import { queueMail } from '@/lib/mail/send-mail';
import { createStorageKey, mediaStorage, type TMediaObject, type TMediaStorage } from '@/lib/media/storage';
import { getSetting } from '@/lib/settings/get-setting';
import { bundleObject, bundleUrl } from './bundle-object';
import { downloadableLinesOfOrder, type TDownloadableLine } from './downloadable-lines';
import { licensedFileName, licensedFileOf } from './licensed-download';

export type TBuildBundleOutcome = 'ready' | 'nothing-to-download' | 'not-pending';

/**
 * The job behind "Download all as ZIP" (queue downloads.build-bundle). The lines are read again
 * with the buyer's authorization, so an order cancelled (or a pay-later permission withdrawn)
 * since the request gives nothing: the bundle is marked failed and no mail is sent. Otherwise each
 * purchased file is rendered from its original one at a time and streamed into a ZIP written to
 * storage (JPEGs are stored, not deflated: they do not compress). Then the bundle is marked ready,
 * its expiry counted from now, and the buyer mailed the link in the same transaction.
 *
 * A failure removes the half-written ZIP and throws, so pg-boss retries; after the last attempt
 * the bundle is marked failed, and My Account offers to try again.
 */
export async function buildDownloadBundle(bundleId: string, options: { storage?: TMediaStorage; isLastAttempt?: boolean } = {}): Promise<TBuildBundleOutcome> {
  const storage = options.storage ?? mediaStorage();
  const [bundle] = await db
    .select({ id: downloadBundles.id, customerUserId: downloadBundles.customerUserId, orderId: downloadBundles.orderId, status: downloadBundles.status })
    .from(downloadBundles)
    .where(eq(downloadBundles.id, bundleId));
  if (!bundle || bundle.status !== 'pending') return 'not-pending';

  const lines = await downloadableLinesOfOrder(bundle.customerUserId, bundle.orderId);
  if (lines.length === 0) {
    logLine('info', 'downloads', `bundle ${bundleId}: order ${bundle.orderId} has nothing its buyer may download any more; marked failed`);
    await markBundleFailed(bundleId);
    return 'nothing-to-download';
  }

  const object = bundleObject(createStorageKey());
  try {
    const bytes = await writeZip(lines, object, storage);
    if (await finishBundle(bundle, lines, object, bytes)) return 'ready';
    await storage.delete(object);
    return 'not-pending';
  } catch (error) {
    await storage.delete(object).catch(() => undefined);
    if (options.isLastAttempt) {
      logLine('error', 'downloads', `bundle ${bundleId} could not be built after the last attempt; marked failed`);
      await markBundleFailed(bundleId);
    }
    throw error;
  }
}

/**
 * Renders and appends one file at a time, waiting until the archive has taken each entry before
 * rendering the next, while storage writes the archive as it is produced: at most one rendered
 * file is held in memory, never the whole ZIP.
 */
async function writeZip(lines: TDownloadableLine[], object: TMediaObject, storage: TMediaStorage): Promise<number> {
  const archive = archiver('zip');
  const written = storage.putStream(object, archive);
  const stopped = new Promise<never>((_, reject) => {
    archive.on('error', reject);
    written.catch(reject);
  });
  stopped.catch(() => undefined);
  try {
    for (const line of lines) {
      const file = await licensedFileOf(line, storage);
      if (!file) throw new Error(`The original of order line ${line.orderLineId} is missing`);
      const entered = once(archive, 'entry');
      archive.append(file, { name: licensedFileName(line), store: true });
      await Promise.race([entered, stopped]);
    }
    await Promise.race([archive.finalize(), stopped]);
    return await written;
  } catch (error) {
    archive.destroy(error as Error);
    await written.catch(() => undefined);
    throw error;
  }
}

/** Ready, with its expiry from now, and the buyer's mail queued in the same transaction; false when the bundle is no longer pending. */
async function finishBundle(bundle: { id: string; customerUserId: string }, lines: TDownloadableLine[], object: TMediaObject, bytes: number): Promise<boolean> {
  return db.transaction(async (tx) => {
    const readyAt = new Date();
    const days = await getSetting('downloads.bundleDays', tx);
    const expiresAt = new Date(readyAt.getTime() + days * 86_400_000);
    const [updated] = await tx
      .update(downloadBundles)
      .set({ status: 'ready', storageKey: object.key, bytes, readyAt, expiresAt })
      .where(and(eq(downloadBundles.id, bundle.id), eq(downloadBundles.status, 'pending')))
      .returning({ id: downloadBundles.id });
    if (!updated) return false;
    const [buyer] = await tx.select({ email: users.email, fullName: users.fullName }).from(users).where(eq(users.id, bundle.customerUserId));
    if (!buyer) throw new Error(`The buyer of bundle ${bundle.id} is gone`);
    await queueMail(tx, {
      template: 'download-bundle-ready',
      to: { address: buyer.email, name: buyer.fullName },
      subjectUserId: bundle.customerUserId,
      data: { name: buyer.fullName, orderNumber: lines[0]!.orderNumber, fileCount: lines.length, expiresAt, bundleUrl: bundleUrl(bundle.id) },
    });
    return true;
  });
}

async function markBundleFailed(bundleId: string): Promise<void> {
  await db
    .update(downloadBundles)
    .set({ status: 'failed' })
    .where(and(eq(downloadBundles.id, bundleId), eq(downloadBundles.status, 'pending')));
}
