import { randomBytes } from 'node:crypto';
import { inArray } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { cartItems, carts } from '@/db/schema';
import { closeDatabase, db } from '@/lib/db/client';
import { guestKeyFor } from '@/lib/visitors/guest-visitor';
import { removeStaleGuestVisits } from '@/lib/visitors/remove-stale-guest-visits';
import { createCustomer } from '../../helpers/actor-factory';
import { createImage } from '../../helpers/catalog-factory';

afterAll(closeDatabase);

const DAY = 86_400_000;

describe("retention of guests' carts", () => {
  it('removes a guest cart 30 days after its last change, with its items, and keeps newer ones and every customer cart', async () => {
    const imageId = await createImage();
    const customer = await createCustomer();
    const [stale, fresh, owned] = await db
      .insert(carts)
      .values([
        { guestKey: guestKeyFor(randomBytes(32).toString('base64url')), updatedAt: new Date(Date.now() - 31 * DAY) },
        { guestKey: guestKeyFor(randomBytes(32).toString('base64url')), updatedAt: new Date(Date.now() - 29 * DAY) },
        { ownerUserId: customer.userId, updatedAt: new Date(Date.now() - 400 * DAY) },
      ])
      .returning({ id: carts.id });
    await db.insert(cartItems).values([stale!, fresh!, owned!].map((cart) => ({ cartId: cart.id, imageId, tier: 'M' as const })));

    expect((await removeStaleGuestVisits()).carts).toBeGreaterThanOrEqual(1);

    const left = (await db.select({ id: carts.id }).from(carts).where(inArray(carts.id, [stale!.id, fresh!.id, owned!.id]))).map((row) => row.id);
    expect(left.sort()).toEqual([fresh!.id, owned!.id].sort());
    const items = await db.select({ cartId: cartItems.cartId }).from(cartItems).where(inArray(cartItems.cartId, [stale!.id]));
    expect(items).toEqual([]);
  });
});
