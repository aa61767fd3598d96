import 'server-only';
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { link, mkdir, readdir, rm, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { storageEnv } from '@/lib/env';

/**
 * Where media bytes live. Originals, derivatives, the ZIP bundles of purchased files (built by
 * lib/downloads/build-bundle.ts) and the encrypted "Download my data" exports (.bin, built by
 * lib/privacy/build-data-export.ts) sit in separate areas; every object is named by a
 * random key (never by an image id or an uploaded file name), so a path is built only from values this
 * module checks: an area from a fixed list, a key of exactly 32 lowercase hex digits and an extension
 * from a fixed list. Nothing a visitor types can reach the disk.
 *
 * The local driver keeps files under MEDIA_DIR (outside public/), sharded by the key's first two digits:
 * originals/ab/<key>.jpg, derived/ab/<key>.webp, bundles/ab/<key>.zip, exports/ab/<key>.bin. A later S3 driver implements the same type.
 */

export const MEDIA_AREAS = ['originals', 'derived', 'bundles', 'exports'] as const;
/** The areas whose objects image_media rows refer to (swept by lib/media/sweep-orphan-media.ts). */
export const IMAGE_AREAS = ['originals', 'derived'] as const satisfies readonly (typeof MEDIA_AREAS)[number][];
export const MEDIA_EXTENSIONS = ['jpg', 'png', 'tif', 'webp', 'zip', 'bin'] as const;

export type TMediaArea = (typeof MEDIA_AREAS)[number];
export type TMediaExtension = (typeof MEDIA_EXTENSIONS)[number];
export type TMediaObject = { area: TMediaArea; key: string; extension: TMediaExtension };
export type TStoredObjectStream = { stream: ReadableStream<Uint8Array>; size: number };

export type TMediaStorage = {
  /** Writes a new object; fails if the object already exists. */
  put(object: TMediaObject, bytes: Buffer): Promise<void>;
  /**
   * Writes a new object from a stream without holding it in memory; fails if the object already
   * exists. Nothing is left behind when the stream fails. Returns the number of bytes written.
   */
  putStream(object: TMediaObject, source: Readable): Promise<number>;
  /** The object's bytes as a stream that opens the file on first read, or null when there is no such object. */
  read(object: TMediaObject): Promise<TStoredObjectStream | null>;
  /** Removes the object; removing one that does not exist is not an error. */
  delete(object: TMediaObject): Promise<void>;
  exists(object: TMediaObject): Promise<boolean>;
  /** Every object in an area, with when it was written: for sweeping objects that no row refers to. */
  list(area: TMediaArea): AsyncIterable<TListedObject>;
  /** Removes what writes interrupted before `before` left behind (a crash during put); returns how many. */
  removeInterruptedWrites(before: Date): Promise<number>;
};

export type TListedObject = { object: TMediaObject; writtenAt: Date };

const STORAGE_KEY = /^[0-9a-f]{32}$/;

export const createStorageKey = () => randomBytes(16).toString('hex');
export const isStorageKey = (value: unknown): value is string => typeof value === 'string' && STORAGE_KEY.test(value);

export class InvalidStorageObjectError extends Error {
  constructor(what: string) {
    super(`Refusing to touch media storage: ${what}`);
    this.name = 'InvalidStorageObjectError';
  }
}

/** The object's path relative to the storage root, after checking every part. */
export function storageObjectPath(object: TMediaObject): string {
  if (!MEDIA_AREAS.includes(object.area)) throw new InvalidStorageObjectError(`unknown area ${JSON.stringify(object.area)}`);
  if (!MEDIA_EXTENSIONS.includes(object.extension)) {
    throw new InvalidStorageObjectError(`unknown extension ${JSON.stringify(object.extension)}`);
  }
  if (!isStorageKey(object.key)) throw new InvalidStorageObjectError('a key must be exactly 32 lowercase hex digits');
  // Media lives outside the project at run time: keep the bundler from tracing these paths.
  return path.join(/*turbopackIgnore: true*/ object.area, object.key.slice(0, 2), `${object.key}.${object.extension}`);
}

export function createLocalDiskStorage(rootDir: string): TMediaStorage {
  const root = path.resolve(/*turbopackIgnore: true*/ rootDir);
  const absolute = (object: TMediaObject) => path.join(/*turbopackIgnore: true*/ root, storageObjectPath(object));

  return {
    async put(object, bytes) {
      const target = absolute(object);
      await mkdir(path.dirname(target), { recursive: true });
      // Written under a temporary name, then linked into place: a reader never sees half a file, and
      // link() refuses (EEXIST) to replace an object that is already there.
      const temporary = `${target}.${randomBytes(6).toString('hex')}${PARTIAL_SUFFIX}`;
      try {
        await writeFile(temporary, bytes, { flag: 'wx' });
        await link(temporary, target);
      } finally {
        await rm(temporary, { force: true });
      }
    },

    async putStream(object, source) {
      const target = absolute(object);
      await mkdir(path.dirname(target), { recursive: true });
      const temporary = `${target}.${randomBytes(6).toString('hex')}${PARTIAL_SUFFIX}`;
      try {
        const file = createWriteStream(temporary, { flags: 'wx' });
        await pipeline(source, file);
        await link(temporary, target);
        return file.bytesWritten;
      } finally {
        await rm(temporary, { force: true });
      }
    },

    async read(object) {
      const target = absolute(object);
      const size = await fileSize(target);
      if (size === null) return null;
      return { stream: lazyFileStream(target), size };
    },

    async delete(object) {
      await unlink(absolute(object)).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw error;
      });
    },

    async exists(object) {
      return fileExists(absolute(object));
    },

    async *list(area) {
      for (const { file, name } of await shardFiles(root, area)) {
        const object = objectFromFileName(area, name);
        if (!object) continue;
        const info = await stat(file).catch(() => null);
        if (info?.isFile()) yield { object, writtenAt: info.mtime };
      }
    },

    async removeInterruptedWrites(before) {
      let removed = 0;
      for (const area of MEDIA_AREAS) {
        for (const { file, name } of await shardFiles(root, area)) {
          if (!name.endsWith(PARTIAL_SUFFIX)) continue;
          const info = await stat(file).catch(() => null);
          if (!info || info.mtime >= before) continue;
          await rm(file, { force: true });
          removed++;
        }
      }
      return removed;
    },
  };
}

const PARTIAL_SUFFIX = '.partial';
const SHARD = /^[0-9a-f]{2}$/;

/** The files in an area's shard folders (originals/ab/…), without following anything else. */
async function shardFiles(root: string, area: TMediaArea): Promise<{ file: string; name: string }[]> {
  const areaDir = path.join(/*turbopackIgnore: true*/ root, area);
  const shards = await readdir(areaDir, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  const files: { file: string; name: string }[] = [];
  for (const shard of shards) {
    if (!shard.isDirectory() || !SHARD.test(shard.name)) continue;
    const shardDir = path.join(/*turbopackIgnore: true*/ areaDir, shard.name);
    for (const entry of await readdir(shardDir, { withFileTypes: true })) {
      if (entry.isFile()) files.push({ file: path.join(/*turbopackIgnore: true*/ shardDir, entry.name), name: entry.name });
    }
  }
  return files;
}

/** '<key>.<extension>' back into an object; anything else (a partial write, a stray file) is not one. */
function objectFromFileName(area: TMediaArea, name: string): TMediaObject | null {
  const [key, extension, ...rest] = name.split('.');
  if (rest.length > 0 || !isStorageKey(key) || !MEDIA_EXTENSIONS.includes(extension as TMediaExtension)) return null;
  return { area, key, extension: extension as TMediaExtension };
}

/**
 * The configured driver: the local disk under MEDIA_DIR. Refuses a MEDIA_DIR inside public/, where
 * Next.js would serve every original to anyone who guessed a key.
 */
export function mediaStorage(): TMediaStorage {
  const root = path.resolve(storageEnv().MEDIA_DIR);
  const publicDir = path.resolve('public');
  if (root === publicDir || root.startsWith(publicDir + path.sep)) {
    throw new Error(`MEDIA_DIR (${root}) is inside public/, which Next.js serves to everyone: keep media outside it.`);
  }
  return createLocalDiskStorage(root);
}

async function fileSize(file: string): Promise<number | null> {
  try {
    const info = await stat(file);
    return info.isFile() ? info.size : null;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

const fileExists = async (file: string) => (await fileSize(file)) !== null;

/**
 * A web stream that opens the file only when someone reads it: a handler answering 304 drops the
 * stream without ever holding a file descriptor.
 */
function lazyFileStream(file: string): ReadableStream<Uint8Array> {
  let chunks: AsyncIterator<Buffer> | undefined;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        chunks ??= createReadStream(file)[Symbol.asyncIterator]();
        const next = await chunks.next();
        if (next.done) controller.close();
        else controller.enqueue(new Uint8Array(next.value.buffer, next.value.byteOffset, next.value.byteLength));
      },
      async cancel() {
        await chunks?.return?.();
      },
    },
    { highWaterMark: 0 },
  );
}
