import { z } from 'zod';
import { licenceModel, modelReleaseStatus } from '@/db/schema';

/** Lowercased, trimmed, inner whitespace collapsed, empty ones dropped, duplicates removed (first wins). */
export function normalizeKeywords(keywords: readonly string[]): string[] {
  const seen = new Set<string>();
  for (const keyword of keywords) {
    const normalized = keyword.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
    if (normalized) seen.add(normalized);
  }
  return [...seen];
}

/** The catalog fields an ingest sets, validated before anything is written. */
export const ZImageMetadata = z
  .object({
    title: z
      .string({ error: 'A title is required.' })
      .trim()
      .min(1, 'A title is required.')
      .max(300, 'A title can be at most 300 characters long.'),
    description: z.string().trim().max(5000, 'A description can be at most 5,000 characters long.').default(''),
    keywords: z
      .array(z.string())
      .default([])
      .transform(normalizeKeywords)
      .pipe(
        z
          .array(z.string().max(100, 'A keyword can be at most 100 characters long.'))
          .max(200, 'An image can have at most 200 keywords.'),
      ),
    creatorName: z.string().trim().max(200, 'A creator name can be at most 200 characters long.').default(''),
    creditLine: z.string().trim().max(300, 'A credit line can be at most 300 characters long.').default(''),
    capturedOn: z.iso.date('The capture date must be a date like 2024-05-31.').nullable().default(null),
    licenceModel: z.enum(licenceModel.enumValues).default('royalty_free'),
    /** Royalty-free images without one get the default price list; rights-managed images have none. */
    priceListId: z.number().int().positive().nullable().default(null),
    modelRelease: z.enum(modelReleaseStatus.enumValues).default('none'),
    peopleCount: z.number().int().min(0, 'The number of people cannot be negative.').max(1000).default(0),
  })
  .refine((metadata) => metadata.licenceModel === 'royalty_free' || metadata.priceListId === null, {
    message: 'A rights-managed image has no price list.',
    path: ['priceListId'],
  });

export type TImageMetadataInput = z.input<typeof ZImageMetadata>;
export type TImageMetadata = z.output<typeof ZImageMetadata>;
