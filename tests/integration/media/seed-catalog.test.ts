import { inArray } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { imageMedia, images } from '@/db/schema';
import { closeDatabase, db } from '@/lib/db/client';
import { describeDemoPicture } from '@/tooling/demo/describe-demo-picture';
import { seedCatalog } from '@/tooling/demo/seed-catalog';
import { readDerivative } from '@/lib/media/read-derivative';

afterAll(() => closeDatabase());

describe('seedCatalog', () => {
  it('ingests `count` drawn pictures through the pipeline and returns their ids in order', async () => {
    const seed = 7;
    const ids = await seedCatalog({ count: 12, seed, longEdge: 800 });
    expect(ids).toHaveLength(12);
    expect(new Set(ids).size).toBe(12);

    const rows = await db.select().from(images).where(inArray(images.id, ids));
    const byId = new Map(rows.map((row) => [row.id, row]));
    ids.forEach((id, index) => {
      const expected = describeDemoPicture(seed * 100_003 + index);
      const row = byId.get(id)!;
      expect(row).toMatchObject({
        title: expected.metadata.title,
        licenceModel: expected.metadata.licenceModel,
        modelRelease: expected.metadata.modelRelease,
        peopleCount: expected.metadata.peopleCount,
        creatorName: expected.metadata.creatorName,
        capturedOn: expected.metadata.capturedOn,
        orientation: expected.orientation,
        published: expected.publish,
      });
      expect(row.priceListId === null).toBe(row.licenceModel === 'rights_managed');
      expect(Math.max(row.width, row.height)).toBe(800);
    });
    expect(await db.select({ id: imageMedia.imageId }).from(imageMedia).where(inArray(imageMedia.imageId, ids))).toHaveLength(12);

    const published = rows.filter((row) => row.published);
    expect(published.length).toBeGreaterThan(0);
    for (const row of published) expect(await readDerivative(row.id, 'thumb')).not.toBeNull();
  });

  it('adds new images on every call', async () => {
    const first = await seedCatalog({ count: 2, seed: 8, longEdge: 400 });
    const second = await seedCatalog({ count: 2, seed: 8, longEdge: 400 });
    expect(new Set([...first, ...second]).size).toBe(4);
    expect(await seedCatalog({ count: 0, seed: 9 })).toEqual([]);
  });
});
