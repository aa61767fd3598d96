import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  createLocalDiskStorage,
  createStorageKey,
  InvalidStorageObjectError,
  isStorageKey,
  mediaStorage,
  storageObjectPath,
  type TMediaObject,
  type TMediaStorage,
} from '@/lib/media/storage';
import { listFiles } from './image-fixtures';

let root: string;
let storage: TMediaStorage;

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'stockroom-storage-test-'));
  storage = createLocalDiskStorage(root);
});
afterAll(() => rm(root, { recursive: true, force: true }));

const readAll = async (stream: ReadableStream<Uint8Array>) => Buffer.from(await new Response(stream).arrayBuffer());

describe('storage keys', () => {
  it('are 32 random lowercase hex digits', () => {
    const keys = new Set(Array.from({ length: 200 }, createStorageKey));
    expect(keys.size).toBe(200);
    for (const key of keys) expect(key).toMatch(/^[0-9a-f]{32}$/);
  });

  it('shard objects by their first two digits, by area', () => {
    const key = 'ab' + '0'.repeat(30);
    expect(storageObjectPath({ area: 'originals', key, extension: 'jpg' })).toBe(path.join('originals', 'ab', `${key}.jpg`));
    expect(storageObjectPath({ area: 'derived', key, extension: 'webp' })).toBe(path.join('derived', 'ab', `${key}.webp`));
  });

  const hostile = [
    '../../etc/passwd',
    '..',
    '',
    'AB' + '0'.repeat(30), // uppercase
    '0'.repeat(31),
    '0'.repeat(33),
    '0'.repeat(30) + '/x',
    '0'.repeat(30) + '..',
    '0'.repeat(32) + '\n',
    ' ' + '0'.repeat(31),
    'g'.repeat(32),
    '%2e%2e%2f' + '0'.repeat(23),
    '0'.repeat(32) + '.jpg',
    '12345',
  ];

  it.each(hostile)('rejects %j before touching the disk', async (key) => {
    expect(isStorageKey(key)).toBe(false);
    const object = { area: 'originals', key, extension: 'jpg' } as TMediaObject;
    expect(() => storageObjectPath(object)).toThrow(InvalidStorageObjectError);
    await expect(storage.put(object, Buffer.from('x'))).rejects.toThrow(InvalidStorageObjectError);
    await expect(storage.read(object)).rejects.toThrow(InvalidStorageObjectError);
    await expect(storage.exists(object)).rejects.toThrow(InvalidStorageObjectError);
    await expect(storage.delete(object)).rejects.toThrow(InvalidStorageObjectError);
    expect(await listFiles(root)).toEqual([]);
  });

  it('rejects areas and extensions outside the fixed lists', () => {
    const key = createStorageKey();
    expect(() => storageObjectPath({ area: '../public', key, extension: 'jpg' } as unknown as TMediaObject)).toThrow(InvalidStorageObjectError);
    expect(() => storageObjectPath({ area: 'originals', key, extension: 'html' } as unknown as TMediaObject)).toThrow(InvalidStorageObjectError);
  });
});

describe('local disk storage', () => {
  it('puts, reads, checks and deletes an object', async () => {
    const object: TMediaObject = { area: 'derived', key: createStorageKey(), extension: 'webp' };
    const bytes = Buffer.from('some bytes that stand in for a picture');
    expect(await storage.exists(object)).toBe(false);
    expect(await storage.read(object)).toBeNull();

    await storage.put(object, bytes);
    const file = path.join(root, 'derived', object.key.slice(0, 2), `${object.key}.webp`);
    expect(await readFile(file)).toEqual(bytes);
    expect(await storage.exists(object)).toBe(true);
    const stored = await storage.read(object);
    expect(stored?.size).toBe(bytes.length);
    expect(await readAll(stored!.stream)).toEqual(bytes);

    await storage.delete(object);
    expect(await storage.exists(object)).toBe(false);
    await expect(storage.delete(object)).resolves.toBeUndefined();
    expect(await listFiles(root)).toEqual([]);
  });

  it('never overwrites an existing object and leaves no temporary file behind', async () => {
    const object: TMediaObject = { area: 'originals', key: createStorageKey(), extension: 'png' };
    await storage.put(object, Buffer.from('first'));
    await expect(storage.put(object, Buffer.from('second'))).rejects.toThrow();
    const stored = await storage.read(object);
    expect((await readAll(stored!.stream)).toString()).toBe('first');
    expect(await listFiles(root)).toEqual([path.join('originals', object.key.slice(0, 2), `${object.key}.png`)]);
    await storage.delete(object);
  });

  it('opens the file only when the stream is read, so a cancelled stream never held it', async () => {
    const object: TMediaObject = { area: 'derived', key: createStorageKey(), extension: 'webp' };
    await storage.put(object, Buffer.alloc(200_000, 7));
    const unread = await storage.read(object);
    const toCancel = await storage.read(object);
    await storage.delete(object);
    // Had read() opened the file, Linux would still serve the unlinked file's bytes; a lazy stream finds it gone.
    await expect(readAll(unread!.stream)).rejects.toThrow(/ENOENT/);
    await expect(toCancel!.stream.cancel()).resolves.toBeUndefined();
  });

  it('streams large objects completely', async () => {
    const object: TMediaObject = { area: 'derived', key: createStorageKey(), extension: 'webp' };
    const bytes = Buffer.alloc(1_000_000);
    for (let index = 0; index < bytes.length; index += 1) bytes[index] = index % 251;
    await storage.put(object, bytes);
    const stored = await storage.read(object);
    expect((await readAll(stored!.stream)).equals(bytes)).toBe(true);
    await storage.delete(object);
  });

  it('writes a bundle from a stream, never over an existing one, and leaves nothing behind when the stream fails', async () => {
    const object: TMediaObject = { area: 'bundles', key: createStorageKey(), extension: 'zip' };
    const chunks = Array.from({ length: 50 }, (_, index) => Buffer.alloc(10_000, index));
    expect(await storage.putStream(object, Readable.from(chunks))).toBe(500_000);
    expect(await readFile(path.join(root, 'bundles', object.key.slice(0, 2), `${object.key}.zip`))).toEqual(Buffer.concat(chunks));
    await expect(storage.putStream(object, Readable.from([Buffer.from('second')]))).rejects.toThrow();

    const broken: TMediaObject = { area: 'bundles', key: createStorageKey(), extension: 'zip' };
    async function* failing() {
      yield Buffer.from('PK half an archive');
      throw new Error('render failed');
    }
    await expect(storage.putStream(broken, Readable.from(failing()))).rejects.toThrow('render failed');
    expect(await listFiles(root)).toEqual([path.join('bundles', object.key.slice(0, 2), `${object.key}.zip`)]);
    await storage.delete(object);
  });
});

describe('the configured storage', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('lives under MEDIA_DIR', async () => {
    vi.stubEnv('MEDIA_DIR', root);
    const object: TMediaObject = { area: 'originals', key: createStorageKey(), extension: 'tif' };
    await mediaStorage().put(object, Buffer.from('x'));
    expect(await listFiles(root)).toEqual([path.join('originals', object.key.slice(0, 2), `${object.key}.tif`)]);
    await mediaStorage().delete(object);
  });

  it.each(['public', 'public/media', './public/../public/uploads'])('refuses MEDIA_DIR=%s, which Next.js would serve', (dir) => {
    vi.stubEnv('MEDIA_DIR', dir);
    expect(() => mediaStorage()).toThrow(/inside public\//);
  });

  it('accepts a folder that merely starts with "public"', () => {
    vi.stubEnv('MEDIA_DIR', 'public-media');
    expect(() => mediaStorage()).not.toThrow();
  });
});
