import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as getPreview } from '@/app/media/preview/[id]/route';
import { GET as getThumb } from '@/app/media/thumb/[id]/route';
import { imageMedia } from '@/db/schema';
import { closeDatabase, db } from '@/lib/db/client';
import { storageEnv } from '@/lib/env';
import { ingestImage } from '@/lib/media/ingest-image';
import { previewUrl, thumbnailUrl } from '@/lib/media/urls';
import { makeJpegWithPersonalMetadata } from '../../unit/media/image-fixtures';

type THandler = typeof getThumb;
const ROUTES: Array<[string, THandler, (id: number) => string, number]> = [
  ['thumb', getThumb, thumbnailUrl, 400],
  ['preview', getPreview, previewUrl, 1000],
];

const call = (handler: THandler, id: string, headers: Record<string, string> = {}) =>
  handler(new Request(`http://stockroom.test/media/x/${encodeURIComponent(id)}`, { headers }), { params: Promise.resolve({ id }) });

let published: number;
let unpublished: number;
let original: Buffer;
let keys: { originalKey: string; thumbKey: string; previewKey: string };

beforeAll(async () => {
  original = await makeJpegWithPersonalMetadata();
  ({ imageId: published } = await ingestImage({ source: original, fileName: 'public.jpg', publish: true }));
  ({ imageId: unpublished } = await ingestImage({ source: original, fileName: 'draft.jpg', publish: false }));
  const [media] = await db.select().from(imageMedia).where(eq(imageMedia.imageId, published));
  if (!media) throw new Error('the published image has no media row');
  keys = media;
});

afterAll(() => closeDatabase());

describe.each(ROUTES)('GET /media/%s/[id]', (kind, handler, urlFor, longEdge) => {
  it('serves the WebP of a published image with caching and nosniff headers', async () => {
    expect(urlFor(published)).toBe(`/media/${kind}/${published}`);
    const response = await call(handler, String(published));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/webp');
    expect(response.headers.get('cache-control')).toBe('public, max-age=86400');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('etag')).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
    const body = Buffer.from(await response.arrayBuffer());
    expect(response.headers.get('content-length')).toBe(String(body.length));

    const key = kind === 'thumb' ? keys.thumbKey : keys.previewKey;
    expect(body.equals(await readFile(path.join(storageEnv().MEDIA_DIR, 'derived', key.slice(0, 2), `${key}.webp`)))).toBe(true);
    expect(body.equals(original)).toBe(false);
    const info = await sharp(body).metadata();
    expect([info.format, Math.max(info.width, info.height), info.exif]).toEqual(['webp', longEdge, undefined]);
    expect(response.headers.get('etag')).not.toContain(key);
  });

  it('answers 304 without a body when If-None-Match carries the ETag', async () => {
    const etag = (await call(handler, String(published))).headers.get('etag')!;
    for (const header of [etag, `W/${etag}`, `"other", ${etag}`]) {
      const response = await call(handler, String(published), { 'If-None-Match': header });
      expect(response.status).toBe(304);
      expect(response.headers.get('etag')).toBe(etag);
      expect(response.headers.get('cache-control')).toBe('public, max-age=86400');
      expect(await response.text()).toBe('');
    }
    expect((await call(handler, String(published), { 'If-None-Match': '"stale"' })).status).toBe(200);
  });

  it('gives the thumbnail and the preview different ETags', async () => {
    const [thumb, preview] = await Promise.all([call(getThumb, String(published)), call(getPreview, String(published))]);
    expect(thumb.headers.get('etag')).not.toBe(preview.headers.get('etag'));
  });

  const notFound = () => [
    ['an unpublished image', String(unpublished)],
    ['an unknown id', '987654321'],
    ['a path traversal', '../x'],
    ['an encoded traversal', '%2e%2e%2f'],
    ['a decoded traversal', '../../etc/passwd'],
    ['SQL', '1;drop'],
    ['SQL with quotes', "1' or '1'='1"],
    ['a storage key', keys.originalKey],
    ['the thumbnail key', keys.thumbKey],
    ['zero', '0'],
    ['a negative id', '-1'],
    ['a leading zero', `0${published}`],
    ['a decimal', `${published}.0`],
    ['an exponent', '1e2'],
    ['a number beyond 2^53', '9007199254740993'],
    ['an empty id', ''],
    ['whitespace', ` ${published}`],
    ['a file name', `${published}.webp`],
  ];

  it('answers 404 with a short plain-text body for anything but a published image', async () => {
    for (const [what, id] of notFound()) {
      const response = await call(handler, id!);
      expect(response.status, what).toBe(404);
      expect(response.headers.get('content-type'), what).toBe('text/plain; charset=utf-8');
      expect(response.headers.get('x-content-type-options'), what).toBe('nosniff');
      expect(await response.text(), what).toBe('Not found');
    }
  });
});
