import * as exifr from 'exifr';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { deriveImages, type TDerivedImages } from '@/lib/media/derive-images';
import type { TWatermark } from '@/lib/media/watermark-overlay';
import {
  averageColour,
  makeImage,
  makeJpegWithPersonalMetadata,
  makeTwoToneJpeg,
  PERSONAL_METADATA,
  pixelDifference,
  webpChunks,
  webpExifBlock,
} from './image-fixtures';

const WATERMARK: TWatermark = { text: 'STOCKROOM PREVIEW', position: 'tiled', opacity: 0.35 };
const PIXEL_CHUNKS = ['VP8 ', 'VP8L', 'VP8X', 'ALPH'];

/** Everything a reader could find in a WebP: its chunks, sharp's view, exifr's view of any EXIF block, and plain strings. */
async function metadataIn(webp: Buffer) {
  const info = await sharp(webp).metadata();
  const exifBlock = webpExifBlock(webp);
  return {
    format: info.format,
    metadataChunks: webpChunks(webp).map((chunk) => chunk.id).filter((id) => !PIXEL_CHUNKS.includes(id)),
    sharp: { exif: info.exif, xmp: info.xmp, iptc: info.iptc, icc: info.icc },
    exifr: exifBlock ? await exifr.parse(exifBlock, true) : undefined,
    mentionsCreator: webp.includes(PERSONAL_METADATA.creator) || webp.includes(PERSONAL_METADATA.artist),
    mentionsXmp: webp.includes('adobe:ns:meta') || webp.includes('Photoshop'),
  };
}

const CLEAN = {
  format: 'webp',
  metadataChunks: [],
  sharp: { exif: undefined, xmp: undefined, iptc: undefined, icc: undefined },
  exifr: undefined,
  mentionsCreator: false,
  mentionsXmp: false,
};

describe('deriveImages', () => {
  let original: Buffer;
  let derived: TDerivedImages;

  beforeAll(async () => {
    original = await makeJpegWithPersonalMetadata();
    derived = await deriveImages(original, WATERMARK);
  });

  it('starts from a JPEG that really carries GPS, EXIF, XMP and IPTC (so the checks below can fail)', async () => {
    const found = await exifr.parse(original, { tiff: true, xmp: true, iptc: true, gps: true, mergeOutput: false });
    expect(found.gps.latitude).toBeCloseTo(48.8582, 3);
    expect(found.gps.longitude).toBeCloseTo(2.2944, 3);
    expect(found.ifd0.Artist).toBe(PERSONAL_METADATA.artist);
    expect(found.dc.creator).toBe(PERSONAL_METADATA.creator);
    expect(found.iptc.ObjectName).toBe('IPTC title');
  });

  it('the metadata check finds GPS in a WebP that kept its metadata', async () => {
    const leaky = await sharp(original).keepMetadata().webp().toBuffer();
    const found = await metadataIn(leaky);
    expect(found.metadataChunks).toEqual(expect.arrayContaining(['EXIF', 'XMP ']));
    expect(found.exifr.latitude).toBeCloseTo(48.8582, 3);
    expect(found.mentionsCreator).toBe(true);
  });

  it('writes a thumbnail and a preview with no metadata at all', async () => {
    expect(await metadataIn(derived.thumb.bytes)).toEqual(CLEAN);
    expect(await metadataIn(derived.preview.bytes)).toEqual(CLEAN);
  });

  it('scales to 400 px and 1000 px on the long edge, keeping the aspect ratio', () => {
    expect(derived.thumb).toMatchObject({ width: 400, height: 267 });
    expect(derived.preview).toMatchObject({ width: 1000, height: 667 });
  });

  it('never enlarges a small picture', async () => {
    const small = await deriveImages(await makeImage('png', { width: 300, height: 200 }), WATERMARK);
    expect(small.thumb).toMatchObject({ width: 300, height: 200 });
    expect(small.preview).toMatchObject({ width: 300, height: 200 });
  });

  it('turns the picture upright by its EXIF orientation', async () => {
    // Stored 600x400 with red left, blue right; orientation 6 means "rotate 90 degrees clockwise to view".
    const rotated = await deriveImages(await makeTwoToneJpeg(600, 400, 6), WATERMARK);
    expect(rotated.preview).toMatchObject({ width: 400, height: 600 });
    expect(rotated.thumb).toMatchObject({ width: 267, height: 400 });
    const top = await averageColour(rotated.thumb.bytes, { left: 0, top: 0, width: 267, height: 150 });
    const bottom = await averageColour(rotated.thumb.bytes, { left: 0, top: 250, width: 267, height: 150 });
    expect(top[0]).toBeGreaterThan(200); // the left (red) half is on top after a clockwise turn
    expect(top[2]).toBeLessThan(60);
    expect(bottom[2]).toBeGreaterThan(200); // and the blue half below
    expect(bottom[0]).toBeLessThan(60);
  });

  it('watermarks the preview and the thumbnail, and leaves the thumbnail clean only when asked', async () => {
    const plain = await makeTwoToneJpeg(800, 600);
    const a = await deriveImages(plain, { ...WATERMARK, text: 'FIRST MARK' });
    const b = await deriveImages(plain, { ...WATERMARK, text: 'ANOTHER TEXT' });
    const again = await deriveImages(plain, { ...WATERMARK, text: 'FIRST MARK' });
    expect(await pixelDifference(a.preview.bytes, again.preview.bytes)).toBe(0);
    expect(await pixelDifference(a.preview.bytes, b.preview.bytes)).toBeGreaterThan(1);
    expect(await pixelDifference(a.thumb.bytes, again.thumb.bytes)).toBe(0);
    expect(await pixelDifference(a.thumb.bytes, b.thumb.bytes)).toBeGreaterThan(1);

    const cleanA = await deriveImages(plain, { ...WATERMARK, text: 'FIRST MARK' }, { cleanThumbnail: true });
    const cleanB = await deriveImages(plain, { ...WATERMARK, text: 'ANOTHER TEXT' }, { cleanThumbnail: true });
    const unmarked = await sharp(plain).resize(400).webp({ quality: 78, effort: 2 }).toBuffer();
    expect(await pixelDifference(cleanA.thumb.bytes, cleanB.thumb.bytes)).toBe(0);
    expect(await pixelDifference(cleanA.thumb.bytes, unmarked)).toBeLessThan(1);
    expect(await pixelDifference(a.thumb.bytes, unmarked)).toBeGreaterThan(2);
    // The preview keeps its watermark either way.
    expect(await pixelDifference(cleanA.preview.bytes, a.preview.bytes)).toBe(0);
  });

  it('honours the opacity and the position', async () => {
    const plain = await makeTwoToneJpeg(800, 600);
    const unmarked = await sharp(plain).webp({ quality: 80, effort: 3 }).toBuffer();
    const faint = await deriveImages(plain, { text: 'MARK', position: 'center', opacity: 0.1 });
    const strong = await deriveImages(plain, { text: 'MARK', position: 'center', opacity: 0.9 });
    expect(await pixelDifference(strong.preview.bytes, unmarked)).toBeGreaterThan(await pixelDifference(faint.preview.bytes, unmarked));
    const corner = await deriveImages(plain, { text: 'MARK', position: 'top-left', opacity: 0.9 });
    expect(await pixelDifference(corner.preview.bytes, strong.preview.bytes)).toBeGreaterThan(0.5);
  });

  it.each(['png', 'tiff', 'webp'] as const)('derives from %s', async (format) => {
    const result = await deriveImages(await makeImage(format, { width: 1200, height: 1600 }), WATERMARK);
    expect(result.thumb).toMatchObject({ width: 300, height: 400 });
    expect(result.preview).toMatchObject({ width: 750, height: 1000 });
    expect(await metadataIn(result.preview.bytes)).toEqual(CLEAN);
  });

  it('converts CMYK, 16-bit, greyscale and transparent pictures to plain sRGB WebP', async () => {
    const base = () => sharp({ create: { width: 500, height: 300, channels: 4, background: { r: 200, g: 40, b: 40, alpha: 0.5 } } });
    const inputs = {
      cmyk: await base().flatten({ background: '#fff' }).toColourspace('cmyk').jpeg().toBuffer(),
      sixteenBit: await base().toColourspace('rgb16').png().toBuffer(),
      grey: await base().flatten({ background: '#fff' }).greyscale().png().toBuffer(),
      alpha: await base().png().toBuffer(),
    };
    for (const [name, input] of Object.entries(inputs)) {
      const result = await deriveImages(input, WATERMARK);
      const info = await sharp(result.preview.bytes).metadata();
      expect([name, info.format, info.space, info.width, info.height, info.icc]).toEqual([name, 'webp', 'srgb', 500, 300, undefined]);
    }
  });

  it('fails on a truncated JPEG', async () => {
    const jpeg = await makeImage('jpeg');
    await expect(deriveImages(jpeg.subarray(0, Math.floor(jpeg.length / 2)), WATERMARK)).rejects.toThrow();
  });
});
