import type { TImageCard } from '@/lib/catalog/image-card';

/** Words shown for catalog values; one place, so a filter and a detail page say the same thing. */

export const orientationLabel: Record<TImageCard['orientation'], string> = {
  landscape: 'Landscape',
  portrait: 'Portrait',
  square: 'Square',
};

export const licenceLabel: Record<TImageCard['licenceModel'], string> = {
  royalty_free: 'Royalty-free',
  rights_managed: 'Rights-managed',
};

export const modelReleaseLabel: Record<TImageCard['modelRelease'], string> = {
  released: 'Model released',
  not_needed: 'No release needed',
  none: 'Editorial use only: no model release',
};

export const isEditorialOnly = (image: Pick<TImageCard, 'modelRelease'>) => image.modelRelease === 'none';

export function peopleLabel(count: number): string {
  if (count === 0) return 'No people';
  return count === 1 ? '1 person' : `${count} people`;
}
