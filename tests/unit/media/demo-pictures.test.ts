import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { CATALOG_THEMES } from '@/db/seed/catalog-words';
import { describeDemoPicture } from '@/tooling/demo/describe-demo-picture';
import { drawPicture, pictureSvg, PICTURE_SIZES } from '@/tooling/demo/draw-picture';
import { offerTiers } from '@/lib/catalog/offered-tiers';
import { DEFAULT_PRICE_TIERS } from '@/lib/catalog/price-lists/ensure-default-price-list';
import { ZImageMetadata } from '@/lib/media/image-metadata';
import { pixelDifference } from './image-fixtures';

describe('drawPicture', () => {
  it.each(Object.entries(PICTURE_SIZES))('draws a %s JPEG of the standard size', async (orientation, size) => {
    const jpeg = await drawPicture({ seed: 5, orientation: orientation as keyof typeof PICTURE_SIZES });
    const metadata = await sharp(jpeg).metadata();
    expect(metadata.format).toBe('jpeg');
    expect({ width: metadata.width, height: metadata.height }).toEqual(size);
  });

  it('is reproducible: the same seed gives the same picture, another seed another one', async () => {
    expect(pictureSvg({ seed: 11 })).toBe(pictureSvg({ seed: 11 }));
    const [a, b, c] = await Promise.all([11, 11, 12].map((seed) => drawPicture({ seed, orientation: 'square', theme: 'hills', longEdge: 300 })));
    expect(a!.equals(b!)).toBe(true);
    expect(await pixelDifference(a!, c!)).toBeGreaterThan(1);
  });

  it.each(CATALOG_THEMES)('draws a %s picture that is not a flat colour', async (theme) => {
    const jpeg = await drawPicture({ seed: 3, theme, orientation: 'landscape', longEdge: 400 });
    const { channels } = await sharp(jpeg).stats();
    expect(Math.max(...channels.map((channel) => channel.stdev))).toBeGreaterThan(10);
  });

  it('draws originals large enough that the four default tiers are four different sizes', () => {
    for (const size of Object.values(PICTURE_SIZES)) {
      expect(Math.max(size.width, size.height)).toBeGreaterThanOrEqual(4000);
      const offered = offerTiers(size, DEFAULT_PRICE_TIERS);
      expect(offered.map((tier) => tier.tier)).toEqual(['S', 'M', 'L', 'XL']);
      expect(new Set(offered.map((tier) => tier.width)).size).toBe(4);
      expect(offered.at(-1)).toMatchObject({ ...size, isOriginalSize: true });
    }
  });

  it('scales a large picture up from a smaller rendering of the same shapes', async () => {
    const [large, small] = await Promise.all([
      drawPicture({ seed: 21, orientation: 'landscape', theme: 'city' }),
      drawPicture({ seed: 21, orientation: 'landscape', theme: 'city', longEdge: 1600 }),
    ]);
    expect(await sharp(large).metadata()).toMatchObject({ width: 4800, height: 3200 });
    const shrunk = await sharp(large).resize(1600, 1067, { fit: 'fill' }).jpeg().toBuffer();
    expect(await pixelDifference(shrunk, small)).toBeLessThan(4);
    expect(await pixelDifference(shrunk, await drawPicture({ seed: 22, orientation: 'landscape', theme: 'city', longEdge: 1600 }))).toBeGreaterThan(4);
  });

  it('scales to a requested long edge', async () => {
    const metadata = await sharp(await drawPicture({ seed: 1, orientation: 'portrait', longEdge: 800 })).metadata();
    expect([metadata.width, metadata.height]).toEqual([533, 800]);
  });
});

describe('describeDemoPicture', () => {
  const pictures = Array.from({ length: 600 }, (_, index) => describeDemoPicture(1000 + index));
  const share = (predicate: (picture: (typeof pictures)[number]) => boolean) => pictures.filter(predicate).length / pictures.length;

  it('gives valid catalog metadata every time', () => {
    for (const picture of pictures) expect(ZImageMetadata.safeParse(picture.metadata).success).toBe(true);
  });

  it('is deterministic', () => {
    expect(describeDemoPicture(42)).toEqual(describeDemoPicture(42));
  });

  it('mixes licences, releases, people, orientations, themes and publication', () => {
    expect(share((picture) => picture.metadata.licenceModel === 'rights_managed')).toBeGreaterThan(0.12);
    expect(share((picture) => picture.metadata.licenceModel === 'rights_managed')).toBeLessThan(0.28);
    expect(share((picture) => picture.metadata.peopleCount === 0)).toBeGreaterThan(0.5);
    expect(share((picture) => !picture.publish)).toBeGreaterThan(0.02);
    expect(share((picture) => !picture.publish)).toBeLessThan(0.15);
    expect(new Set(pictures.map((picture) => picture.metadata.modelRelease))).toEqual(new Set(['released', 'not_needed', 'none']));
    expect(new Set(pictures.map((picture) => picture.orientation))).toEqual(new Set(['landscape', 'portrait', 'square']));
    expect(new Set(pictures.map((picture) => picture.theme))).toEqual(new Set(CATALOG_THEMES));
    expect(new Set(pictures.map((picture) => picture.metadata.creatorName)).size).toBeGreaterThan(8);
    expect(new Set(pictures.map((picture) => picture.metadata.title)).size).toBeGreaterThan(400);
    expect(new Set(pictures.map((picture) => picture.metadata.capturedOn?.slice(0, 4))).size).toBeGreaterThan(10);
  });

  it('never claims a model release without people in the picture', () => {
    for (const picture of pictures) {
      if (picture.metadata.peopleCount === 0) expect(picture.metadata.modelRelease).not.toBe('released');
      else expect(picture.metadata.modelRelease).not.toBe('not_needed');
    }
  });
});
