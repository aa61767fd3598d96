import 'server-only';
import { and, eq, isNull, sql, type SQL } from 'drizzle-orm';
import { lightboxes } from '@/db/schema';
import type { TCustomerActor } from '@/lib/auth/guards';
import { db, type TExecutor, type TTransaction } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { logLine } from '@/lib/log/log-line';

/**
 * Whose lightboxes a request may see: a signed-in customer (made only by the guards), or a guest
 * known by the hash of the visitor cookie (lib/visitors/guest-visitor.ts). Every query below puts
 * this owner in its WHERE clause, so another owner's lightbox id finds nothing.
 */
export type TLightboxOwner = { kind: 'customer'; actor: TCustomerActor } | { kind: 'guest'; guestKey: string };

export const customerOwner = (actor: TCustomerActor): TLightboxOwner => ({ kind: 'customer', actor });
export const guestOwner = (guestKey: string): TLightboxOwner => ({ kind: 'guest', guestKey });

/** The WHERE condition "this lightbox belongs to the owner". */
export function ownedBy(owner: TLightboxOwner): SQL {
  return owner.kind === 'customer'
    ? and(eq(lightboxes.ownerUserId, owner.actor.userId), isNull(lightboxes.guestKey))!
    : and(eq(lightboxes.guestKey, owner.guestKey), isNull(lightboxes.ownerUserId))!;
}

/** The owner's columns for a new lightbox row. */
export const ownerColumns = (owner: TLightboxOwner) =>
  owner.kind === 'customer' ? { ownerUserId: owner.actor.userId, guestKey: null } : { ownerUserId: null, guestKey: owner.guestKey };

export const LIGHTBOX_NOT_FOUND = 'We could not find that lightbox.';

/**
 * The answer when the owner's query found no lightbox with this id: a 404, whether the id is
 * unknown or someone else's, so ids reveal nothing. A customer asking for a lightbox that exists
 * but is not theirs is logged as an authorization failure (checklist 27): ids only, never names.
 */
export async function lightboxNotFound(owner: TLightboxOwner, lightboxId: string, executor: TExecutor = db): Promise<AppError> {
  if (owner.kind === 'customer') {
    const [existing] = await executor.select({ id: lightboxes.id }).from(lightboxes).where(eq(lightboxes.id, lightboxId));
    if (existing) logAuthorizationFailure(owner.actor.userId, 'lightbox', lightboxId);
  }
  return new AppError('NOT_FOUND', LIGHTBOX_NOT_FOUND);
}

/** One log line per refused access to another person's object. */
export function logAuthorizationFailure(userId: string, objectType: string, objectId: string) {
  logLine('warn', 'authz', `customer ${userId} was refused ${objectType} ${objectId}: not theirs (answered as not found)`);
}

/**
 * Serialises one owner's changes (two tabs adding the first image at once must not make two
 * active lightboxes; the partial unique index would refuse the second). Held until commit.
 */
export async function lockOwner(tx: TTransaction, owner: TLightboxOwner) {
  const key = owner.kind === 'customer' ? `user:${owner.actor.userId}` : `guest:${owner.guestKey}`;
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`lightbox-owner:${key}`}))`);
}
