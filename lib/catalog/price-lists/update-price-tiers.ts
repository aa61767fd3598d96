import 'server-only';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { priceLists, priceTiers } from '@/db/schema';
import { recordAuditEntry } from '@/lib/audit/record-audit-entry';
import { notifyCatalogChanged } from '@/lib/catalog/catalog-changed';
import { assertStaffMay } from '@/lib/customers/customer-access';
import { db } from '@/lib/db/client';
import { AppError, fieldErrorsFrom } from '@/lib/errors';
import type { TStaffActor } from '@/lib/staff/require-staff';
import { SIZE_TIERS, type TSizeTier } from './list-price-lists';

const PRICE_LIST_NOT_FOUND = 'We could not find that price list.';

/** A price as typed: 19, 19.5 or 19.00 (a comma works as the decimal mark too), in whole cents. */
const ZPrice = z
  .string()
  .trim()
  .regex(/^\d{1,6}([.,]\d{1,2})?$/, 'Enter a price like 19 or 19.00.')
  .transform((text) => Math.round(Number(text.replace(',', '.')) * 100));

const ZLongEdge = z
  .string()
  .trim()
  .regex(/^\d{1,5}$/, 'Enter the long edge in pixels, e.g. 1600.')
  .transform(Number)
  .pipe(z.number().min(100, 'The long edge must be at least 100 px.').max(30_000, 'The long edge can be at most 30,000 px.'));

/**
 * The tier rows of a price list's form: fields `<list id>.S.longEdgePx`, `<list id>.S.price`, …
 * (the page shows every list's form, and the id keeps their fields apart). A tier with both fields
 * empty is not offered; the tiers offered must grow with their letter (S < M < L < XL).
 */
export function tiersFromForm(form: Record<string, unknown>, prefix: string) {
  const fieldErrors: Record<string, string> = {};
  const tiers: Array<{ tier: TSizeTier; longEdgePx: number; priceMinor: number }> = [];
  for (const tier of SIZE_TIERS) {
    const edgeField = `${prefix}${tier}.longEdgePx`;
    const priceField = `${prefix}${tier}.price`;
    const edgeText = String(form[edgeField] ?? '').trim();
    const priceText = String(form[priceField] ?? '').trim();
    if (edgeText === '' && priceText === '') continue;
    const edge = ZLongEdge.safeParse(edgeText);
    const price = ZPrice.safeParse(priceText);
    if (!edge.success) fieldErrors[edgeField] = edgeText === '' ? 'Enter the long edge, or leave both fields empty.' : Object.values(fieldErrorsFrom(edge.error))[0]!;
    if (!price.success) fieldErrors[priceField] = priceText === '' ? 'Enter the price, or leave both fields empty.' : Object.values(fieldErrorsFrom(price.error))[0]!;
    if (edge.success && price.success) tiers.push({ tier, longEdgePx: edge.data, priceMinor: price.data });
  }
  for (let index = 1; index < tiers.length; index += 1) {
    const [previous, current] = [tiers[index - 1]!, tiers[index]!];
    if (current.longEdgePx <= previous.longEdgePx) fieldErrors[`${prefix}${current.tier}.longEdgePx`] ??= `Must be larger than ${previous.tier} (${previous.longEdgePx} px).`;
  }
  if (Object.keys(fieldErrors).length === 0 && tiers.length === 0) fieldErrors[`${prefix}S.longEdgePx`] = 'A price list offers at least one size.';
  if (Object.keys(fieldErrors).length > 0) throw new AppError('INVALID_INPUT', 'Please correct the marked fields.', fieldErrors);
  return tiers;
}

/**
 * Replaces the tiers of a price list in one transaction, audited as 'catalog.price-list-updated'
 * with the names of the tier fields that changed. Images on the list show the new prices in every
 * web process at once (the caches are cleared on commit).
 */
export async function updatePriceTiers(actor: TStaffActor, rawPriceListId: unknown, form: Record<string, unknown>): Promise<{ changed: string[] }> {
  assertStaffMay(actor, 'catalog.manage');
  const priceListId = z.coerce.number().int().positive().safeParse(rawPriceListId);
  if (!priceListId.success) throw new AppError('NOT_FOUND', PRICE_LIST_NOT_FOUND);
  const tiers = tiersFromForm(form, `${priceListId.data}.`);
  return db.transaction(async (tx) => {
    const [list] = await tx.select({ id: priceLists.id }).from(priceLists).where(eq(priceLists.id, priceListId.data)).for('update');
    if (!list) throw new AppError('NOT_FOUND', PRICE_LIST_NOT_FOUND);
    const before = await tx.select().from(priceTiers).where(eq(priceTiers.priceListId, list.id));
    const changed: string[] = [];
    for (const tier of SIZE_TIERS) {
      const old = before.find((row) => row.tier === tier);
      const next = tiers.find((row) => row.tier === tier);
      if (old && !next) {
        await tx.delete(priceTiers).where(and(eq(priceTiers.priceListId, list.id), eq(priceTiers.tier, tier)));
        changed.push(`tiers.${tier}`);
      } else if (next && (!old || old.longEdgePx !== next.longEdgePx || old.priceMinor !== next.priceMinor)) {
        await tx
          .insert(priceTiers)
          .values({ priceListId: list.id, ...next })
          .onConflictDoUpdate({ target: [priceTiers.priceListId, priceTiers.tier], set: { longEdgePx: next.longEdgePx, priceMinor: next.priceMinor } });
        if (!old) changed.push(`tiers.${tier}`);
        else {
          if (old.longEdgePx !== next.longEdgePx) changed.push(`tiers.${tier}.longEdgePx`);
          if (old.priceMinor !== next.priceMinor) changed.push(`tiers.${tier}.priceMinor`);
        }
      }
    }
    if (changed.length === 0) return { changed };
    await recordAuditEntry(tx, {
      actorKind: 'staff',
      actorUserId: actor.userId,
      action: 'catalog.price-list-updated',
      objectType: 'price_list',
      objectId: String(list.id),
      changedFields: changed,
      clientIp: actor.client.ip,
    });
    await notifyCatalogChanged(tx);
    return { changed };
  });
}
