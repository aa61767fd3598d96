import 'server-only';
import { getOptionalUser } from '@/lib/auth/guards';
import { ensureGuestKey, readGuestKey } from '@/lib/visitors/guest-visitor';
import type { TCartOwner } from './cart-owner';

/**
 * The cart of this request's visitor: the signed-in customer's, else the guest's under the visitor
 * cookie. Pages pass create: false (a page cannot set a cookie; no cookie means no cart yet);
 * actions that put something in the cart pass create: true and set the cookie when needed.
 */
export async function requestCartOwner(options: { create: true }): Promise<TCartOwner>;
export async function requestCartOwner(options: { create: false }): Promise<TCartOwner | null>;
export async function requestCartOwner(options: { create: boolean }): Promise<TCartOwner | null> {
  const user = await getOptionalUser();
  if (user) return { kind: 'customer', userId: user.userId };
  const guestKey = options.create ? await ensureGuestKey() : await readGuestKey();
  return guestKey ? { kind: 'guest', guestKey } : null;
}
