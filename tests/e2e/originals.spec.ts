import { createHash } from 'node:crypto';
import { expect, test } from '@playwright/test';
import pg from 'pg';
import { e2eState } from './state';

type TMediaRow = { image_id: string; original_key: string; original_sha256: string; thumb_key: string; preview_key: string; published: boolean };

async function mediaRows(): Promise<TMediaRow[]> {
  const client = new pg.Client({ connectionString: e2eState().databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<TMediaRow>(
      'select m.image_id, m.original_key, m.original_sha256, m.thumb_key, m.preview_key, i.published from image_media m join images i on i.id = m.image_id order by m.image_id',
    );
    return rows;
  } finally {
    await client.end();
  }
}

const sha256 = (body: Buffer) => createHash('sha256').update(body).digest('hex');

test.describe('originals are never public', () => {
  test('no route returns an original to a guest, by id, key or path traversal', async ({ request }) => {
    const rows = await mediaRows();
    expect(rows.length).toBeGreaterThan(2);
    const originals = new Set(rows.map((row) => row.original_sha256));
    const unpublished = rows.filter((row) => !row.published);
    expect(unpublished.length).toBeGreaterThan(0);
    const sample = rows.slice(0, 3);

    const attempts: string[] = [];
    for (const row of [...sample, ...unpublished]) {
      const shard = row.original_key.slice(0, 2);
      const originalPaths = [`originals/${shard}/${row.original_key}.jpg`, `originals/${row.original_key}`, row.original_key];
      for (const kind of ['thumb', 'preview', 'original', 'download', 'full']) {
        attempts.push(`/media/${kind}/${row.image_id}`);
        attempts.push(`/media/${kind}/${row.original_key}`);
        attempts.push(`/media/${kind}/${row.thumb_key}`);
        attempts.push(`/media/${kind}/${row.image_id}?size=original`);
        for (const original of originalPaths) {
          attempts.push(`/media/${kind}/..%2F..%2F${encodeURIComponent(original)}`);
          attempts.push(`/media/${kind}/%2e%2e/%2e%2e/${original}`);
        }
      }
      for (const original of originalPaths) {
        attempts.push(`/${original}`, `/data/media/${original}`, `/media/${original}`, `/_next/static/..%2F..%2Fdata%2Fmedia%2F${encodeURIComponent(original)}`);
        attempts.push(`/_next/image?url=${encodeURIComponent(`/data/media/${original}`)}&w=3840&q=100`);
      }
      attempts.push(`/_next/image?url=${encodeURIComponent(`/media/preview/${row.image_id}`)}&w=3840&q=100`);
      attempts.push(`/images/${row.original_key}/comp`, `/images/..%2F${row.original_key}/comp`);
    }

    for (const path of attempts) {
      const response = await request.get(path, { maxRedirects: 0 });
      const body = await response.body();
      expect.soft(originals.has(sha256(body)), `${path} returned an original`).toBe(false);
      if (response.status() === 200 && (response.headers()['content-type'] ?? '').startsWith('image/')) {
        // Only derivatives of published images may come back, and only from their two routes.
        expect.soft(path, `${path} returned image bytes`).toMatch(/^\/(media\/(thumb|preview)\/\d+|images\/\d+\/comp)(\?.*)?$/);
      }
    }
  });

  test('unpublished images have no public derivatives and no comp either', async ({ request }) => {
    const { unpublishedImageId } = e2eState();
    for (const path of [`/media/thumb/${unpublishedImageId}`, `/media/preview/${unpublishedImageId}`, `/images/${unpublishedImageId}/comp`]) {
      expect((await request.get(path)).status(), path).toBe(404);
    }
  });

  test('published derivatives are WebP and smaller than the original', async ({ request }) => {
    const { publishedImageId } = e2eState();
    const thumb = await request.get(`/media/thumb/${publishedImageId}`);
    expect(thumb.status()).toBe(200);
    expect(thumb.headers()['content-type']).toBe('image/webp');
    const preview = await request.get(`/media/preview/${publishedImageId}`);
    expect(preview.status()).toBe(200);
    expect((await preview.body()).length).toBeGreaterThan((await thumb.body()).length);
  });
});
