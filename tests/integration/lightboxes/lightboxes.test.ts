import { and, eq } from 'drizzle-orm';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { lightboxes, lightboxItems } from '@/db/schema';
import { db, closeDatabase } from '@/lib/db/client';
import { getLightbox } from '@/lib/lightboxes/get-lightbox';
import { addLightboxImage, lightboxState, removeLightboxImage, updateLightboxNote } from '@/lib/lightboxes/lightbox-images';
import { customerOwner, guestOwner, type TLightboxOwner } from '@/lib/lightboxes/lightbox-owner';
import { listLightboxes } from '@/lib/lightboxes/list-lightboxes';
import { createLightbox, deleteLightbox, moveLightbox, renameLightbox, setActiveLightbox } from '@/lib/lightboxes/manage-lightboxes';
import { guestKeyFor } from '@/lib/visitors/guest-visitor';
import { createSignedInCustomer } from '../../helpers/actor-factory';
import { createImage } from '../../helpers/catalog-factory';
import { randomBytes } from 'node:crypto';

afterAll(async () => {
  await closeDatabase();
});

afterEach(() => {
  vi.restoreAllMocks();
});

const newGuest = () => guestOwner(guestKeyFor(randomBytes(32).toString('base64url')));
const newCustomer = async () => customerOwner((await createSignedInCustomer()).actor);

async function expectNotFound(work: Promise<unknown>) {
  await expect(work).rejects.toMatchObject({ name: 'AppError', code: 'NOT_FOUND' });
}

describe('lightboxes of one owner', () => {
  it('the first add makes "My lightbox" active; adding twice keeps one copy; remove takes it out', async () => {
    const owner = await newCustomer();
    const [a, b] = [await createImage({ title: 'Harbour' }), await createImage({ title: 'Gull' })];
    const first = await addLightboxImage(owner, a);
    expect(first).toMatchObject({ lightboxName: 'My lightbox', inLightbox: true, imageId: a });
    await addLightboxImage(owner, a);
    await addLightboxImage(owner, String(b));
    expect(await lightboxState(owner, [a, b, 999_999])).toMatchObject({ active: { id: first.lightboxId, imageCount: 2 }, savedImageIds: expect.arrayContaining([a, b]) });
    await removeLightboxImage(owner, a);
    const lightbox = await getLightbox(owner, first.lightboxId);
    expect(lightbox.images.map((image) => image.imageId)).toEqual([b]);
    expect(await listLightboxes(owner)).toEqual([expect.objectContaining({ id: first.lightboxId, isActive: true, imageCount: 1, coverImageIds: [b] })]);
  });

  it('refuses unpublished, unknown and malformed images', async () => {
    const owner = newGuest();
    const hidden = await createImage({ published: false });
    await expectNotFound(addLightboxImage(owner, hidden));
    await expectNotFound(addLightboxImage(owner, 987_654_321));
    await expectNotFound(addLightboxImage(owner, 'abc'));
    await expectNotFound(addLightboxImage(owner, -3));
    expect(await listLightboxes(owner)).toEqual([]);
  });

  it('create, rename, reorder, set active and delete', async () => {
    const owner = await newCustomer();
    const image = await createImage();
    const { lightboxId: mine } = await addLightboxImage(owner, image);
    const { id: spring } = await createLightbox(owner, '  Spring campaign ');
    const { id: autumn } = await createLightbox(owner, 'Autumn');
    let list = await listLightboxes(owner);
    expect(list.map((box) => [box.name, box.isActive])).toEqual([
      ['My lightbox', false],
      ['Spring campaign', false],
      ['Autumn', true],
    ]);
    // A new lightbox is the active one: the one-click button now fills it.
    expect((await addLightboxImage(owner, image)).lightboxId).toBe(autumn);

    await moveLightbox(owner, autumn, 'up');
    await moveLightbox(owner, mine, 'up'); // already first: nothing changes
    list = await listLightboxes(owner);
    expect(list.map((box) => box.name)).toEqual(['My lightbox', 'Autumn', 'Spring campaign']);
    await moveLightbox(owner, mine, 'down');
    expect((await listLightboxes(owner)).map((box) => box.name)).toEqual(['Autumn', 'My lightbox', 'Spring campaign']);

    await renameLightbox(owner, spring, 'Spring 2027');
    await setActiveLightbox(owner, spring);
    list = await listLightboxes(owner);
    expect(list.filter((box) => box.isActive).map((box) => box.name)).toEqual(['Spring 2027']);

    // Deleting the active lightbox hands "active" to the first remaining one.
    await deleteLightbox(owner, spring);
    list = await listLightboxes(owner);
    expect(list.map((box) => [box.name, box.isActive])).toEqual([
      ['Autumn', true],
      ['My lightbox', false],
    ]);
  });

  it('names are checked: empty, too long and with line breaks are refused with a field message', async () => {
    const owner = await newCustomer();
    for (const name of ['', '   ', 'x'.repeat(121), 'Line\r\nBreak', 'Tab\there']) {
      await expect(createLightbox(owner, name)).rejects.toMatchObject({ name: 'ZodError' });
    }
    expect(await listLightboxes(owner)).toEqual([]);
  });

  it('notes: saved per image, trimmed, limited to 1,000 characters; markup is kept as text', async () => {
    const owner = await newCustomer();
    const image = await createImage();
    const { lightboxId } = await addLightboxImage(owner, image);
    const note = '<img src=x onerror=alert(1)> for the cover\r\nsecond line';
    await updateLightboxNote(owner, lightboxId, image, `  ${note}  `);
    expect((await getLightbox(owner, lightboxId)).images[0]!.note).toBe('<img src=x onerror=alert(1)> for the cover\nsecond line');
    await expect(updateLightboxNote(owner, lightboxId, image, 'x'.repeat(1001))).rejects.toMatchObject({ name: 'ZodError' });
    await expectNotFound(updateLightboxNote(owner, lightboxId, await createImage(), 'not in it'));
  });

  it('two parallel first adds make one active lightbox', async () => {
    const owner = newGuest();
    const ids = await Promise.all([createImage(), createImage(), createImage(), createImage()]);
    await Promise.all(ids.map((id) => addLightboxImage(owner, id)));
    const list = await listLightboxes(owner);
    expect(list).toHaveLength(1);
    expect(list[0]!.imageCount).toBe(4);
  });
});

describe('access matrix: another owner gets 404 for every lightbox id', () => {
  async function ownersLightbox() {
    const owner = await newCustomer();
    const image = await createImage();
    const { lightboxId } = await addLightboxImage(owner, image);
    return { owner, image, lightboxId };
  }

  /** Every use case that takes a lightbox id, as thunks: each runs only when its refusal is awaited. */
  const attempts = (intruder: TLightboxOwner, lightboxId: string, image: number) => [
    () => getLightbox(intruder, lightboxId),
    () => renameLightbox(intruder, lightboxId, 'Taken'),
    () => deleteLightbox(intruder, lightboxId),
    () => setActiveLightbox(intruder, lightboxId),
    () => moveLightbox(intruder, lightboxId, 'up'),
    () => addLightboxImage(intruder, image, lightboxId),
    () => removeLightboxImage(intruder, image, lightboxId),
    () => updateLightboxNote(intruder, lightboxId, image, 'mine now'),
  ];

  it('another customer: 404 each time, and each refusal is logged as an authorization failure', async () => {
    const { owner, image, lightboxId } = await ownersLightbox();
    const intruder = await newCustomer();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    for (const attempt of attempts(intruder, lightboxId, image)) await expectNotFound(attempt());
    const authz = warn.mock.calls.map((call) => String(call[0])).filter((line) => line.startsWith('[authz]'));
    expect(authz).toHaveLength(8);
    expect(authz[0]).toContain(lightboxId);
    expect(authz[0]).toContain(intruder.kind === 'customer' ? intruder.actor.userId : '');

    // An unknown id is a 404 too, and not logged as someone else's (there is no one else).
    await expectNotFound(getLightbox(intruder, '00000000-0000-4000-8000-000000000000'));
    await expectNotFound(getLightbox(intruder, 'not-a-uuid'));
    expect(warn.mock.calls.filter((call) => String(call[0]).startsWith('[authz]'))).toHaveLength(8);

    const after = await getLightbox(owner, lightboxId);
    expect(after).toMatchObject({ name: 'My lightbox', isActive: true });
    expect(after.images.map((row) => [row.imageId, row.note])).toEqual([[image, '']]);
    expect(await listLightboxes(intruder)).toEqual([]);
  });

  it('a guest: 404 each time, and the guest lists only their own', async () => {
    const { owner, image, lightboxId } = await ownersLightbox();
    const guest = newGuest();
    for (const attempt of attempts(guest, lightboxId, image)) await expectNotFound(attempt());
    expect(await listLightboxes(guest)).toEqual([]);
    expect((await getLightbox(owner, lightboxId)).images).toHaveLength(1);
  });

  it("a customer cannot reach a guest's lightbox and a guest cannot reach another guest's", async () => {
    const guest = newGuest();
    const image = await createImage();
    const { lightboxId } = await addLightboxImage(guest, image);
    for (const intruder of [await newCustomer(), newGuest()]) {
      vi.spyOn(console, 'warn').mockImplementation(() => {});
      for (const attempt of attempts(intruder, lightboxId, image)) await expectNotFound(attempt());
    }
    expect((await getLightbox(guest, lightboxId)).images).toHaveLength(1);
  });

  it('the state read for the buttons never shows another owner’s images', async () => {
    const { image } = await ownersLightbox();
    expect(await lightboxState(await newCustomer(), [image])).toEqual({ active: null, savedImageIds: [] });
    expect(await lightboxState(newGuest(), [image])).toEqual({ active: null, savedImageIds: [] });
    expect(await lightboxState(null, [image])).toEqual({ active: null, savedImageIds: [] });
  });

  it('rows stay in the database exactly as the owner left them', async () => {
    const { lightboxId, image } = await ownersLightbox();
    const [row] = await db.select().from(lightboxItems).where(and(eq(lightboxItems.lightboxId, lightboxId), eq(lightboxItems.imageId, image)));
    expect(row).toBeDefined();
    expect((await db.select().from(lightboxes).where(eq(lightboxes.id, lightboxId)))[0]!.name).toBe('My lightbox');
  });
});
