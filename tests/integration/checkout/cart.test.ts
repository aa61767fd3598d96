import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { cartItems, carts, customerTerms, images } from '@/db/schema';
import { addToCart, MAX_CART_LINES } from '@/lib/cart/add-to-cart';
import { adoptGuestCart } from '@/lib/cart/adopt-guest-cart';
import type { TCartOwner } from '@/lib/cart/cart-owner';
import { countCartItems, getCart } from '@/lib/cart/get-cart';
import { emptyCart, removeFromCart } from '@/lib/cart/remove-from-cart';
import { closeDatabase, db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { createCustomer } from '../../helpers/actor-factory';
import { createImage, createPriceList } from '../../helpers/catalog-factory';

afterAll(closeDatabase);

const customerOwner = (userId: string): TCartOwner => ({ kind: 'customer', userId });
const guestOwner = (): TCartOwner => ({ kind: 'guest', guestKey: randomBytes(32).toString('hex') });

describe('the cart', () => {
  it('adds a licence of a published royalty-free image in an offered tier, priced from the catalogue', async () => {
    const owner = customerOwner((await createCustomer()).userId);
    const imageId = await createImage({ title: 'Harbour at dawn' });
    expect(await addToCart(owner, { imageId, tier: 'M' })).toEqual({ lineCount: 1 });
    // Adding the same licence again changes nothing.
    expect(await addToCart(owner, { imageId: String(imageId), tier: 'M' })).toEqual({ lineCount: 1 });
    expect(await addToCart(owner, { imageId, tier: 'S' })).toEqual({ lineCount: 2 });

    const cart = await getCart(owner);
    expect(cart.lines.map((line) => [line.tier, line.widthPx, line.heightPx, line.netMinor])).toEqual([
      ['M', 1600, 1067, 3900],
      ['S', 800, 533, 1900],
    ]);
    expect(cart.netTotalMinor).toBe(5800);
    expect(await countCartItems(owner)).toBe(2);
  });

  it('ignores a price, size or VAT rate sent along with the item', async () => {
    const owner = customerOwner((await createCustomer()).userId);
    const imageId = await createImage();
    await addToCart(owner, { imageId, tier: 'L', priceMinor: 1, netMinor: 1, widthPx: 9999, vatRateBasisPoints: 0 });
    const [line] = (await getCart(owner)).lines;
    expect(line).toMatchObject({ tier: 'L', listPriceMinor: 6900, netMinor: 6900, widthPx: 3000, heightPx: 2000 });
  });

  it('refuses unpublished and rights-managed images, unknown ids and tiers the image is not offered in', async () => {
    const owner = customerOwner((await createCustomer()).userId);
    const unpublished = await createImage({ published: false });
    const rightsManaged = await createImage({ licenceModel: 'rights_managed' });
    // 2000 px long edge: S (800) and M (1600) are smaller, L (3000) is offered once as the original size, XL is not offered.
    const small = await createImage({ width: 2000, height: 1500 });
    for (const input of [
      { imageId: unpublished, tier: 'S' },
      { imageId: rightsManaged, tier: 'S' },
      { imageId: 987_654_321, tier: 'S' },
      { imageId: small, tier: 'XL' },
    ]) {
      await expect(addToCart(owner, input)).rejects.toMatchObject({ code: 'INVALID_INPUT', fieldErrors: { tier: expect.any(String) } });
    }
    await expect(addToCart(owner, { imageId: small, tier: 'XXL' })).rejects.toThrow();
    await expect(addToCart(owner, { imageId: 'abc', tier: 'S' })).rejects.toThrow();
    await addToCart(owner, { imageId: small, tier: 'L' });
    expect((await getCart(owner)).lines).toEqual([expect.objectContaining({ tier: 'L', widthPx: 2000, heightPx: 1500, isOriginalSize: true, netMinor: 6900 })]);
  });

  it('removes one licence and empties the cart', async () => {
    const owner = customerOwner((await createCustomer()).userId);
    const imageId = await createImage();
    await addToCart(owner, { imageId, tier: 'S' });
    await addToCart(owner, { imageId, tier: 'M' });
    await removeFromCart(owner, { imageId, tier: 'S' });
    expect((await getCart(owner)).lines.map((line) => line.tier)).toEqual(['M']);
    await emptyCart(owner);
    expect(await countCartItems(owner)).toBe(0);
  });

  it("never touches another owner's cart: removing and emptying act on the caller's own cart only", async () => {
    const alice = customerOwner((await createCustomer()).userId);
    const bob = customerOwner((await createCustomer()).userId);
    const guest = guestOwner();
    const imageId = await createImage();
    await addToCart(alice, { imageId, tier: 'S' });
    await removeFromCart(bob, { imageId, tier: 'S' });
    await emptyCart(bob);
    await emptyCart(guest);
    expect(await countCartItems(alice)).toBe(1);
    expect(await countCartItems(bob)).toBe(0);
    expect(await countCartItems(guest)).toBe(0);
  });

  it("keeps one cart per customer across sign-outs and devices (it is keyed by the account, not the session)", async () => {
    const customer = await createCustomer();
    const imageId = await createImage();
    await Promise.all([addToCart(customerOwner(customer.userId), { imageId, tier: 'S' }), addToCart(customerOwner(customer.userId), { imageId, tier: 'M' })]);
    expect(await db.select().from(carts).where(eq(carts.ownerUserId, customer.userId))).toHaveLength(1);
    expect(await countCartItems(customerOwner(customer.userId))).toBe(2);
  });

  it('shows a licence whose image was unpublished since as unavailable, outside the totals', async () => {
    const owner = customerOwner((await createCustomer()).userId);
    const kept = await createImage();
    const withdrawn = await createImage({ title: 'Withdrawn picture' });
    await addToCart(owner, { imageId: kept, tier: 'S' });
    await addToCart(owner, { imageId: withdrawn, tier: 'S' });
    await db.update(images).set({ published: false }).where(eq(images.id, withdrawn));
    const cart = await getCart(owner);
    expect(cart.lines.map((line) => line.imageId)).toEqual([kept]);
    expect(cart.unavailable).toEqual([{ imageId: withdrawn, tier: 'S', imageTitle: 'Withdrawn picture' }]);
    expect(cart.netTotalMinor).toBe(1900);
  });

  it(`holds at most ${MAX_CART_LINES} licences`, async () => {
    const owner = customerOwner((await createCustomer()).userId);
    const imageIds = await Promise.all(Array.from({ length: 25 }, () => createImage()));
    for (const imageId of imageIds) for (const tier of ['S', 'M', 'L', 'XL'] as const) await addToCart(owner, { imageId, tier });
    const extra = await createImage();
    const refusal = await addToCart(owner, { imageId: extra, tier: 'S' }).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(AppError);
    expect(refusal).toMatchObject({ code: 'CONFLICT' });
  });
});

describe('prices under a price agreement', () => {
  it("takes the customer's agreed price list instead of the image's, and the agreed discount off each line, rounded per line", async () => {
    const customer = await createCustomer();
    const agreedList = await createPriceList({
      tiers: [
        { tier: 'S', longEdgePx: 800, priceMinor: 1001 },
        { tier: 'M', longEdgePx: 1600, priceMinor: 2999 },
      ],
    });
    // 12.5 %: 1001 → 125.125 off (125), 2999 → 374.875 off (375).
    await db.insert(customerTerms).values({ userId: customer.userId, priceListId: agreedList, discountBasisPoints: 1250 });
    const owner = customerOwner(customer.userId);
    const imageId = await createImage();
    await addToCart(owner, { imageId, tier: 'S' });
    await addToCart(owner, { imageId, tier: 'M' });
    // Not in the agreed list, so not offered to this customer.
    await expect(addToCart(owner, { imageId, tier: 'L' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    const cart = await getCart(owner);
    expect(cart.lines.map((line) => [line.tier, line.listPriceMinor, line.discountMinor, line.netMinor])).toEqual([
      ['S', 1001, 125, 876],
      ['M', 2999, 375, 2624],
    ]);
    expect(cart.netTotalMinor).toBe(876 + 2624);
  });

  it('gives guests and customers without an agreement the list price', async () => {
    const guest = guestOwner();
    const imageId = await createImage();
    await addToCart(guest, { imageId, tier: 'XL' });
    expect((await getCart(guest)).lines[0]).toMatchObject({ listPriceMinor: 11_900, discountMinor: 0, netMinor: 11_900 });
  });
});

describe("adopting a guest's cart at sign-in", () => {
  it("merges the guest's licences into the account's cart once and deletes the guest cart", async () => {
    const customer = await createCustomer();
    const guest = guestOwner();
    const [first, second] = [await createImage(), await createImage()];
    await addToCart(customerOwner(customer.userId), { imageId: first, tier: 'S' });
    await addToCart(guest, { imageId: first, tier: 'S' });
    await addToCart(guest, { imageId: second, tier: 'L' });

    const result = await db.transaction((tx) => adoptGuestCart(tx, (guest as { guestKey: string }).guestKey, customer.userId));
    expect(result).toEqual({ adopted: 1 });
    expect((await getCart(customerOwner(customer.userId))).lines.map((line) => [line.imageId, line.tier])).toEqual([
      [first, 'S'],
      [second, 'L'],
    ]);
    expect(await db.select().from(carts).where(eq(carts.guestKey, (guest as { guestKey: string }).guestKey))).toEqual([]);
  });

  it('makes the account a cart when it had none, and does nothing for a guest without a cart', async () => {
    const customer = await createCustomer();
    const guest = guestOwner();
    const imageId = await createImage();
    await addToCart(guest, { imageId, tier: 'M' });
    await db.transaction((tx) => adoptGuestCart(tx, (guest as { guestKey: string }).guestKey, customer.userId));
    expect(await countCartItems(customerOwner(customer.userId))).toBe(1);
    expect(await db.transaction((tx) => adoptGuestCart(tx, 'no-such-guest', customer.userId))).toEqual({ adopted: 0 });
    expect(await db.select().from(cartItems).innerJoin(carts, eq(carts.id, cartItems.cartId)).where(eq(carts.ownerUserId, customer.userId))).toHaveLength(1);
  });
});
