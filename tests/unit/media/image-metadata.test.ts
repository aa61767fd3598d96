import { describe, expect, it } from 'vitest';
import { normalizeKeywords, ZImageMetadata } from '@/lib/media/image-metadata';

describe('image metadata', () => {
  it('trims, lowercases and deduplicates keywords, keeping the first order', () => {
    expect(normalizeKeywords([' Sea ', 'sea', 'BOAT', '', '  ', 'Blue   sky', 'blue sky', 'Café'])).toEqual(['sea', 'boat', 'blue sky', 'café']);
  });

  it('fills defaults', () => {
    expect(ZImageMetadata.parse({ title: '  Harbour  ' })).toEqual({
      title: 'Harbour',
      description: '',
      keywords: [],
      creatorName: '',
      creditLine: '',
      capturedOn: null,
      licenceModel: 'royalty_free',
      priceListId: null,
      modelRelease: 'none',
      peopleCount: 0,
    });
  });

  it('requires a title of 1 to 300 characters', () => {
    expect(ZImageMetadata.safeParse({}).error?.issues[0]?.message).toBe('A title is required.');
    expect(ZImageMetadata.safeParse({ title: '   ' }).success).toBe(false);
    expect(ZImageMetadata.safeParse({ title: 'x'.repeat(300) }).success).toBe(true);
    expect(ZImageMetadata.safeParse({ title: 'x'.repeat(301) }).success).toBe(false);
  });

  it('refuses a price list on a rights-managed image', () => {
    const result = ZImageMetadata.safeParse({ title: 'A', licenceModel: 'rights_managed', priceListId: 3 });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['priceListId']);
    expect(ZImageMetadata.parse({ title: 'A', licenceModel: 'rights_managed' }).priceListId).toBeNull();
  });

  it.each([
    { capturedOn: '2024-02-30' },
    { capturedOn: '31.05.2024' },
    { peopleCount: -1 },
    { peopleCount: 1.5 },
    { licenceModel: 'free' },
    { modelRelease: 'maybe' },
    { keywords: ['x'.repeat(101)] },
  ])('rejects %j', (fields) => {
    expect(ZImageMetadata.safeParse({ title: 'A', ...fields }).success).toBe(false);
  });
});
