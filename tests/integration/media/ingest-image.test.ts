import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { count, eq, inArray } from 'drizzle-orm';
import * as exifr from 'exifr';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { imageMedia, images, priceLists, priceTiers } from '@/db/schema';
import { closeDatabase, db } from '@/lib/db/client';
import { storageEnv } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { ingestImage } from '@/lib/media/ingest-image';
import { createLocalDiskStorage, type TMediaStorage } from '@/lib/media/storage';
import { getSetting } from '@/lib/settings/get-setting';
import { updateSetting } from '@/lib/settings/update-setting';
import {
  listFiles,
  makeImage,
  makeJpegWithPersonalMetadata,
  makeTwoToneJpeg,
  PERSONAL_METADATA,
  pixelDifference,
  webpChunks,
  webpExifBlock,
} from '../../unit/media/image-fixtures';

const mediaDir = () => storageEnv().MEDIA_DIR;
let scratch: string;

beforeAll(async () => {
  scratch = await mkdtemp(path.join(os.tmpdir(), 'stockroom-ingest-inputs-'));
});

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
  await closeDatabase();
});

async function storedImage(imageId: number) {
  const [row] = await db
    .select({ image: images, media: imageMedia })
    .from(images)
    .innerJoin(imageMedia, eq(imageMedia.imageId, images.id))
    .where(eq(images.id, imageId));
  if (!row) throw new Error(`image ${imageId} was not stored`);
  return row;
}

const fileOf = (area: 'originals' | 'derived', key: string, extension: string) =>
  path.join(mediaDir(), area, key.slice(0, 2), `${key}.${extension}`);

async function counts() {
  const [[imageRows], [mediaRows]] = await Promise.all([
    db.select({ value: count() }).from(images),
    db.select({ value: count() }).from(imageMedia),
  ]);
  return { images: imageRows!.value, media: mediaRows!.value, files: (await listFiles(mediaDir())).length };
}

describe('ingestImage: formats', () => {
  it.each([
    ['jpeg', 'image/jpeg', 'jpg'],
    ['png', 'image/png', 'png'],
    ['tiff', 'image/tiff', 'tif'],
    ['webp', 'image/webp', 'webp'],
  ] as const)('ingests a %s file byte for byte, with WebP derivatives', async (format, mime, extension) => {
    const bytes = await makeImage(format, { width: 1500, height: 1000 });
    const file = path.join(scratch, `picture-${format}.bin`); // the extension says nothing; the content decides
    await writeFile(file, bytes);

    const { imageId } = await ingestImage({ source: file, metadata: { title: `A ${format} picture` } });
    const { image, media } = await storedImage(imageId);

    expect(image).toMatchObject({ title: `A ${format} picture`, width: 1500, height: 1000, orientation: 'landscape', published: false, publishedAt: null });
    expect(media).toMatchObject({
      originalMime: mime,
      originalBytes: bytes.length,
      originalSha256: createHash('sha256').update(bytes).digest('hex'),
      thumbWidth: 400,
      thumbHeight: 267,
      previewWidth: 1000,
      previewHeight: 667,
    });
    for (const key of [media.originalKey, media.thumbKey, media.previewKey]) expect(key).toMatch(/^[0-9a-f]{32}$/);
    expect(new Set([media.originalKey, media.thumbKey, media.previewKey]).size).toBe(3);

    expect((await readFile(fileOf('originals', media.originalKey, extension))).equals(bytes)).toBe(true);
    for (const [key, width] of [
      [media.thumbKey, 400],
      [media.previewKey, 1000],
    ] as const) {
      const derived = await sharp(await readFile(fileOf('derived', key, 'webp'))).metadata();
      expect([derived.format, derived.width]).toEqual(['webp', width]);
    }
  });

  it('names its file after the image title when there is no other title', async () => {
    const file = path.join(scratch, 'quiet_harbour-at-dawn.png');
    await writeFile(file, await makeImage('png', { width: 100, height: 100 }));
    const { image } = await storedImage((await ingestImage({ source: file })).imageId);
    expect(image).toMatchObject({ title: 'quiet harbour at dawn', orientation: 'square' });
  });
});

describe('ingestImage: personal metadata', () => {
  let original: Buffer;
  let imageId: number;

  beforeAll(async () => {
    original = await makeJpegWithPersonalMetadata();
    ({ imageId } = await ingestImage({ source: original, fileName: 'harbour.jpg', publish: true }));
  });

  it('takes title, description, keywords, creator, credit and date from the file', async () => {
    const { image } = await storedImage(imageId);
    expect(image).toMatchObject({
      title: PERSONAL_METADATA.title,
      description: PERSONAL_METADATA.description,
      keywords: ['harbour', 'boats', 'dawn'],
      creatorName: PERSONAL_METADATA.creator,
      creditLine: PERSONAL_METADATA.credit,
      capturedOn: '2021-06-05',
      published: true,
    });
    expect(image.publishedAt).toBeInstanceOf(Date);
  });

  it('keeps the original byte for byte, GPS and all (it never leaves the server)', async () => {
    const { media } = await storedImage(imageId);
    const stored = await readFile(fileOf('originals', media.originalKey, 'jpg'));
    expect(stored.equals(original)).toBe(true);
    expect((await exifr.gps(stored)).latitude).toBeCloseTo(48.8582, 3);
  });

  it('writes derivatives without GPS, EXIF, XMP, IPTC or ICC data', async () => {
    const { media } = await storedImage(imageId);
    for (const key of [media.thumbKey, media.previewKey]) {
      const webp = await readFile(fileOf('derived', key, 'webp'));
      // exifr reads JPEG/TIFF/PNG/HEIC but not the WebP container: look for every metadata chunk, and hand any
      // EXIF block to exifr (the unit test derive-images.test.ts shows this check finds GPS when it is there).
      expect(webpChunks(webp).map((chunk) => chunk.id)).toEqual(['VP8 ']);
      expect(webpExifBlock(webp)).toBeUndefined();
      const info = await sharp(webp).metadata();
      expect([info.exif, info.xmp, info.iptc, info.icc]).toEqual([undefined, undefined, undefined, undefined]);
      expect(webp.includes(PERSONAL_METADATA.creator)).toBe(false);
    }
  });

  it('lets explicit metadata override what the file says', async () => {
    const { imageId: overridden } = await ingestImage({
      source: original,
      fileName: 'harbour.jpg',
      metadata: { title: 'My own title', keywords: ['Mine', ' MINE ', 'ours'], creatorName: 'Someone Else', capturedOn: null },
    });
    const { image } = await storedImage(overridden);
    expect(image).toMatchObject({
      title: 'My own title',
      keywords: ['mine', 'ours'],
      creatorName: 'Someone Else',
      creditLine: PERSONAL_METADATA.credit,
      description: PERSONAL_METADATA.description,
      capturedOn: null,
    });
  });
});

describe('ingestImage: orientation', () => {
  it('stores the dimensions as seen after the EXIF orientation', async () => {
    const { imageId } = await ingestImage({ source: await makeTwoToneJpeg(900, 600, 6), metadata: { title: 'Turned' } });
    const { image, media } = await storedImage(imageId);
    expect(image).toMatchObject({ width: 600, height: 900, orientation: 'portrait' });
    expect(media).toMatchObject({ thumbWidth: 267, thumbHeight: 400, previewWidth: 600, previewHeight: 900 }); // never enlarged
  });
});

describe('ingestImage: licences and price lists', () => {
  it('gives a royalty-free image the Standard EUR price list with its four tiers', async () => {
    const { imageId } = await ingestImage({ source: await makeImage('png', { width: 50, height: 40 }), metadata: { title: 'RF' } });
    const { image } = await storedImage(imageId);
    const [list] = await db.select().from(priceLists).where(eq(priceLists.id, image.priceListId!));
    expect(list).toMatchObject({ name: 'Standard', currency: 'EUR' });
    const tiers = await db.select().from(priceTiers).where(eq(priceTiers.priceListId, list!.id)).orderBy(priceTiers.longEdgePx);
    expect(tiers.map(({ tier, longEdgePx, priceMinor }) => [tier, longEdgePx, priceMinor])).toEqual([
      ['S', 800, 1900],
      ['M', 1600, 3900],
      ['L', 3000, 6900],
      ['XL', 6000, 11900],
    ]);
  });

  it('gives a rights-managed image no price list, and records release and people', async () => {
    const { imageId } = await ingestImage({
      source: await makeImage('png', { width: 50, height: 40 }),
      metadata: { title: 'RM', licenceModel: 'rights_managed', modelRelease: 'released', peopleCount: 3 },
    });
    expect((await storedImage(imageId)).image).toMatchObject({ licenceModel: 'rights_managed', priceListId: null, modelRelease: 'released', peopleCount: 3 });
  });
});

describe('ingestImage: watermark setting', () => {
  it('draws the preview with the text, position and opacity of media.watermark', async () => {
    const saved = await getSetting('media.watermark');
    const picture = await makeTwoToneJpeg(1200, 800);
    const previewFor = async (watermark: typeof saved) => {
      await updateSetting('media.watermark', watermark);
      const { media } = await storedImage((await ingestImage({ source: picture, metadata: { title: 'Watermarked' } })).imageId);
      return {
        preview: await readFile(fileOf('derived', media.previewKey, 'webp')),
        thumb: await readFile(fileOf('derived', media.thumbKey, 'webp')),
      };
    };
    try {
      const first = await previewFor({ text: 'FIRST TEXT', position: 'center', opacity: 0.6 });
      const same = await previewFor({ text: 'FIRST TEXT', position: 'center', opacity: 0.6 });
      const otherText = await previewFor({ text: 'SECOND WORDING', position: 'center', opacity: 0.6 });
      const otherPlace = await previewFor({ text: 'FIRST TEXT', position: 'bottom-left', opacity: 0.6 });
      expect(await pixelDifference(first.preview, same.preview)).toBe(0);
      expect(await pixelDifference(first.preview, otherText.preview)).toBeGreaterThan(0.5);
      expect(await pixelDifference(first.preview, otherPlace.preview)).toBeGreaterThan(0.5);
      expect(await pixelDifference(first.thumb, otherText.thumb)).toBeGreaterThan(0.5); // thumbnails carry it too

      await updateSetting('media.cleanThumbnails', true);
      const clean = await previewFor({ text: 'FIRST TEXT', position: 'center', opacity: 0.6 });
      const cleanOther = await previewFor({ text: 'SECOND WORDING', position: 'center', opacity: 0.6 });
      expect(await pixelDifference(clean.thumb, cleanOther.thumb)).toBe(0); // unless the owner leaves them clean
      expect(await pixelDifference(clean.preview, first.preview)).toBe(0);
    } finally {
      await updateSetting('media.watermark', saved);
      await updateSetting('media.cleanThumbnails', false);
    }
  });
});

describe('ingestImage: nothing half-written', () => {
  /** Runs the attempt (after counting, so nothing races the count) and checks it left rows and files as they were. */
  const expectRejected = async (attempt: () => Promise<unknown>, message: RegExp) => {
    const before = await counts();
    const error = await attempt().then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('INVALID_INPUT');
    expect((error as AppError).userMessage).toMatch(message);
    expect(await counts()).toEqual(before);
  };

  it('rejects random bytes, naming the file', async () => {
    const file = path.join(scratch, 'noise.jpg');
    await writeFile(file, randomBytes(50_000));
    await expectRejected(() => ingestImage({ source: file }), /^"noise\.jpg" is not a JPEG, PNG, TIFF or WebP image\.$/);
  });

  it('rejects a text file named .jpg', async () => {
    const file = path.join(scratch, 'holiday.jpg');
    await writeFile(file, 'Dear diary, today I took a photo.\n');
    await expectRejected(() => ingestImage({ source: file }), /^"holiday\.jpg" is not a JPEG, PNG, TIFF or WebP image\.$/);
  });

  it('rejects a truncated JPEG', async () => {
    const jpeg = await makeImage('jpeg');
    const file = path.join(scratch, 'cut-short.jpg');
    await writeFile(file, jpeg.subarray(0, Math.floor(jpeg.length * 0.6)));
    await expectRejected(() => ingestImage({ source: file }), /^"cut-short\.jpg" could not be read as an image: the file is damaged or incomplete\.$/);
  });

  it('rejects a JPEG header followed by garbage', async () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(4000)]);
    await expectRejected(() => ingestImage({ source: bytes, fileName: 'garbage.jpg' }), /^"garbage\.jpg" could not be read as an image/);
  });

  it('rejects a GIF and an SVG although sharp could read them', async () => {
    const gif = await sharp({ create: { width: 10, height: 10, channels: 3, background: '#f00' } }).gif().toBuffer();
    await expectRejected(() => ingestImage({ source: gif, fileName: 'anim.gif' }), /"anim\.gif" is not a JPEG, PNG, TIFF or WebP image/);
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>');
    await expectRejected(() => ingestImage({ source: svg, fileName: 'logo.svg' }), /"logo\.svg" is not a JPEG/);
  });

  it('rejects empty and missing files', async () => {
    const empty = path.join(scratch, 'empty.png');
    await writeFile(empty, '');
    await expectRejected(() => ingestImage({ source: empty }), /^"empty\.png" is empty\.$/);
    await expectRejected(() => ingestImage({ source: path.join(scratch, 'nowhere.png') }), /^"nowhere\.png" does not exist\.$/);
  });

  it('rejects invalid metadata before writing anything', async () => {
    const png = await makeImage('png', { width: 20, height: 20 });
    await expectRejected(() => ingestImage({ source: png, fileName: 'long.png', metadata: { title: 'x'.repeat(301) } }), /^"long\.png": title: /);
    await expectRejected(() => ingestImage({ source: png }), /^"the uploaded file": title: A title is required\.$/);
    await expectRejected(() => ingestImage({ source: png, fileName: 'rm.png', metadata: { title: 'RM', licenceModel: 'rights_managed', priceListId: 1 } }),
      /rights-managed image has no price list/,
    );
  });

  it('removes the files it wrote when the database refuses the image', async () => {
    const png = await makeImage('png', { width: 20, height: 20 });
    await expectRejected(() => ingestImage({ source: png, metadata: { title: 'Ghost list', priceListId: 987654 } }), /^Price list 987654 does not exist\.$/);
  });

  it('removes the files it wrote when storage fails halfway', async () => {
    const disk = createLocalDiskStorage(mediaDir());
    let puts = 0;
    const failingThirdPut: TMediaStorage = {
      ...disk,
      put: async (object, bytes) => {
        puts += 1;
        if (puts === 3) throw new Error('disk full');
        await disk.put(object, bytes);
      },
    };
    const before = await counts();
    await expect(ingestImage({ source: await makeImage('png', { width: 30, height: 30 }), metadata: { title: 'Disk full' } }, { storage: failingThirdPut })).rejects.toThrow(
      'disk full',
    );
    expect(puts).toBe(3);
    expect(await counts()).toEqual(before);
  });

  it('leaves no rows behind for the ids it never returned', async () => {
    const titles = ['Ghost list', 'Disk full'];
    expect(await db.select({ id: images.id }).from(images).where(inArray(images.title, titles))).toEqual([]);
  });
});
