import 'server-only';
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import sharp from 'sharp';
import { ZodError } from 'zod';
import { imageMedia, images, priceLists } from '@/db/schema';
import { ensureDefaultPriceList } from '@/lib/catalog/price-lists/ensure-default-price-list';
import { db, type TTransaction } from '@/lib/db/client';
import { AppError, fieldErrorsFrom } from '@/lib/errors';
import { getSetting } from '@/lib/settings/get-setting';
import { deriveImages, type TDerivedImages } from './derive-images';
import { derivativeStyle, type TDerivativeSettings } from './derivative-style';
import { detectImageFormat, IMAGE_FORMATS, type TImageFormat } from './detect-image-format';
import { ZImageMetadata, type TImageMetadata, type TImageMetadataInput } from './image-metadata';
import { readEmbeddedMetadata } from './read-embedded-metadata';
import { createStorageKey, mediaStorage, type TMediaObject, type TMediaStorage } from './storage';
import type { TWatermark } from './watermark-overlay';

/** Larger uploads are refused before they are read into memory. */
export const MAX_ORIGINAL_BYTES = 200 * 1024 * 1024;

export type TIngestImageInput = {
  /** The file's bytes, or the path of a file to read. */
  source: Buffer | string;
  /** How error messages name the file when source is a Buffer; a path names itself. Also the fallback title. */
  fileName?: string;
  /** Explicit catalog fields; each overrides what the file's own XMP/IPTC/EXIF says. */
  metadata?: Partial<TImageMetadataInput>;
  publish?: boolean;
};

export type TIngestImageOptions = {
  storage?: TMediaStorage;
  /** The watermark to use instead of the `media.watermark` setting (a batch reads the setting once). */
  watermark?: TWatermark;
  /** Runs in the transaction that inserts the rows (an upload's audit entry), so it commits or fails with them. */
  withinTransaction?: (tx: TTransaction, imageId: number) => Promise<void>;
  /** Instead of the `media.cleanThumbnails` setting, likewise. */
  cleanThumbnails?: boolean;
};

/**
 * Adds one picture to the catalog: checks it is a JPEG, PNG, TIFF or WebP by its content, stores the
 * original byte for byte under a random key, derives a thumbnail and a watermarked preview (WebP, no
 * metadata), and inserts the `images` and `image_media` rows in one transaction.
 *
 * Files are written before the transaction; if anything fails afterwards, every file written is deleted,
 * so a failed ingest leaves neither rows nor files. A file that is not a usable image throws
 * AppError('INVALID_INPUT') naming the file.
 */
export async function ingestImage(input: TIngestImageInput, options: TIngestImageOptions = {}): Promise<{ imageId: number }> {
  const name = displayName(input);
  const original = await readOriginal(input.source, name);
  const format = detectImageFormat(original);
  if (!format) throw new AppError('INVALID_INPUT', `"${name}" is not a JPEG, PNG, TIFF or WebP image.`);
  const dimensions = await readDimensions(original, format, name);
  const metadata = await resolveMetadata(input, original, format, name);
  const settings: TDerivativeSettings = {
    watermark: options.watermark ?? (await getSetting('media.watermark')),
    cleanThumbnails: options.cleanThumbnails ?? (await getSetting('media.cleanThumbnails')),
  };

  let derived: TDerivedImages;
  try {
    derived = await deriveImages(original, settings.watermark, { cleanThumbnail: settings.cleanThumbnails });
  } catch (error) {
    throw damaged(name, error);
  }

  const storage = options.storage ?? mediaStorage();
  const objects = {
    original: { area: 'originals', key: createStorageKey(), extension: IMAGE_FORMATS[format].extension },
    thumb: { area: 'derived', key: createStorageKey(), extension: 'webp' },
    preview: { area: 'derived', key: createStorageKey(), extension: 'webp' },
  } satisfies Record<string, TMediaObject>;
  const written: TMediaObject[] = [];

  try {
    for (const [object, bytes] of [
      [objects.original, original],
      [objects.thumb, derived.thumb.bytes],
      [objects.preview, derived.preview.bytes],
    ] as const) {
      // A failed put cleans up after itself, and may have failed because the key was taken: only
      // objects this call wrote are ever deleted.
      await storage.put(object, bytes);
      written.push(object);
    }

    const imageId = await db.transaction(async (tx) => {
      const priceListId = await priceListFor(metadata, tx);
      const now = new Date();
      const [image] = await tx
        .insert(images)
        .values({
          ...metadata,
          priceListId,
          width: dimensions.width,
          height: dimensions.height,
          published: input.publish === true,
          publishedAt: input.publish === true ? now : null,
        })
        .returning({ id: images.id });
      if (!image) throw new Error('Inserting the image returned no row.');
      await tx.insert(imageMedia).values({
        imageId: image.id,
        originalKey: objects.original.key,
        originalMime: IMAGE_FORMATS[format].mime,
        originalBytes: original.length,
        originalSha256: createHash('sha256').update(original).digest('hex'),
        thumbKey: objects.thumb.key,
        thumbWidth: derived.thumb.width,
        thumbHeight: derived.thumb.height,
        previewKey: objects.preview.key,
        previewWidth: derived.preview.width,
        previewHeight: derived.preview.height,
        derivedStyle: derivativeStyle(settings),
      });
      await options.withinTransaction?.(tx, image.id);
      return image.id;
    });
    return { imageId };
  } catch (error) {
    await Promise.allSettled(written.map((object) => storage.delete(object)));
    throw error;
  }
}

function displayName(input: TIngestImageInput): string {
  if (typeof input.source === 'string') return path.basename(input.source);
  return input.fileName ? path.basename(input.fileName) : 'the uploaded file';
}

async function readOriginal(source: Buffer | string, name: string): Promise<Buffer> {
  if (Buffer.isBuffer(source)) {
    checkSize(source.length, name);
    return source;
  }
  try {
    const info = await stat(source);
    if (!info.isFile()) throw new AppError('INVALID_INPUT', `"${name}" is not a file.`);
    checkSize(info.size, name);
    return await readFile(source);
  } catch (error) {
    if (error instanceof AppError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new AppError('INVALID_INPUT', `"${name}" does not exist.`);
    if (code === 'EACCES' || code === 'EPERM') throw new AppError('INVALID_INPUT', `"${name}" cannot be read: permission denied.`);
    throw error;
  }
}

function checkSize(bytes: number, name: string) {
  if (bytes === 0) throw new AppError('INVALID_INPUT', `"${name}" is empty.`);
  if (bytes > MAX_ORIGINAL_BYTES) {
    throw new AppError('INVALID_INPUT', `"${name}" is larger than ${MAX_ORIGINAL_BYTES / 1024 / 1024} MB.`);
  }
}

/** Width and height as the picture is seen, i.e. after its EXIF orientation is applied. */
async function readDimensions(original: Buffer, expected: TImageFormat, name: string) {
  try {
    const header = await sharp(original).metadata();
    if (header.format !== expected) throw new Error(`content claims ${expected} but decodes as ${header.format}`);
    const { width, height } = header.autoOrient;
    if (!(width > 0 && height > 0)) throw new Error('no dimensions');
    return { width, height };
  } catch (error) {
    throw damaged(name, error);
  }
}

function damaged(name: string, cause: unknown): AppError {
  const error = new AppError('INVALID_INPUT', `"${name}" could not be read as an image: the file is damaged or incomplete.`);
  error.cause = cause;
  return error;
}

/** Explicit fields over the file's own metadata; the title falls back to the file name. */
async function resolveMetadata(
  input: TIngestImageInput,
  original: Buffer,
  format: TImageFormat,
  name: string,
): Promise<TImageMetadata> {
  const embedded = await readEmbeddedMetadata(original, format);
  const suggested = {
    ...embedded,
    title: embedded.title?.slice(0, 300) ?? titleFromFileName(input),
    description: embedded.description?.slice(0, 5000),
    keywords: embedded.keywords?.filter((keyword) => keyword.length <= 100).slice(0, 200),
    creatorName: embedded.creatorName?.slice(0, 200),
    creditLine: embedded.creditLine?.slice(0, 300),
  };
  const explicit = Object.fromEntries(Object.entries(input.metadata ?? {}).filter(([, value]) => value !== undefined));
  try {
    return ZImageMetadata.parse({ ...withoutUndefined(suggested), ...explicit });
  } catch (error) {
    if (!(error instanceof ZodError)) throw error;
    const fieldErrors = fieldErrorsFrom(error);
    const [field, message] = Object.entries(fieldErrors)[0] ?? ['metadata', 'is invalid'];
    throw new AppError('INVALID_INPUT', `"${name}": ${field}: ${message}`, fieldErrors);
  }
}

function titleFromFileName(input: TIngestImageInput): string | undefined {
  const fileName = typeof input.source === 'string' ? input.source : input.fileName;
  if (!fileName) return undefined;
  const title = path.parse(path.basename(fileName)).name.replace(/[_-]+/g, ' ').replace(/\s+/g, ' ').trim();
  return title.slice(0, 300) || undefined;
}

const withoutUndefined = <T extends object>(value: T) =>
  Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as Partial<T>;

/** Royalty-free images need a price list (the default one unless named); rights-managed ones have none. */
async function priceListFor(metadata: TImageMetadata, tx: TTransaction): Promise<number | null> {
  if (metadata.licenceModel !== 'royalty_free') return null;
  if (metadata.priceListId === null) return ensureDefaultPriceList(tx);
  const [list] = await tx.select({ id: priceLists.id }).from(priceLists).where(eq(priceLists.id, metadata.priceListId));
  if (!list) throw new AppError('INVALID_INPUT', `Price list ${metadata.priceListId} does not exist.`, { priceListId: 'Unknown price list.' });
  return list.id;
}
