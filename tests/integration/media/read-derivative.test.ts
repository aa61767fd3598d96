import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { imageMedia, images } from '@/db/schema';
import { closeDatabase, db } from '@/lib/db/client';
import { ingestImage } from '@/lib/media/ingest-image';
import { readDerivative } from '@/lib/media/read-derivative';
import { mediaStorage } from '@/lib/media/storage';
import { makeImage } from '../../unit/media/image-fixtures';

const readAll = async (stream: ReadableStream<Uint8Array>) => Buffer.from(await new Response(stream).arrayBuffer());

let original: Buffer;
let imageId: number;

beforeAll(async () => {
  original = await makeImage('webp', { width: 1600, height: 1200 }); // a WebP original: same type as its derivatives
  ({ imageId } = await ingestImage({ source: original, metadata: { title: 'Derivative source' }, publish: true }));
});

afterAll(() => closeDatabase());

describe('readDerivative', () => {
  it('returns the thumbnail and the preview of a published image, never the original', async () => {
    const [media] = await db.select().from(imageMedia).where(eq(imageMedia.imageId, imageId));
    for (const [kind, key] of [
      ['thumb', media!.thumbKey],
      ['preview', media!.previewKey],
    ] as const) {
      const derivative = await readDerivative(imageId, kind);
      expect(derivative).toMatchObject({ contentType: 'image/webp' });
      const bytes = await readAll(derivative!.stream);
      expect(bytes.length).toBe(derivative!.size);
      expect(bytes.equals(original)).toBe(false);
      const stored = await mediaStorage().read({ area: 'derived', key, extension: 'webp' });
      expect(bytes.equals(await readAll(stored!.stream))).toBe(true);
    }
  });

  it('keeps its ETag while the derivative is unchanged', async () => {
    const first = await readDerivative(imageId, 'preview');
    const second = await readDerivative(imageId, 'preview');
    await Promise.all([first?.stream.cancel(), second?.stream.cancel()]);
    expect(first!.etag).toBe(second!.etag);
  });

  it('returns null while the image is unpublished', async () => {
    await db.update(images).set({ published: false, publishedAt: null }).where(eq(images.id, imageId));
    expect(await readDerivative(imageId, 'thumb')).toBeNull();
    expect(await readDerivative(imageId, 'preview')).toBeNull();
    await db.update(images).set({ published: true, publishedAt: new Date() }).where(eq(images.id, imageId));
    expect(await readDerivative(imageId, 'thumb')).not.toBeNull();
  });

  it('returns null for ids that name no image and for values that are no id at all', async () => {
    for (const id of [0, -1, 1.5, Number.NaN, Number.MAX_SAFE_INTEGER, 2 ** 60]) expect(await readDerivative(id, 'thumb')).toBeNull();
    expect(await readDerivative(imageId, 'original' as 'thumb')).toBeNull();
  });

  it('returns null when the file has gone missing from storage', async () => {
    const { imageId: orphan } = await ingestImage({ source: await makeImage('png', { width: 40, height: 40 }), metadata: { title: 'Orphan' }, publish: true });
    const [media] = await db.select().from(imageMedia).where(eq(imageMedia.imageId, orphan));
    await mediaStorage().delete({ area: 'derived', key: media!.thumbKey, extension: 'webp' });
    expect(await readDerivative(orphan, 'thumb')).toBeNull();
    expect(await readDerivative(orphan, 'preview')).not.toBeNull();
  });
});
