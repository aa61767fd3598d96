import { z } from 'zod';
import { licenceModel, modelReleaseStatus } from '@/db/schema';

/** How the forms name the choices (the edit page and the upload form). */
export const LICENCE_MODEL_LABELS: Record<(typeof licenceModel.enumValues)[number], string> = {
  royalty_free: 'Royalty-free',
  rights_managed: 'Rights-managed',
};

export const MODEL_RELEASE_LABELS: Record<(typeof modelReleaseStatus.enumValues)[number], string> = {
  released: 'Model release on file',
  not_needed: 'Not needed (no recognisable people)',
  none: 'No release',
};

const whole = (message: string) =>
  z
    .string()
    .trim()
    .regex(/^\d{1,6}$/, message)
    .transform(Number);

/**
 * An image's catalog fields as the staff forms send them (all text): keywords separated by commas
 * or lines, an empty date or price list for none. The output is what ZImageMetadata
 * (lib/media/image-metadata.ts) takes, and that schema has the last word on every value.
 */
export const ZImageDetailsForm = z.object({
  // Checked here too, so an empty title is reported along with the form's other mistakes.
  title: z.string().max(1000).default('').refine((title) => title.trim() !== '', 'A title is required.'),
  description: z.string().max(20_000).default(''),
  keywords: z
    .string()
    .max(30_000)
    .default('')
    .transform((text) => text.split(/[,\n]/)),
  creatorName: z.string().max(1000).default(''),
  creditLine: z.string().max(1000).default(''),
  capturedOn: z
    .string()
    .trim()
    .max(40)
    .default('')
    .transform((text) => (text === '' ? null : text)),
  licenceModel: z.enum(licenceModel.enumValues, 'Choose a licence model.'),
  priceListId: z
    .string()
    .trim()
    .default('')
    .pipe(z.union([z.literal('').transform(() => null), whole('Choose a price list.')])),
  modelRelease: z.enum(modelReleaseStatus.enumValues, 'Choose the model release status.'),
  peopleCount: whole('The number of people must be a whole number, e.g. 0 or 2.'),
});

export type TImageDetailsForm = z.input<typeof ZImageDetailsForm>;
