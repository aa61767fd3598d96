import 'server-only';
import { eq } from 'drizzle-orm';
import { ZodError, type z } from 'zod';
import { images, priceLists } from '@/db/schema';
import { ensureDefaultPriceList } from '@/lib/catalog/price-lists/ensure-default-price-list';
import { parseImageId } from '@/lib/catalog/image-id';
import type { TExecutor, TTransaction } from '@/lib/db/client';
import { AppError, fieldErrorsFrom } from '@/lib/errors';
import { ZImageMetadata, type TImageMetadata } from '@/lib/media/image-metadata';
import { ZImageDetailsForm } from './image-details-form';

export const IMAGE_NOT_FOUND = 'We could not find that image.';

/** The image row (locked FOR UPDATE when changing it); an id that is not one answers NOT_FOUND like an unknown one. */
export async function imageRowOrNotFound(executor: TExecutor, rawId: unknown, options: { forUpdate?: boolean } = {}) {
  const id = typeof rawId === 'number' ? rawId : parseImageId(rawId);
  if (id === null || !Number.isSafeInteger(id) || id <= 0) throw new AppError('NOT_FOUND', IMAGE_NOT_FOUND);
  const query = executor.select().from(images).where(eq(images.id, id));
  const [row] = options.forUpdate ? await query.for('update') : await query;
  if (!row) throw new AppError('NOT_FOUND', IMAGE_NOT_FOUND);
  return row;
}

const invalid = (fieldErrors: Record<string, string>) => new AppError('INVALID_INPUT', 'Please correct the marked fields.', fieldErrors);

/** A staff form's catalog fields, checked by the form schema and then by the catalog's own (ZImageMetadata). */
export function imageMetadataFromForm(form: unknown): TImageMetadata {
  try {
    const fields: z.output<typeof ZImageDetailsForm> = ZImageDetailsForm.parse(form);
    // The price list select stays on the form whatever the licence: a rights-managed image has none.
    return ZImageMetadata.parse({ ...fields, priceListId: fields.licenceModel === 'royalty_free' ? fields.priceListId : null });
  } catch (error) {
    if (error instanceof ZodError) throw invalid(fieldErrorsFrom(error));
    throw error;
  }
}

/** Royalty-free images need a price list (the default one when none is chosen); rights-managed ones have none. */
export async function priceListIdFor(tx: TTransaction, metadata: TImageMetadata): Promise<number | null> {
  if (metadata.licenceModel !== 'royalty_free') return null;
  if (metadata.priceListId === null) return ensureDefaultPriceList(tx);
  const [list] = await tx.select({ id: priceLists.id }).from(priceLists).where(eq(priceLists.id, metadata.priceListId));
  if (!list) throw invalid({ priceListId: 'Choose a price list.' });
  return list.id;
}
