/**
 * The staff catalog (lib/catalog/staff, lib/catalog/price-lists): upload through the media
 * pipeline, edit details and price list, publish and withdraw, list and search, edit price tiers.
 * Each change is one transaction with one audit entry naming fields, never values; a role without
 * catalog.manage is refused; bad input gets a message per field.
 */
import { and, desc, eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { auditTrail, imageMedia, images, priceTiers } from '@/db/schema';
import { verifyAuditChain } from '@/lib/audit/verify-audit-chain';
import { updatePriceTiers } from '@/lib/catalog/price-lists/update-price-tiers';
import { listPriceLists } from '@/lib/catalog/price-lists/list-price-lists';
import { listCatalogImages, ZCatalogListQuery } from '@/lib/catalog/staff/list-catalog-images';
import { setImagePublished } from '@/lib/catalog/staff/set-image-published';
import { updateImageDetails } from '@/lib/catalog/staff/update-image-details';
import { uploadImage, MAX_UPLOAD_BYTES } from '@/lib/catalog/staff/upload-image';
import { closeDatabase, db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { staffRoles, roleHasPermission } from '@/lib/staff/permissions';
import { createPriceList, createImage, searchToken } from '../../helpers/catalog-factory';
import { staffActorFor } from '../../helpers/staff-actor';
import { makeImage } from '../../unit/media/image-fixtures';

afterAll(closeDatabase);

const fileOf = (bytes: Buffer, name: string, type = 'image/jpeg') => new File([new Uint8Array(bytes)], name, { type });

const DETAILS = {
  title: 'Harbour at dawn',
  description: 'Fishing boats in the morning mist.',
  keywords: 'harbour, Boats\nmist',
  creatorName: 'Ada Example',
  creditLine: 'Ada Example / Stockroom',
  capturedOn: '2024-05-31',
  licenceModel: 'royalty_free',
  priceListId: '',
  modelRelease: 'not_needed',
  peopleCount: '0',
};

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

async function auditEntriesFor(objectType: string, objectId: string) {
  return db.select().from(auditTrail).where(and(eq(auditTrail.objectType, objectType), eq(auditTrail.objectId, objectId))).orderBy(desc(auditTrail.id));
}

describe('uploading an image', () => {
  it('adds it unpublished with its derivatives and the given details, audited with field names only', async () => {
    const actor = await staffActorFor('catalog');
    const { imageId } = await uploadImage(actor, { file: fileOf(await makeImage('jpeg', { width: 900, height: 600 }), 'harbour.jpg'), form: DETAILS });
    const [image] = await db.select().from(images).where(eq(images.id, imageId));
    expect(image).toMatchObject({
      title: 'Harbour at dawn',
      keywords: ['harbour', 'boats', 'mist'],
      capturedOn: '2024-05-31',
      published: false,
      width: 900,
      height: 600,
      licenceModel: 'royalty_free',
      modelRelease: 'not_needed',
    });
    expect(image!.priceListId).not.toBeNull();
    const [media] = await db.select().from(imageMedia).where(eq(imageMedia.imageId, imageId));
    expect(media).toMatchObject({ originalMime: 'image/jpeg' });

    const [entry] = await auditEntriesFor('image', String(imageId));
    expect(entry).toMatchObject({ action: 'catalog.image-uploaded', actorUserId: actor.userId });
    const details = JSON.stringify(entry!.details);
    expect(details).toContain('original');
    expect(details).not.toContain('Harbour');
    expect(details).not.toContain('Ada');
    expect((await verifyAuditChain(db)).intact).toBe(true);
  });

  it('takes the title from the file name when none is given', async () => {
    const actor = await staffActorFor('superadmin');
    const { imageId } = await uploadImage(actor, { file: fileOf(await makeImage('png', { width: 300, height: 300 }), 'quiet_lake-view.png', 'image/png'), form: { ...DETAILS, title: '', keywords: '' } });
    const [image] = await db.select({ title: images.title }).from(images).where(eq(images.id, imageId));
    expect(image?.title).toBe('quiet lake view');
  });

  it('refuses a file that is not a picture, whatever its name and type say, and stores nothing', async () => {
    const actor = await staffActorFor('catalog');
    const before = await db.$count(images);
    const error = await refusal(uploadImage(actor, { file: fileOf(Buffer.from('%PDF-1.7 not a picture'), 'photo.jpg'), form: DETAILS }));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.fieldErrors.file).toBe('This file is not a picture we can use: upload a JPEG, PNG, TIFF or WebP image.');
    const damaged = await refusal(uploadImage(actor, { file: fileOf(Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(200)]), 'cut.jpg'), form: DETAILS }));
    expect(damaged.fieldErrors.file).toContain('could not be read as an image');
    expect(await db.$count(images)).toBe(before);
  });

  it('refuses a missing file, an oversized one and bad details with a message per field', async () => {
    const actor = await staffActorFor('catalog');
    expect((await refusal(uploadImage(actor, { file: null, form: DETAILS }))).fieldErrors.file).toBe('Choose a picture to upload.');
    const huge = new File([new Uint8Array(MAX_UPLOAD_BYTES + 1)], 'huge.jpg', { type: 'image/jpeg' });
    expect((await refusal(uploadImage(actor, { file: huge, form: DETAILS }))).fieldErrors.file).toBe('The file is larger than 50 MB.');
    const bad = await refusal(uploadImage(actor, { file: fileOf(await makeImage('jpeg'), 'a.jpg'), form: { ...DETAILS, peopleCount: 'two', licenceModel: 'free', capturedOn: '31/05/2024' } }));
    expect(bad.fieldErrors).toMatchObject({ peopleCount: expect.stringContaining('whole number'), licenceModel: 'Choose a licence model.' });
    const badDate = await refusal(uploadImage(actor, { file: fileOf(await makeImage('jpeg'), 'a.jpg'), form: { ...DETAILS, capturedOn: '31/05/2024' } }));
    expect(badDate.fieldErrors.capturedOn).toBe('The capture date must be a date like 2024-05-31.');
  });

  it('is refused to every role without catalog.manage', async () => {
    for (const role of staffRoles.filter((candidate) => !roleHasPermission(candidate, 'catalog.manage'))) {
      const actor = await staffActorFor(role);
      expect((await refusal(uploadImage(actor, { file: fileOf(await makeImage('jpeg'), 'a.jpg'), form: DETAILS }))).code, role).toBe('FORBIDDEN');
    }
  });
});

describe('editing, publishing and listing', () => {
  it('saves changed details and price list in one audited change, naming only the fields that changed', async () => {
    const actor = await staffActorFor('catalog');
    const token = searchToken();
    const imageId = await createImage({ title: `Old ${token}`, published: true, keywords: ['old'] });
    const otherList = await createPriceList();
    const { changed } = await updateImageDetails(actor, String(imageId), { ...DETAILS, title: `New ${token}`, priceListId: String(otherList), peopleCount: '2', modelRelease: 'released' });
    expect(changed).toEqual(expect.arrayContaining(['title', 'keywords', 'priceListId', 'peopleCount', 'description']));
    const [image] = await db.select().from(images).where(eq(images.id, imageId));
    expect(image).toMatchObject({ title: `New ${token}`, priceListId: otherList, peopleCount: 2, keywords: ['harbour', 'boats', 'mist'] });
    const [entry] = await auditEntriesFor('image', String(imageId));
    expect(entry).toMatchObject({ action: 'catalog.image-updated' });
    expect((entry!.details as { changedFields: string[] }).changedFields.sort()).toEqual([...changed].sort());
    expect(JSON.stringify(entry!.details)).not.toContain(token);

    // The same values again change nothing and add no entry.
    expect((await updateImageDetails(actor, String(imageId), { ...DETAILS, title: `New ${token}`, priceListId: String(otherList), peopleCount: '2', modelRelease: 'released' })).changed).toEqual([]);
    expect(await auditEntriesFor('image', String(imageId))).toHaveLength(1);

    // Rights-managed drops the price list, whatever the select still says.
    await updateImageDetails(actor, String(imageId), { ...DETAILS, licenceModel: 'rights_managed', priceListId: String(otherList) });
    const [managed] = await db.select().from(images).where(eq(images.id, imageId));
    expect(managed).toMatchObject({ licenceModel: 'rights_managed', priceListId: null });
  });

  it('refuses bad details with messages, an unknown price list, and an unknown image with NOT_FOUND', async () => {
    const actor = await staffActorFor('catalog');
    const imageId = await createImage({});
    const bad = await refusal(updateImageDetails(actor, String(imageId), { ...DETAILS, title: '  ', peopleCount: '-1', modelRelease: '' }));
    expect(bad.fieldErrors).toMatchObject({ title: 'A title is required.', peopleCount: expect.stringContaining('whole number'), modelRelease: 'Choose the model release status.' });
    expect((await refusal(updateImageDetails(actor, String(imageId), { ...DETAILS, priceListId: '999999' }))).fieldErrors.priceListId).toBe('Choose a price list.');
    for (const id of ['999999999', 'abc', '', '-1']) expect((await refusal(updateImageDetails(actor, id, DETAILS))).code, id).toBe('NOT_FOUND');
    const sales = await staffActorFor('sales');
    expect((await refusal(updateImageDetails(sales, String(imageId), DETAILS))).code).toBe('FORBIDDEN');
  });

  it('publishes and withdraws, audited, and refuses doing either twice or for the wrong role', async () => {
    const actor = await staffActorFor('catalog');
    const imageId = await createImage({ published: false });
    await setImagePublished(actor, String(imageId), true);
    const [published] = await db.select().from(images).where(eq(images.id, imageId));
    expect(published).toMatchObject({ published: true });
    expect(published!.publishedAt).toBeInstanceOf(Date);
    expect((await refusal(setImagePublished(actor, String(imageId), true))).userMessage).toBe('This image is published already.');
    await setImagePublished(actor, String(imageId), false);
    expect((await refusal(setImagePublished(actor, String(imageId), false))).userMessage).toBe('This image is not published.');
    const entries = await auditEntriesFor('image', String(imageId));
    expect(entries.map((entry) => entry.action)).toEqual(['catalog.image-unpublished', 'catalog.image-published']);
    for (const role of ['admin', 'sales', 'privacy_officer'] as const) {
      expect((await refusal(setImagePublished(await staffActorFor(role), String(imageId), true))).code, role).toBe('FORBIDDEN');
    }
  });

  it('lists images by title or id, filtered by publication, a page at a time', async () => {
    const actor = await staffActorFor('catalog');
    const token = searchToken();
    const ids: number[] = [];
    for (let index = 0; index < 27; index += 1) ids.push(await createImage({ title: `Item ${index} ${token}`, published: index % 3 === 0 }));
    const query = (raw: Record<string, string>) => ZCatalogListQuery.parse(raw);

    const first = await listCatalogImages(actor, query({ q: token }));
    expect(first.rows).toHaveLength(25);
    expect(first.hasMore).toBe(true);
    const second = await listCatalogImages(actor, query({ q: token, page: '2' }));
    expect(second.rows).toHaveLength(2);
    expect(second.hasMore).toBe(false);

    const published = await listCatalogImages(actor, query({ q: token, status: 'published' }));
    expect(published.rows.map((row) => row.published)).toEqual(Array(9).fill(true));
    const unpublished = await listCatalogImages(actor, query({ q: token, status: 'unpublished' }));
    expect(unpublished.rows).toHaveLength(18);

    const byId = await listCatalogImages(actor, query({ q: `#${ids[4]}` }));
    expect(byId.rows.map((row) => row.id)).toContain(ids[4]);
    // LIKE's wildcards are taken literally.
    expect((await listCatalogImages(actor, query({ q: `${token}%_` }))).rows).toEqual([]);

    expect(ZCatalogListQuery.safeParse({ status: 'deleted' }).error?.issues[0]?.message).toBe('Choose all, published or unpublished.');
    expect(ZCatalogListQuery.safeParse({ page: 'x' }).success).toBe(false);
    await expect(listCatalogImages(await staffActorFor('admin'), query({}))).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('price lists', () => {
  it('saves changed tiers, removes an emptied one, audits the tier fields, and shows them in the list', async () => {
    const actor = await staffActorFor('catalog');
    const listId = await createPriceList();
    const form = (tiers: Record<string, [string, string]>) =>
      Object.fromEntries(Object.entries(tiers).flatMap(([tier, [edge, price]]) => [[`${listId}.${tier}.longEdgePx`, edge], [`${listId}.${tier}.price`, price]]));
    const { changed } = await updatePriceTiers(actor, String(listId), form({ S: ['800', '19'], M: ['1600', '45,50'], L: ['3000', '69.00'], XL: ['', ''] }));
    expect(changed.sort()).toEqual(['tiers.M.priceMinor', 'tiers.XL']);
    const tiers = await db.select().from(priceTiers).where(eq(priceTiers.priceListId, listId));
    expect(Object.fromEntries(tiers.map((tier) => [tier.tier, tier.priceMinor]))).toEqual({ S: 1900, M: 4550, L: 6900 });
    const [entry] = await auditEntriesFor('price_list', String(listId));
    expect(entry).toMatchObject({ action: 'catalog.price-list-updated', details: { changedFields: changed } });
    const listed = (await listPriceLists(actor)).find((list) => list.id === listId);
    expect(listed?.tiers).toEqual({ S: { longEdgePx: 800, priceMinor: 1900 }, M: { longEdgePx: 1600, priceMinor: 4550 }, L: { longEdgePx: 3000, priceMinor: 6900 } });
  });

  it('refuses bad prices, edges out of order, an empty list, an unknown list and the wrong role', async () => {
    const actor = await staffActorFor('catalog');
    const listId = await createPriceList();
    const bad = await refusal(updatePriceTiers(actor, String(listId), { [`${listId}.S.longEdgePx`]: '800', [`${listId}.S.price`]: 'free', [`${listId}.M.longEdgePx`]: '700', [`${listId}.M.price`]: '10', [`${listId}.L.longEdgePx`]: '3000' }));
    expect(bad.fieldErrors).toEqual({
      [`${listId}.S.price`]: 'Enter a price like 19 or 19.00.',
      [`${listId}.L.price`]: 'Enter the price, or leave both fields empty.',
    });
    const order = await refusal(updatePriceTiers(actor, String(listId), { [`${listId}.S.longEdgePx`]: '800', [`${listId}.S.price`]: '5', [`${listId}.M.longEdgePx`]: '700', [`${listId}.M.price`]: '10' }));
    expect(order.fieldErrors).toEqual({ [`${listId}.M.longEdgePx`]: 'Must be larger than S (800 px).' });
    expect((await refusal(updatePriceTiers(actor, String(listId), {}))).fieldErrors).toEqual({ [`${listId}.S.longEdgePx`]: 'A price list offers at least one size.' });
    expect((await refusal(updatePriceTiers(actor, '999999', { '999999.S.longEdgePx': '800', '999999.S.price': '5' }))).code).toBe('NOT_FOUND');
    expect((await refusal(updatePriceTiers(await staffActorFor('sales'), String(listId), {}))).code).toBe('FORBIDDEN');
    expect(await db.select().from(priceTiers).where(eq(priceTiers.priceListId, listId))).toHaveLength(4);
  });
});
