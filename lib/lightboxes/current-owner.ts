import 'server-only';
import { currentSession, getOptionalUser } from '@/lib/auth/guards';
import { AppError } from '@/lib/errors';
import { ensureGuestKey, readGuestKey } from '@/lib/visitors/guest-visitor';
import { customerOwner, guestOwner, type TLightboxOwner } from './lightbox-owner';

/**
 * The lightbox owner of this request: the signed-in customer, else the guest of the visitor
 * cookie. A staff session has no lightbox (the back office is not a shop account), so it gets none.
 */
export async function readLightboxOwner(): Promise<TLightboxOwner | null> {
  const actor = await getOptionalUser();
  if (actor) return customerOwner(actor);
  if (await isStaffSession()) return null;
  const guestKey = await readGuestKey();
  return guestKey ? guestOwner(guestKey) : null;
}

/** For actions that change a lightbox: a guest without a visitor cookie gets one now (server actions only). */
export async function lightboxOwnerForChange(): Promise<TLightboxOwner> {
  const actor = await getOptionalUser();
  if (actor) return customerOwner(actor);
  if (await isStaffSession()) {
    throw new AppError('FORBIDDEN', 'Lightboxes belong to customer accounts. Sign out of the back office to use one.');
  }
  return guestOwner(await ensureGuestKey());
}

export async function isStaffSession() {
  const session = await currentSession();
  return session.state === 'active' && session.kind === 'staff';
}
