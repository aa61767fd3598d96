/**
 * Licensed downloads through the real route handler, with real customer and staff sessions (only
 * Next's request cookies and headers stood in, as in customer-page.test.ts): the buyer gets the
 * purchased size with the licence in its metadata and the download is recorded; everyone else, and
 * every link that is not the buyer's, valid and current, is refused.
 */
import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import exifr from 'exifr';
import sharp from 'sharp';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { GET as download } from '@/app/account/downloads/file/route';
import { imageMedia, licenceDownloads } from '@/db/schema';
import { closeDatabase, db } from '@/lib/db/client';
import { downloadLinkFor } from '@/lib/downloads/download-link';
import { listDownloadableLines } from '@/lib/downloads/downloadable-lines';
import { ingestImage } from '@/lib/media/ingest-image';
import { readOriginalBytes } from '@/lib/media/read-original';
import { staffRoles } from '@/lib/staff/permissions';
import { drawPicture } from '@/tooling/demo/draw-picture';
import { createCustomer } from '../../helpers/actor-factory';
import { createPurchasedOrder, setCustomerTerms, type TSqlClient } from '../../helpers/purchased-order-factory';
import { createStaffMember } from '../../helpers/staff-factory';
import { fakeRequest, signInFakeRequest } from '../../helpers/fake-next-headers';

vi.mock('next/headers', () => import('../../helpers/fake-next-headers'));
const request = fakeRequest;
request.ip = '203.0.113.77';

/** drizzle's own pool (the same connections the code under test uses); its type does not name it. */
const sqlClient = (db as unknown as { $client: TSqlClient }).$client;

afterAll(closeDatabase);
beforeEach(() => request.cookies.clear());

const signInAs = signInFakeRequest;

const fetchLink = (link: string) => download(new Request(`http://stockroom.test${link}`));

let imageId: number;
let original: Buffer;
let buyer: string;

beforeAll(async () => {
  original = await drawPicture({ seed: 4242, orientation: 'landscape', theme: 'sea', longEdge: 2400 });
  ({ imageId } = await ingestImage({
    source: original,
    fileName: 'harbour.jpg',
    metadata: { title: 'Harbour <at> dawn & "calm"', creatorName: 'Ana Ribeiro', creditLine: 'Ana Ribeiro / Stockroom', licenceModel: 'royalty_free', modelRelease: 'not_needed' },
    publish: true,
  }));
  buyer = (await createCustomer()).userId;
});

describe('a licensed download', () => {
  it('gives the buyer the purchased size with copyright, licence and order number in its XMP, and records it', async () => {
    const order = await createPurchasedOrder(sqlClient, { customerUserId: buyer, lines: [{ imageId, tier: 'S' }, { imageId, tier: 'L' }], licenceTermsVersion: '2026-03' });
    await signInAs(buyer);
    for (const [index, expected] of [
      { width: 800, height: 533 },
      { width: 2400, height: 1600 },
    ].entries()) {
      const response = await fetchLink(await downloadLinkFor(buyer, order.lineIds[index]!));
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('image/jpeg');
      expect(response.headers.get('cache-control')).toBe('private, no-store');
      expect(response.headers.get('content-disposition')).toBe(`attachment; filename="stockroom-${order.number}-${imageId}-${index === 0 ? 'S' : 'L'}.jpg"`);
      const file = Buffer.from(await response.arrayBuffer());
      const info = await sharp(file).metadata();
      expect({ format: info.format, width: info.width, height: info.height }).toEqual({ format: 'jpeg', ...expected });

      const xmp = await exifr.parse(file, { xmp: true, tiff: true, mergeOutput: false });
      expect(String(xmp.photoshop.TransmissionReference)).toBe(String(order.number));
      expect(xmp.photoshop.Credit).toBe('Ana Ribeiro / Stockroom');
      expect(xmp.dc.rights.value ?? xmp.dc.rights).toBe('© Ana Ribeiro / Stockroom');
      // The title is escaped, so cataloguer-typed text cannot break the packet (exifr returns XMP text unescaped-as-is).
      expect(info.xmp?.toString('utf8')).toContain('<rdf:li xml:lang="x-default">Harbour &lt;at&gt; dawn &amp; &quot;calm&quot;</rdf:li>');
      expect(xmp.xmpRights.UsageTerms.value ?? xmp.xmpRights.UsageTerms).toBe(`Royalty-free licence, licence terms version 2026-03, order ${order.number}.`);
      expect(xmp.ifd0.ImageDescription).toBe(`Royalty-free licence, licence terms version 2026-03, order ${order.number}.`);
      // Never the original's bytes, even at the original's size.
      expect(createHash('sha256').update(file).digest('hex')).not.toBe(createHash('sha256').update(original).digest('hex'));
    }
    const recorded = await db.select().from(licenceDownloads).where(eq(licenceDownloads.orderId, order.orderId));
    expect(recorded.map((row) => [row.customerUserId, row.orderLineId, row.kind, row.ip]).sort()).toEqual(
      [
        [buyer, order.lineIds[0], 'file', request.ip],
        [buyer, order.lineIds[1], 'file', request.ip],
      ].sort(),
    );
  });

  it('is refused (404) to another customer, a visitor not signed in and every staff role, and nothing is recorded', async () => {
    const order = await createPurchasedOrder(sqlClient, { customerUserId: buyer, lines: [{ imageId, tier: 'M' }] });
    const link = await downloadLinkFor(buyer, order.lineIds[0]!);

    await signInAs((await createCustomer()).userId);
    expect((await fetchLink(link)).status).toBe(404);
    request.cookies.clear();
    expect((await fetchLink(link)).status).toBe(404);
    for (const role of staffRoles) {
      await signInAs((await createStaffMember(role)).userId, 'staff');
      expect((await fetchLink(link)).status, role).toBe(404);
    }
    // The other customer's own link for the buyer's line: the line is not theirs.
    const other = (await createCustomer()).userId;
    await signInAs(other);
    expect((await fetchLink(await downloadLinkFor(other, order.lineIds[0]!))).status).toBe(404);

    expect(await db.select().from(licenceDownloads).where(eq(licenceDownloads.orderId, order.orderId))).toEqual([]);
    await signInAs(buyer);
    expect((await fetchLink(link)).status).toBe(200);
  });

  it('refuses an expired, tampered or made-up link', async () => {
    const order = await createPurchasedOrder(sqlClient, { customerUserId: buyer, lines: [{ imageId, tier: 'S' }] });
    await signInAs(buyer);
    const expired = await downloadLinkFor(buyer, order.lineIds[0]!, new Date(Date.now() - 24 * 3_600_000));
    const response = await fetchLink(expired);
    expect(response.status).toBe(410);
    expect(await response.text()).toContain('expired');

    const valid = await downloadLinkFor(buyer, order.lineIds[0]!);
    const token = new URL(`http://x${valid}`).searchParams.get('t')!;
    const [body, signature] = token.split('.');
    // Re-signed claims (a longer life) without the secret, a flipped signature, junk and no token at all.
    const longer = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(body!, 'base64url').toString()), until: 4_102_444_800 })).toString('base64url');
    for (const forged of [`${longer}.${signature}`, `${body}.${signature!.slice(0, -2)}AA`, 'abc', '', `${body}`]) {
      expect((await fetchLink(`/account/downloads/file?t=${encodeURIComponent(forged)}`)).status, forged).toBe(404);
    }
    expect((await fetchLink('/account/downloads/file')).status).toBe(404);
  });

  it('waits for payment, or for approval when the customer may pay later; a rejected or cancelled order gives nothing', async () => {
    await signInAs(buyer);
    for (const status of ['submitted', 'awaiting_approval', 'approved', 'rejected', 'cancelled'] as const) {
      const order = await createPurchasedOrder(sqlClient, { customerUserId: buyer, status, lines: [{ imageId, tier: 'S' }] });
      expect((await fetchLink(await downloadLinkFor(buyer, order.lineIds[0]!))).status, status).toBe(404);
    }
    for (const status of ['paid', 'delivered'] as const) {
      const order = await createPurchasedOrder(sqlClient, { customerUserId: buyer, status, lines: [{ imageId, tier: 'S' }] });
      expect((await fetchLink(await downloadLinkFor(buyer, order.lineIds[0]!))).status, status).toBe(200);
    }

    const payLater = (await createCustomer()).userId;
    const approved = await createPurchasedOrder(sqlClient, { customerUserId: payLater, status: 'approved', lines: [{ imageId, tier: 'M' }] });
    const awaiting = await createPurchasedOrder(sqlClient, { customerUserId: payLater, status: 'awaiting_approval', lines: [{ imageId, tier: 'M' }] });
    const rejected = await createPurchasedOrder(sqlClient, { customerUserId: payLater, status: 'rejected', lines: [{ imageId, tier: 'M' }] });
    await signInAs(payLater);
    const link = await downloadLinkFor(payLater, approved.lineIds[0]!);
    expect((await fetchLink(link)).status).toBe(404);
    await setCustomerTerms(sqlClient, payLater, { mayPayLater: true });
    expect((await fetchLink(link)).status).toBe(200);
    expect((await fetchLink(await downloadLinkFor(payLater, awaiting.lineIds[0]!))).status).toBe(404);
    expect((await fetchLink(await downloadLinkFor(payLater, rejected.lineIds[0]!))).status).toBe(404);
    expect((await listDownloadableLines(payLater)).map((line) => line.orderId)).toEqual([approved.orderId]);
    // Staff withdraw the permission: the link made before stops working.
    await setCustomerTerms(sqlClient, payLater, { mayPayLater: false });
    expect((await fetchLink(link)).status).toBe(404);
  });

  it('lists only what the customer may download, with order number, tier and pixel size', async () => {
    const customer = (await createCustomer()).userId;
    expect(await listDownloadableLines(customer)).toEqual([]);
    const paid = await createPurchasedOrder(sqlClient, { customerUserId: customer, lines: [{ imageId, tier: 'S' }, { imageId, tier: 'L' }] });
    await createPurchasedOrder(sqlClient, { customerUserId: customer, status: 'awaiting_approval', lines: [{ imageId, tier: 'M' }] });
    await createPurchasedOrder(sqlClient, { customerUserId: buyer, lines: [{ imageId, tier: 'M' }] });
    const lines = await listDownloadableLines(customer);
    expect(lines.map(({ orderNumber, imageId: id, tier, widthPx, heightPx }) => [orderNumber, id, tier, widthPx, heightPx])).toEqual([
      [paid.number, imageId, 'S', 800, 533],
      [paid.number, imageId, 'L', 2400, 1600],
    ]);
  });
});

describe('checklist 35: originals', () => {
  it('no link reaches an original by path traversal or a guessed storage key', async () => {
    const [media] = await db.select().from(imageMedia).where(eq(imageMedia.imageId, imageId));
    expect(await readOriginalBytes(media!)).not.toBeNull();
    await signInAs(buyer);
    for (const t of [media!.originalKey, `../originals/${media!.originalKey.slice(0, 2)}/${media!.originalKey}.jpg`, '..%2F..%2Fsecrets.json', `${media!.originalKey}.${'A'.repeat(43)}`]) {
      const response = await fetchLink(`/account/downloads/file?t=${encodeURIComponent(t)}`);
      expect(response.status, t).toBe(404);
      expect(Buffer.from(await response.arrayBuffer()).includes(original.subarray(0, 64))).toBe(false);
    }
    expect(await db.select().from(licenceDownloads).where(and(eq(licenceDownloads.customerUserId, buyer), eq(licenceDownloads.kind, 'bundle')))).toEqual([]);
  });
});
