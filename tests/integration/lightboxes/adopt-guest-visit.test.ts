import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { lightboxes } from '@/db/schema';
import { signInWithPassword } from '@/lib/auth/sign-in-with-password';
import { closeDatabase, db } from '@/lib/db/client';
import { getLightbox } from '@/lib/lightboxes/get-lightbox';
import { addLightboxImage, updateLightboxNote } from '@/lib/lightboxes/lightbox-images';
import { customerOwner, guestOwner } from '@/lib/lightboxes/lightbox-owner';
import { listLightboxes } from '@/lib/lightboxes/list-lightboxes';
import { createLightbox, setActiveLightbox } from '@/lib/lightboxes/manage-lightboxes';
import { adoptGuestVisit } from '@/lib/visitors/adopt-guest-visit';
import { guestKeyFor } from '@/lib/visitors/guest-visitor';
import { afterResponse, clientAt, insertCustomer, registrationForm, userByEmail } from '../../helpers/accounts-factory';
import { actorFromToken, createSignedInCustomer } from '../../helpers/actor-factory';
import { createImage } from '../../helpers/catalog-factory';
import { registerAccount } from '@/lib/accounts/register-account';

afterAll(async () => {
  await closeDatabase();
});

const newGuestKey = () => guestKeyFor(randomBytes(32).toString('base64url'));

describe("a guest's lightbox moves into the account", () => {
  it('into a customer without lightboxes: it moves over as it is and stays active', async () => {
    const guestKey = newGuestKey();
    const image = await createImage();
    const { lightboxId } = await addLightboxImage(guestOwner(guestKey), image);
    const customer = await createSignedInCustomer();
    await db.transaction((tx) => adoptGuestVisit(tx, guestKey, customer.userId));
    const owner = customerOwner(customer.actor);
    expect(await listLightboxes(owner)).toEqual([expect.objectContaining({ id: lightboxId, isActive: true, imageCount: 1 })]);
    expect(await listLightboxes(guestOwner(guestKey))).toEqual([]);
    // Running it again finds nothing left to move.
    expect(await db.transaction((tx) => adoptGuestVisit(tx, guestKey, customer.userId))).toEqual({ lightboxes: 0, cartItems: 0 });
  });

  it("merges into the customer's active lightbox: no duplicates, the customer's note wins, the guest's fills an empty one", async () => {
    const customer = await createSignedInCustomer();
    const owner = customerOwner(customer.actor);
    const [shared, onlyGuest, onlyCustomer, noted] = [await createImage(), await createImage(), await createImage(), await createImage()];
    const { lightboxId: customerBox } = await addLightboxImage(owner, shared);
    await addLightboxImage(owner, onlyCustomer);
    await addLightboxImage(owner, noted);
    await updateLightboxNote(owner, customerBox, shared, 'customer says');
    const { id: other } = await createLightbox(owner, 'Other');
    await setActiveLightbox(owner, customerBox);

    const guestKey = newGuestKey();
    const guest = guestOwner(guestKey);
    const { lightboxId: guestBox } = await addLightboxImage(guest, shared);
    await addLightboxImage(guest, onlyGuest);
    await addLightboxImage(guest, noted);
    await updateLightboxNote(guest, guestBox, shared, 'guest says');
    await updateLightboxNote(guest, guestBox, noted, 'guest note');

    await db.transaction((tx) => adoptGuestVisit(tx, guestKey, customer.userId));
    const merged = await getLightbox(owner, customerBox);
    expect(merged.isActive).toBe(true);
    expect(Object.fromEntries(merged.images.map((row) => [row.imageId, row.note]))).toEqual({
      [shared]: 'customer says',
      [onlyCustomer]: '',
      [noted]: 'guest note',
      [onlyGuest]: '',
    });
    expect((await listLightboxes(owner)).map((box) => box.id)).toEqual([customerBox, other]);
    expect(await db.select().from(lightboxes).where(eq(lightboxes.id, guestBox))).toEqual([]);
  });

  it('at sign-in, in the session transaction', async () => {
    const customer = await insertCustomer();
    const guestKey = newGuestKey();
    const image = await createImage();
    await addLightboxImage(guestOwner(guestKey), image);
    const result = await signInWithPassword({ email: customer.email, password: customer.password }, clientAt(), null, guestKey);
    expect(result.ok).toBe(true);
    const actor = await actorFromToken((result as { sessionToken: string }).sessionToken);
    expect((await listLightboxes(customerOwner(actor)))[0]).toMatchObject({ imageCount: 1, isActive: true });
  });

  it('a failed sign-in moves nothing', async () => {
    const customer = await insertCustomer();
    const guestKey = newGuestKey();
    await addLightboxImage(guestOwner(guestKey), await createImage());
    expect((await signInWithPassword({ email: customer.email, password: 'Wrong-Password-9' }, clientAt(), null, guestKey)).ok).toBe(false);
    expect(await listLightboxes(guestOwner(guestKey))).toHaveLength(1);
  });

  it('at registration into the new account, but never into an existing account named in the form', async () => {
    const guestKey = newGuestKey();
    await addLightboxImage(guestOwner(guestKey), await createImage());

    const existing = await insertCustomer();
    const later = afterResponse();
    await registerAccount(await registrationForm({ email: existing.email }), clientAt(), later.defer, guestKey);
    await later.run();
    expect(await db.select().from(lightboxes).where(eq(lightboxes.ownerUserId, existing.userId))).toEqual([]);
    expect(await listLightboxes(guestOwner(guestKey))).toHaveLength(1);

    const form = await registrationForm();
    const again = afterResponse();
    await registerAccount(form, clientAt(), again.defer, guestKey);
    await again.run();
    const user = await userByEmail(String(form.email));
    expect(user?.status).toBe('pending');
    expect(await db.select({ id: lightboxes.id }).from(lightboxes).where(eq(lightboxes.ownerUserId, user!.id))).toHaveLength(1);
    expect(await listLightboxes(guestOwner(guestKey))).toEqual([]);
  });
});
