/**
 * Catalog rows for integration tests, inserted directly (no media files: search and the detail page
 * read only the images table). Test files share one database per run, so give every test its own
 * search word (searchToken) and assert on your own rows only.
 */
import { randomInt, randomUUID } from 'node:crypto';
import { images, priceLists, priceTiers } from '@/db/schema';
import { db, type TExecutor, type TTransaction } from '@/lib/db/client';

type TImageInsert = typeof images.$inferInsert;
type TTierInsert = Omit<typeof priceTiers.$inferInsert, 'priceListId'>;

// No vowels, no s/l/y: the English stemmer leaves such a word as it is, and no real word collides with it.
const TOKEN_LETTERS = 'bcdfghjkmnpqrtvwxz';

/** A word no other row contains, e.g. 'zqkmptrvbx'; pass it in titles, keywords or descriptions and search for it. */
export function searchToken(): string {
  let token = 'zq';
  for (let i = 0; i < 8; i += 1) token += TOKEN_LETTERS[randomInt(TOKEN_LETTERS.length)];
  return token;
}

export const TEST_PRICE_TIERS: TTierInsert[] = [
  { tier: 'S', longEdgePx: 800, priceMinor: 1900 },
  { tier: 'M', longEdgePx: 1600, priceMinor: 3900 },
  { tier: 'L', longEdgePx: 3000, priceMinor: 6900 },
  { tier: 'XL', longEdgePx: 6000, priceMinor: 11900 },
];

export async function createPriceList(
  options: { currency?: string; tiers?: TTierInsert[] } = {},
  executor: TExecutor = db,
): Promise<number> {
  const [list] = await executor
    .insert(priceLists)
    .values({ name: `Test list ${randomUUID()}`, currency: options.currency ?? 'EUR' })
    .returning({ id: priceLists.id });
  if (!list) throw new Error('The price list was not created.');
  const tiers = options.tiers ?? TEST_PRICE_TIERS;
  if (tiers.length > 0) await executor.insert(priceTiers).values(tiers.map((tier) => ({ ...tier, priceListId: list.id })));
  return list.id;
}

const priceListByExecutor = new WeakMap<TExecutor, Promise<number>>();

/** The price list royalty-free test images get unless they name one: one per test file (or transaction). */
function defaultPriceListId(executor: TExecutor): Promise<number> {
  let id = priceListByExecutor.get(executor);
  if (!id) {
    id = createPriceList({}, executor);
    priceListByExecutor.set(executor, id);
  }
  return id;
}

export type TTestImage = Partial<Omit<TImageInsert, 'id'>>;

/** Defaults: a published, royalty-free, model-released 6000 x 4000 landscape without people. */
async function withDefaults(values: TTestImage, executor: TExecutor): Promise<TImageInsert> {
  const licenceModel = values.licenceModel ?? 'royalty_free';
  const published = values.published ?? true;
  return {
    title: 'Test image',
    width: 6000,
    height: 4000,
    modelRelease: 'released',
    peopleCount: 0,
    ...values,
    licenceModel,
    priceListId:
      values.priceListId !== undefined
        ? values.priceListId
        : licenceModel === 'royalty_free'
          ? await defaultPriceListId(executor)
          : null,
    published,
    publishedAt: values.publishedAt !== undefined ? values.publishedAt : published ? new Date() : null,
  };
}

export async function createImage(values: TTestImage = {}, executor: TExecutor = db): Promise<number> {
  const [row] = await executor
    .insert(images)
    .values(await withDefaults(values, executor))
    .returning({ id: images.id });
  if (!row) throw new Error('The image was not created.');
  return row.id;
}

/**
 * Many images at once (the count cap needs 10,000+). `valuesFor(index)` describes each; rows go in
 * batches to stay under Postgres' limit on bound parameters. Returns ids in index order.
 */
export async function createImages(
  count: number,
  valuesFor: (index: number) => TTestImage,
  executor: TExecutor = db,
): Promise<number[]> {
  const ids: number[] = [];
  const BATCH = 1000;
  for (let start = 0; start < count; start += BATCH) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(BATCH, count - start) }, (_, offset) => withDefaults(valuesFor(start + offset), executor)),
    );
    const rows = await executor.insert(images).values(batch).returning({ id: images.id });
    ids.push(...rows.map((row) => row.id));
  }
  return ids;
}

/** A moment `minutesAgo` minutes before a fixed base, for images whose order by publication matters. */
export function publishedMinutesAgo(minutesAgo: number, base = Date.now()): Date {
  return new Date(base - minutesAgo * 60_000);
}

class RolledBack extends Error {}

/**
 * Runs `work` in a transaction that is always rolled back: for tests whose rows would disturb other
 * files sharing the database (images published "in the future", ten thousand rows for the count cap).
 */
export async function inRolledBackTransaction<T>(work: (tx: TTransaction) => Promise<T>): Promise<T> {
  let result: { value: T } | undefined;
  try {
    await db.transaction(async (tx) => {
      result = { value: await work(tx) };
      throw new RolledBack();
    });
  } catch (error) {
    if (!(error instanceof RolledBack)) throw error;
  }
  if (!result) throw new Error('The rolled-back transaction finished without a result.');
  return result.value;
}
