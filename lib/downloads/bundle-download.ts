import 'server-only';
import { and, eq } from 'drizzle-orm';
import { downloadBundles, licenceDownloads, orders } from '@/db/schema';
import { currentSession, getOptionalUser, requireUser } from '@/lib/auth/guards';
import { db } from '@/lib/db/client';
import { logLine } from '@/lib/log/log-line';
import { mediaStorage, type TMediaStorage } from '@/lib/media/storage';
import { logAuthorizationFailure } from '@/lib/security/log-authorization-failure';
import { BUNDLE_PATH, bundleFileName, bundleObject, isBundleId } from './bundle-object';
import { downloadableLinesOfOrder } from './downloadable-lines';

const plain = (status: number, text: string) =>
  new Response(text, {
    status,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' },
  });

/** The same answer for every refusal, so an id tells a stranger nothing about the bundle behind it. */
const notFound = () => plain(404, 'Not found');

/**
 * Answers the mailed link GET /account/downloads/bundle/<id>. A visitor who is not signed in as a
 * customer goes to the sign-in page and comes back here, as on every My Account page; a staff
 * session gets a 404. Then the bundle must be the signed-in buyer's, ready, unexpired, and its
 * order's lines still theirs to download (an order cancelled after the ZIP was built gives
 * nothing). Every refusal is a 404, except an expired bundle of the right buyer: a 410 saying
 * where to ask for a new one. The ZIP is streamed from storage, and one licence_downloads row of
 * kind 'bundle' is recorded per file in it, with the client address.
 */
export async function bundleDownloadResponse(input: { bundleId: string; ip: string | null; storage?: TMediaStorage; now?: Date }): Promise<Response> {
  if (!isBundleId(input.bundleId)) return notFound();
  const actor = await getOptionalUser();
  if (!actor) {
    const session = await currentSession();
    if (session.state === 'active' && session.kind === 'staff') {
      logLine('warn', 'downloads', `refused bundle ${input.bundleId} to staff user ${session.userId}`);
      return notFound();
    }
    await requireUser(`${BUNDLE_PATH}/${input.bundleId}`);
  }
  const buyer = actor!;

  const [bundle] = await db
    .select({ orderId: downloadBundles.orderId, orderNumber: orders.number, status: downloadBundles.status, storageKey: downloadBundles.storageKey, expiresAt: downloadBundles.expiresAt })
    .from(downloadBundles)
    .innerJoin(orders, eq(orders.id, downloadBundles.orderId))
    .where(and(eq(downloadBundles.id, input.bundleId), eq(downloadBundles.customerUserId, buyer.userId)));
  if (!bundle) {
    const [someone] = await db.select({ id: downloadBundles.id }).from(downloadBundles).where(eq(downloadBundles.id, input.bundleId));
    if (someone) logAuthorizationFailure({ actorUserId: buyer.userId, objectType: 'download-bundle', objectId: input.bundleId });
    return notFound();
  }
  if (bundle.status !== 'ready' || !bundle.storageKey) return notFound();
  if (bundle.expiresAt <= (input.now ?? new Date())) {
    return plain(410, 'This ZIP has expired and will be deleted. Ask for a new one under Downloads in My Account.');
  }
  const lines = await downloadableLinesOfOrder(buyer.userId, bundle.orderId);
  if (lines.length === 0) {
    logLine('warn', 'downloads', `refused bundle ${input.bundleId} to user ${buyer.userId}: its order is no longer downloadable`);
    return notFound();
  }
  const stored = await (input.storage ?? mediaStorage()).read(bundleObject(bundle.storageKey));
  if (!stored) {
    logLine('error', 'downloads', `the ZIP of bundle ${input.bundleId} is missing from storage`);
    return notFound();
  }
  await db.insert(licenceDownloads).values(
    lines.map((line) => ({ customerUserId: buyer.userId, orderId: bundle.orderId, orderLineId: line.orderLineId, kind: 'bundle' as const, ip: input.ip })),
  );
  return new Response(stored.stream, {
    status: 200,
    headers: {
      'Content-Type': 'application/zip',
      'Content-Length': String(stored.size),
      'Content-Disposition': `attachment; filename="${bundleFileName(bundle.orderNumber)}"`,
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
}
