import { describe, expect, it } from 'vitest';
import { parseImageId } from '@/lib/catalog/image-id';
import { tierPixelSize } from '@/lib/catalog/tier-size';

describe('tierPixelSize', () => {
  it('gives the long edge to the tier and scales the other edge', () => {
    expect(tierPixelSize({ width: 6000, height: 4000 }, 1600)).toEqual({ width: 1600, height: 1067, isOriginalSize: false });
    expect(tierPixelSize({ width: 4000, height: 6000 }, 1600)).toEqual({ width: 1067, height: 1600, isOriginalSize: false });
    expect(tierPixelSize({ width: 5000, height: 5000 }, 800)).toEqual({ width: 800, height: 800, isOriginalSize: false });
  });

  it('never upscales: a tier larger than the original delivers the original size', () => {
    expect(tierPixelSize({ width: 2400, height: 1800 }, 3000)).toEqual({ width: 2400, height: 1800, isOriginalSize: true });
    expect(tierPixelSize({ width: 2400, height: 1800 }, 2400)).toEqual({ width: 2400, height: 1800, isOriginalSize: true });
  });

  it('keeps a very thin image at least one pixel wide', () => {
    expect(tierPixelSize({ width: 10000, height: 3 }, 800)).toEqual({ width: 800, height: 1, isOriginalSize: false });
  });
});

describe('parseImageId', () => {
  it('accepts positive decimal integers a JavaScript number holds exactly', () => {
    expect(parseImageId('1')).toBe(1);
    expect(parseImageId('123456')).toBe(123456);
    expect(parseImageId('9007199254740991')).toBe(9007199254740991);
  });

  it('refuses anything else', () => {
    for (const raw of ['abc', '-1', '0', '1.5', '1e3', '007', ' 1', '1 ', '+1', '0x10', '', '99999999999999999999', '9007199254740993']) {
      expect(parseImageId(raw), raw).toBeNull();
    }
    for (const raw of [undefined, null, 1, ['1']]) expect(parseImageId(raw)).toBeNull();
  });
});
