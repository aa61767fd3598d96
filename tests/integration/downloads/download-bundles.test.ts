/**
 * "Download all as ZIP": the buyer's request (through the real server action and session), the
 * build job (called as the worker calls it), the mailed link through the real route handler, and
 * the daily removal of expired bundles. Only Next's request cookies, headers and revalidatePath are
 * stood in for, as in licensed-downloads.test.ts.
 */
import { randomUUID } from 'node:crypto';
import { readdir, readFile, stat, utimes } from 'node:fs/promises';
import path from 'node:path';
import { and, eq, sql } from 'drizzle-orm';
import { unzipSync } from 'fflate';
import sharp from 'sharp';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { requestBundleAction } from '@/app/account/downloads/actions';
import { GET as downloadBundle } from '@/app/account/downloads/bundle/[id]/route';
import { downloadBundles, licenceDownloads, mailOutbox } from '@/db/schema';
import { INITIAL_FORM_STATE } from '@/lib/actions/form-state';
import { closeDatabase, db } from '@/lib/db/client';
import { bundleObject } from '@/lib/downloads/bundle-object';
import { buildDownloadBundle } from '@/lib/downloads/build-bundle';
import { ORPHAN_BUNDLE_GRACE_MS, removeExpiredBundles } from '@/lib/downloads/remove-expired-bundles';
import { requestDownloadBundle } from '@/lib/downloads/request-bundle';
import { serverEnv, storageEnv } from '@/lib/env';
import { getBoss } from '@/lib/jobs/boss';
import { openEnvelope } from '@/lib/mail/envelope';
import { ingestImage } from '@/lib/media/ingest-image';
import { createStorageKey, mediaStorage, storageObjectPath } from '@/lib/media/storage';
import { staffRoles } from '@/lib/staff/permissions';
import { drawPicture } from '@/tooling/demo/draw-picture';
import { createCustomer, signIn } from '../../helpers/actor-factory';
import { createPurchasedOrder, type TSqlClient } from '../../helpers/purchased-order-factory';
import { createStaffMember } from '../../helpers/staff-factory';
import { fakeRequest, signInFakeRequest } from '../../helpers/fake-next-headers';
import { formData } from '../../helpers/form-data';

vi.mock('next/headers', () => import('../../helpers/fake-next-headers'));
const request = fakeRequest;
request.ip = '203.0.113.88';
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));

const sqlClient = (db as unknown as { $client: TSqlClient }).$client;
const DAY = 86_400_000;

afterAll(closeDatabase);
beforeEach(() => request.cookies.clear());

const signInAs = signInFakeRequest;

const fetchBundle = (id: string) => downloadBundle(new Request(`http://stockroom.test/account/downloads/bundle/${id}`), { params: Promise.resolve({ id }) });

/** The answer, or the sign-in redirect Next's redirect() throws (its digest is `NEXT_REDIRECT;type;url;status;`). */
async function answerOf(id: string): Promise<{ status: number; location?: string }> {
  try {
    const response = await fetchBundle(id);
    return { status: response.status };
  } catch (error) {
    const digest = String((error as { digest?: unknown }).digest ?? '');
    if (!digest.startsWith('NEXT_REDIRECT;')) throw error;
    return { status: 307, location: digest.split(';')[2] };
  }
}


const bundlesOf = (orderId: string) => db.select().from(downloadBundles).where(eq(downloadBundles.orderId, orderId));
const buildJobsFor = async (bundleId: string) => (await getBoss()).findJobs('downloads.build-bundle', { data: { bundleId } });
const bundleMailsTo = async (userId: string) =>
  (await db.select().from(mailOutbox).where(and(eq(mailOutbox.subjectUserId, userId), eq(mailOutbox.template, 'download-bundle-ready')))).map((row) => openEnvelope(row.envelope!));
const bundleFile = (storageKey: string) => path.join(path.resolve(storageEnv().MEDIA_DIR), storageObjectPath(bundleObject(storageKey)));
const exists = (file: string) => stat(file).then(
  () => true,
  () => false,
);

let imageId: number;
let portraitId: number;

beforeAll(async () => {
  const ingest = async (seed: number, orientation: 'landscape' | 'portrait', title: string) =>
    (
      await ingestImage({
        source: await drawPicture({ seed, orientation, theme: 'sea', longEdge: 2400 }),
        fileName: `${title}.jpg`,
        metadata: { title, creatorName: 'Ana Ribeiro', creditLine: 'Ana Ribeiro / Stockroom', licenceModel: 'royalty_free', modelRelease: 'not_needed' },
        publish: true,
      })
    ).imageId;
  imageId = await ingest(5151, 'landscape', 'Bundle harbour');
  portraitId = await ingest(5252, 'portrait', 'Bundle lighthouse');
});

/** A buyer with a paid two-line order, signed in, and the bundle they asked for (built when `build`). */
async function boughtTwo(options: { build?: boolean } = {}) {
  const buyer = await createCustomer({ fullName: 'Bea Bundle' });
  const order = await createPurchasedOrder(sqlClient, { customerUserId: buyer.userId, lines: [{ imageId, tier: 'S' }, { imageId: portraitId, tier: 'M' }], licenceTermsVersion: '2026-03' });
  const { actor } = await signIn(buyer.userId);
  const { bundleId } = await requestDownloadBundle(actor, order.orderId);
  if (options.build) expect(await buildDownloadBundle(bundleId)).toBe('ready');
  return { buyer, actor, order, bundleId };
}

describe('asking for a ZIP', () => {
  it('makes one pending bundle and one build job; asking again reuses it', async () => {
    const buyer = await createCustomer();
    const order = await createPurchasedOrder(sqlClient, { customerUserId: buyer.userId, lines: [{ imageId, tier: 'S' }, { imageId, tier: 'M' }] });
    await signInAs(buyer.userId);
    const first = await requestBundleAction(INITIAL_FORM_STATE, formData({ orderId: order.orderId }));
    expect(first).toMatchObject({ ok: true, message: 'We are preparing your ZIP and e-mail you when it is ready.' });
    const [bundle, ...more] = await bundlesOf(order.orderId);
    expect(more).toEqual([]);
    expect(bundle).toMatchObject({ customerUserId: buyer.userId, status: 'pending', storageKey: null });
    const days = (bundle!.expiresAt.getTime() - bundle!.createdAt.getTime()) / DAY;
    expect(days).toBeCloseTo(7, 5);
    expect(await buildJobsFor(bundle!.id)).toHaveLength(1);

    const again = await requestBundleAction(INITIAL_FORM_STATE, formData({ orderId: order.orderId }));
    expect(again).toMatchObject({ ok: true, message: 'You asked for this ZIP already: its state is shown here.' });
    expect(await bundlesOf(order.orderId)).toHaveLength(1);
    expect(await buildJobsFor(bundle!.id)).toHaveLength(1);

    // Ready and unexpired: still reused. Failed: a new one.
    expect(await buildDownloadBundle(bundle!.id)).toBe('ready');
    await requestBundleAction(INITIAL_FORM_STATE, formData({ orderId: order.orderId }));
    expect(await bundlesOf(order.orderId)).toHaveLength(1);
    await db.update(downloadBundles).set({ status: 'failed' }).where(eq(downloadBundles.id, bundle!.id));
    await requestBundleAction(INITIAL_FORM_STATE, formData({ orderId: order.orderId }));
    expect((await bundlesOf(order.orderId)).map((row) => row.status).sort()).toEqual(['failed', 'pending']);
  });

  it("refuses another customer's order, an unreleased or one-file order and a malformed id with the same not-found message", async () => {
    const { order } = await boughtTwo();
    const stranger = await createCustomer();
    const unpaid = await createPurchasedOrder(sqlClient, { customerUserId: stranger.userId, status: 'awaiting_approval', lines: [{ imageId, tier: 'S' }, { imageId, tier: 'M' }] });
    const single = await createPurchasedOrder(sqlClient, { customerUserId: stranger.userId, lines: [{ imageId, tier: 'S' }] });
    await signInAs(stranger.userId);
    const notFound = { ok: false, error: 'We could not find that order among your downloads.' };
    for (const orderId of [order.orderId, unpaid.orderId, randomUUID(), 'not-an-id', "1' or '1'='1"]) {
      expect(await requestBundleAction(INITIAL_FORM_STATE, formData({ orderId })), orderId).toMatchObject(notFound);
    }
    expect(await requestBundleAction(INITIAL_FORM_STATE, formData({ orderId: single.orderId }))).toMatchObject({ ok: false, error: 'This order has one file: download it with its own button.' });
    expect(await bundlesOf(order.orderId)).toHaveLength(1);
    expect(await bundlesOf(unpaid.orderId)).toEqual([]);
    expect(await bundlesOf(single.orderId)).toEqual([]);

    // Not signed in: the action sends the visitor to sign in.
    request.cookies.clear();
    const error = await requestBundleAction(INITIAL_FORM_STATE, formData({ orderId: order.orderId })).then(
      () => null,
      (thrown: unknown) => thrown,
    );
    expect(String((error as { digest?: string }).digest)).toContain('/login?');
  });
});

describe('the build job', () => {
  it('writes a ZIP of the purchased files at their sizes, with the order number in each, marks it ready and mails the buyer the link', async () => {
    const { buyer, order, bundleId } = await boughtTwo();
    const before = Date.now();
    expect(await buildDownloadBundle(bundleId)).toBe('ready');
    const [bundle] = await bundlesOf(order.orderId);
    expect(bundle).toMatchObject({ id: bundleId, status: 'ready' });
    expect(bundle!.readyAt!.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect((bundle!.expiresAt.getTime() - bundle!.readyAt!.getTime()) / DAY).toBeCloseTo(7, 5);

    const zip = await readFile(bundleFile(bundle!.storageKey!));
    expect(zip.length).toBe(bundle!.bytes);
    const entries = unzipSync(new Uint8Array(zip));
    const names = [`stockroom-${order.number}-${imageId}-S.jpg`, `stockroom-${order.number}-${portraitId}-M.jpg`];
    expect(Object.keys(entries)).toEqual(names);
    const [lines] = [await sqlClient.query('select width_px, height_px from order_lines where order_id = $1 order by position', [order.orderId])];
    for (const [index, name] of names.entries()) {
      const info = await sharp(Buffer.from(entries[name]!)).metadata();
      expect([info.format, info.width, info.height]).toEqual(['jpeg', lines.rows[index]!.width_px, lines.rows[index]!.height_px]);
      expect(info.xmp?.toString('utf8')).toContain(`photoshop:TransmissionReference="${order.number}"`);
      expect(info.xmp?.toString('utf8')).toContain(`order ${order.number}.`);
    }
    // JPEGs are stored, not deflated: the archive is the files plus small headers.
    const stored = Object.values(entries).reduce((sum, bytes) => sum + bytes.length, 0);
    expect(zip.length - stored).toBeLessThan(1000);

    const [mail, ...others] = await bundleMailsTo(buyer.userId);
    expect(others).toEqual([]);
    expect(mail!.to).toBe(buyer.email);
    expect(mail!.subject).toMatch(new RegExp(`^Your .+ files for order ${order.number} are ready$`));
    expect(mail!.text).toContain(`${serverEnv().APP_URL}/account/downloads/bundle/${bundleId}`);
    expect(mail!.text).toContain('only while you are signed in');
    expect(mail!.html).toContain(`href="${serverEnv().APP_URL}/account/downloads/bundle/${bundleId}"`);

    // A second run (a retry after a lost acknowledgement) changes nothing and mails nothing.
    expect(await buildDownloadBundle(bundleId)).toBe('not-pending');
    expect(await bundleMailsTo(buyer.userId)).toHaveLength(1);
  });

  it('marks the bundle failed and mails nothing when the order was cancelled before the job ran', async () => {
    const { buyer, order, bundleId } = await boughtTwo();
    await sqlClient.query(`update orders set status = 'cancelled' where id = $1`, [order.orderId]);
    expect(await buildDownloadBundle(bundleId)).toBe('nothing-to-download');
    expect((await bundlesOf(order.orderId)).map((row) => [row.status, row.storageKey])).toEqual([['failed', null]]);
    expect(await bundleMailsTo(buyer.userId)).toEqual([]);
  });

  it('leaves no file behind when an original is missing, and marks the bundle failed after the last attempt', async () => {
    const buyer = await createCustomer();
    const lost = (
      await ingestImage({ source: await drawPicture({ seed: 5353, orientation: 'landscape', theme: 'sea', longEdge: 1200 }), fileName: 'lost.jpg', metadata: { title: 'Lost original' }, publish: true })
    ).imageId;
    const order = await createPurchasedOrder(sqlClient, { customerUserId: buyer.userId, lines: [{ imageId, tier: 'S' }, { imageId: lost, tier: 'S' }] });
    const { actor } = await signIn(buyer.userId);
    const { bundleId } = await requestDownloadBundle(actor, order.orderId);
    const [media] = await sqlClient.query('select original_key from image_media where image_id = $1', [lost]).then((result) => result.rows);
    await mediaStorage().delete({ area: 'originals', key: media!.original_key as string, extension: 'jpg' });
    const bundlesBefore = await listBundleFiles();

    await expect(buildDownloadBundle(bundleId)).rejects.toThrow(/original of order line/);
    expect((await bundlesOf(order.orderId))[0]!.status).toBe('pending');
    await expect(buildDownloadBundle(bundleId, { isLastAttempt: true })).rejects.toThrow(/original of order line/);
    expect((await bundlesOf(order.orderId))[0]!.status).toBe('failed');
    expect(await listBundleFiles()).toEqual(bundlesBefore);
    expect(await bundleMailsTo(buyer.userId)).toEqual([]);
  });
});

/** Every file under the bundles area, half-written ones included. */
async function listBundleFiles() {
  const names = await readdir(path.join(path.resolve(storageEnv().MEDIA_DIR), 'bundles'), { recursive: true }).catch(() => []);
  return names.filter((name) => name.includes('.')).sort();
}

describe('the mailed link', () => {
  it('gives the buyer the ZIP and records one bundle download per file, with the client address', async () => {
    const { buyer, order, bundleId } = await boughtTwo({ build: true });
    await signInAs(buyer.userId);
    const response = await fetchBundle(bundleId);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/zip');
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="stockroom-order-${order.number}.zip"`);
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    const zip = new Uint8Array(await response.arrayBuffer());
    expect(String(zip.length)).toBe(response.headers.get('content-length'));
    expect(Object.keys(unzipSync(zip))).toHaveLength(2);

    const recorded = await db.select().from(licenceDownloads).where(eq(licenceDownloads.orderId, order.orderId));
    expect(recorded.map((row) => [row.customerUserId, row.orderLineId, row.kind, row.ip]).sort()).toEqual(
      order.lineIds.map((lineId) => [buyer.userId, lineId, 'bundle', request.ip]).sort(),
    );
  });

  it('sends a visitor who is not signed in to sign in and back; refuses another customer, every staff role, unknown and malformed ids', async () => {
    const { order, bundleId } = await boughtTwo({ build: true });
    expect(await answerOf(bundleId)).toEqual({ status: 307, location: `/login?reason=sign-in-required&next=${encodeURIComponent(`/account/downloads/bundle/${bundleId}`)}` });

    await signInAs((await createCustomer()).userId);
    expect(await answerOf(bundleId)).toEqual({ status: 404 });
    for (const role of staffRoles) {
      await signInAs((await createStaffMember(role)).userId, 'staff');
      expect(await answerOf(bundleId), role).toEqual({ status: 404 });
    }
    await signInAs((await createCustomer()).userId);
    for (const id of [randomUUID(), 'abc', '..%2F..%2Fsecrets', `${bundleId}x`, '']) {
      expect(await answerOf(id), id).toEqual({ status: 404 });
    }
    expect(await db.select().from(licenceDownloads).where(eq(licenceDownloads.orderId, order.orderId))).toEqual([]);
  });

  it('refuses the buyer a pending or failed bundle (404) and an expired one (410), and a ZIP of an order cancelled since it was built', async () => {
    const pending = await boughtTwo();
    await signInAs(pending.buyer.userId);
    expect(await answerOf(pending.bundleId)).toEqual({ status: 404 });
    await db.update(downloadBundles).set({ status: 'failed' }).where(eq(downloadBundles.id, pending.bundleId));
    expect(await answerOf(pending.bundleId)).toEqual({ status: 404 });

    const expired = await boughtTwo({ build: true });
    await db.update(downloadBundles).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(downloadBundles.id, expired.bundleId));
    await signInAs(expired.buyer.userId);
    const response = await fetchBundle(expired.bundleId);
    expect(response.status).toBe(410);
    expect(await response.text()).toContain('Ask for a new one under Downloads in My Account');
    await signInAs((await createCustomer()).userId);
    expect(await answerOf(expired.bundleId)).toEqual({ status: 404 });

    const cancelled = await boughtTwo({ build: true });
    await sqlClient.query(`update orders set status = 'cancelled' where id = $1`, [cancelled.order.orderId]);
    await signInAs(cancelled.buyer.userId);
    expect(await answerOf(cancelled.bundleId)).toEqual({ status: 404 });

    const orders = [pending, expired, cancelled].map(({ order }) => order.orderId);
    expect(await db.select({ n: sql<number>`count(*)::int` }).from(licenceDownloads).where(sql`${licenceDownloads.orderId} in (${sql.join(orders.map((id) => sql`${id}`), sql`, `)})`)).toEqual([{ n: 0 }]);
  });
});

describe('the daily removal', () => {
  it('deletes expired bundles with their files and day-old files no row refers to, and keeps fresh ones', async () => {
    const fresh = await boughtTwo({ build: true });
    const old = await boughtTwo({ build: true });
    const oldPending = await boughtTwo();
    const now = new Date();
    await db.update(downloadBundles).set({ expiresAt: new Date(now.getTime() - 1000) }).where(sql`${downloadBundles.id} in (${old.bundleId}, ${oldPending.bundleId})`);
    const [freshRow] = await bundlesOf(fresh.order.orderId);
    const [oldRow] = await bundlesOf(old.order.orderId);

    // A ZIP no row refers to: a day old goes, a new one (a job still writing it) stays.
    const storage = mediaStorage();
    const strayOld = bundleObject(createStorageKey());
    const strayNew = bundleObject(createStorageKey());
    await storage.put(strayOld, Buffer.from('PK'));
    await storage.put(strayNew, Buffer.from('PK'));
    const dayAgo = new Date(now.getTime() - ORPHAN_BUNDLE_GRACE_MS - 60_000);
    await utimes(bundleFile(strayOld.key), dayAgo, dayAgo);

    const result = await removeExpiredBundles({ now });
    expect(result.removed).toBeGreaterThanOrEqual(2);
    expect(result.orphans).toBeGreaterThanOrEqual(1);
    expect(await bundlesOf(old.order.orderId)).toEqual([]);
    expect(await bundlesOf(oldPending.order.orderId)).toEqual([]);
    expect(await exists(bundleFile(oldRow!.storageKey!))).toBe(false);
    expect(await bundlesOf(fresh.order.orderId)).toHaveLength(1);
    expect(await exists(bundleFile(freshRow!.storageKey!))).toBe(true);
    expect(await exists(bundleFile(strayOld.key))).toBe(false);
    expect(await exists(bundleFile(strayNew.key))).toBe(true);
    await storage.delete(strayNew);
  });
});
