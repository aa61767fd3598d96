import 'server-only';
import { and, desc, eq, ilike, or, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { images } from '@/db/schema';
import { assertStaffMay } from '@/lib/customers/customer-access';
import { db } from '@/lib/db/client';
import type { TStaffActor } from '@/lib/staff/require-staff';

export const CATALOG_PAGE_SIZE = 25;

export const ZCatalogListQuery = z.object({
  q: z.string().trim().max(100, 'Search for at most 100 characters.').default(''),
  status: z.enum(['all', 'published', 'unpublished'], 'Choose all, published or unpublished.').default('all'),
  page: z.coerce.number({ error: 'No such page.' }).int('No such page.').min(1, 'No such page.').max(400, 'No such page.').default(1),
});
export type TCatalogListQuery = z.output<typeof ZCatalogListQuery>;

export type TCatalogListRow = {
  id: number;
  title: string;
  published: boolean;
  licenceModel: 'royalty_free' | 'rights_managed';
  width: number;
  height: number;
  updatedAt: Date;
};

/** LIKE's own characters in a search are meant literally. */
const literal = (text: string) => text.replace(/[\\%_]/g, (character) => `\\${character}`);

/**
 * The catalog as staff see it, published or not, most recently changed first: a search matches the
 * title (any part, any case) or, when it is a number (optionally with #), the image id.
 */
export async function listCatalogImages(actor: TStaffActor, query: TCatalogListQuery): Promise<{ rows: TCatalogListRow[]; page: number; hasMore: boolean }> {
  assertStaffMay(actor, 'catalog.manage');
  const conditions: SQL[] = [];
  if (query.q !== '') {
    const id = /^#?(\d{1,15})$/.exec(query.q)?.[1];
    const byTitle = ilike(images.title, `%${literal(query.q)}%`);
    conditions.push(id ? (or(eq(images.id, Number(id)), byTitle) as SQL) : byTitle);
  }
  if (query.status !== 'all') conditions.push(eq(images.published, query.status === 'published'));
  const rows = await db
    .select({
      id: images.id,
      title: images.title,
      published: images.published,
      licenceModel: images.licenceModel,
      width: images.width,
      height: images.height,
      updatedAt: images.updatedAt,
    })
    .from(images)
    .where(and(...conditions))
    .orderBy(desc(images.updatedAt), desc(images.id))
    .limit(CATALOG_PAGE_SIZE + 1)
    .offset((query.page - 1) * CATALOG_PAGE_SIZE);
  return { rows: rows.slice(0, CATALOG_PAGE_SIZE), page: query.page, hasMore: rows.length > CATALOG_PAGE_SIZE };
}
