import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { carts } from '@/db/schema';
import type { TExecutor } from '@/lib/db/client';

/**
 * Whose cart: a signed-in customer's (one row per account, kept across sign-outs and devices) or a
 * guest's (the hash of the visitor cookie). Always made from the session or the cookie, never from
 * anything the request names.
 */
export type TCartOwner = { kind: 'customer'; userId: string } | { kind: 'guest'; guestKey: string };

export const ownerCondition = (owner: TCartOwner) =>
  owner.kind === 'customer' ? eq(carts.ownerUserId, owner.userId) : eq(carts.guestKey, owner.guestKey);

export async function findCartId(executor: TExecutor, owner: TCartOwner): Promise<string | null> {
  const [cart] = await executor.select({ id: carts.id }).from(carts).where(ownerCondition(owner));
  return cart?.id ?? null;
}

/** The owner's cart id, made on first use; two first uses at once make one row (the unique owner columns). */
export async function ensureCartId(executor: TExecutor, owner: TCartOwner): Promise<string> {
  const values = owner.kind === 'customer' ? { ownerUserId: owner.userId } : { guestKey: owner.guestKey };
  const [cart] = await executor
    .insert(carts)
    .values(values)
    .onConflictDoUpdate({ target: owner.kind === 'customer' ? carts.ownerUserId : carts.guestKey, set: { updatedAt: sql`now()` } })
    .returning({ id: carts.id });
  return cart!.id;
}
