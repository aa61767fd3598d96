import 'server-only';
import { and, eq, gt, sql, type SQL } from 'drizzle-orm';
import { images } from '@/db/schema';
import { db, type TExecutor } from '@/lib/db/client';
import { imageCardColumns, type TImageCard } from './image-card';
import { newestFirst } from './newest-first';
import { cachedSearchCount } from './search-count-cache';
import { parseSearchQuery, type TSearchQuery } from './search-query';

export const SEARCH_PAGE_SIZE = 30;
/** Matches are counted up to this many and one more; beyond it the page says "10,000+". */
export const SEARCH_COUNT_CAP = 10_000;
/**
 * When more than SEARCH_COUNT_CAP images match, ranking every match would read every matching row
 * (hundreds of thousands for a common word: half a second at a million images). Relevance then orders
 * the newest RELEVANCE_WINDOW matches, found by walking images_newest_idx, and later pages continue with
 * the remaining matches newest first, so no page repeats or skips an image. A multiple of the page size.
 */
export const RELEVANCE_WINDOW = 33 * SEARCH_PAGE_SIZE;

export type TSearchResult = {
  items: TImageCard[];
  /** The number of matches, at most SEARCH_COUNT_CAP. */
  total: number;
  /** More than SEARCH_COUNT_CAP images match: show "10,000+". */
  totalIsCapped: boolean;
  page: number;
  /** Pages of SEARCH_PAGE_SIZE over `total`; 0 when nothing matches. */
  pageCount: number;
  /** The words held no searchable term (only stop words or punctuation), so the text was ignored. */
  textIgnored: boolean;
};

/** Published images matching a search query, one page at a time. Every value reaches SQL as a bound parameter. */
export async function searchImages(input: TSearchQuery, executor: TExecutor = db): Promise<TSearchResult> {
  const query = parseSearchQuery(input);
  const tsquery = await toTsquery(query.q, executor);
  const where = and(...matchConditions(query, tsquery));
  const offset = (query.page - 1) * SEARCH_PAGE_SIZE;

  const result = (matched: number, items: TImageCard[]): TSearchResult => {
    const total = Math.min(matched, SEARCH_COUNT_CAP);
    return {
      items,
      total,
      totalIsCapped: matched > SEARCH_COUNT_CAP,
      page: query.page,
      pageCount: Math.ceil(total / SEARCH_PAGE_SIZE),
      textIgnored: query.q !== '' && tsquery === null,
    };
  };

  // Counts are remembered briefly (search-count-cache.ts), but never inside a transaction, whose rows
  // others cannot see.
  const countKey = [tsquery ?? '', query.orientation, query.licence, query.people, query.release].join('|');
  const counting =
    executor === db ? cachedSearchCount(countKey, () => countMatches(where, db)) : countMatches(where, executor);

  if (tsquery === null) {
    // Filters only: Postgres estimates enum and number columns well, and the page (newest first, walking
    // images_newest_idx) needs nothing from the count, so both run at once.
    const [matched, items] = await Promise.all([counting, newestPage(where, offset, executor)]);
    return result(matched, items);
  }

  // With words, the count chooses the plan: a word's estimate can be far off (a phrase is estimated like
  // its words ANDed), and a plan that walks the newest index hoping to stop early can then read every row.
  const matched = await counting;
  if (matched <= SEARCH_COUNT_CAP) {
    if (offset >= matched) return result(matched, []);
    return result(matched, await fewMatchesPage(where, tsquery, query.sort, offset, executor));
  }
  // Many matches (at least 1 row in 100), so walking the newest index stops early.
  if (query.sort === 'relevance' && offset < RELEVANCE_WINDOW) {
    return result(matched, await rankedNewestWindowPage(where, tsquery, offset, executor));
  }
  // The window holds exactly the newest RELEVANCE_WINDOW matches, so later pages continue with the rest, newest first.
  return result(matched, await newestPage(where, offset, executor));
}

/** The words as a tsquery in its text form, or null when they hold no searchable term ('the', '!!!'). */
async function toTsquery(text: string, executor: TExecutor): Promise<string | null> {
  if (text === '') return null;
  const result = await executor.execute<{ tsquery: string }>(
    sql`select websearch_to_tsquery('english', ${text})::text as tsquery`,
  );
  const tsquery = result.rows[0]?.tsquery ?? '';
  return tsquery === '' ? null : tsquery;
}

function matchConditions(query: TSearchQuery, tsquery: string | null): SQL[] {
  // Spelled as the bare column so Postgres can use the partial indexes (WHERE published).
  const conditions: SQL[] = [sql`${images.published}`];
  if (tsquery !== null) conditions.push(sql`${images.searchVector} @@ ${tsquery}::tsquery`);
  if (query.orientation) conditions.push(eq(images.orientation, query.orientation));
  if (query.licence) conditions.push(eq(images.licenceModel, query.licence));
  if (query.people === 'with') conditions.push(gt(images.peopleCount, 0));
  if (query.people === 'without') conditions.push(eq(images.peopleCount, 0));
  if (query.release === 'released') conditions.push(eq(images.modelRelease, 'released'));
  if (query.release === 'editorial') conditions.push(eq(images.modelRelease, 'none'));
  return conditions;
}

/** The number of matches, reading at most SEARCH_COUNT_CAP + 1 of them. */
async function countMatches(where: SQL | undefined, executor: TExecutor): Promise<number> {
  const result = await executor.execute<{ matched: number }>(
    sql`select count(*)::int as matched from (select 1 from ${images} where ${where} limit ${SEARCH_COUNT_CAP + 1}) as capped`,
  );
  return Number(result.rows[0]?.matched ?? 0);
}

function newestPage(where: SQL | undefined, offset: number, executor: TExecutor): Promise<TImageCard[]> {
  return executor
    .select(imageCardColumns)
    .from(images)
    .where(where)
    .orderBy(...newestFirst)
    .limit(SEARCH_PAGE_SIZE)
    .offset(offset);
}

const rankOf = (searchVector: SQL | typeof images.searchVector, tsquery: string) =>
  sql`ts_rank_cd(${searchVector}, ${tsquery}::tsquery) desc`;

type TCardRow = Omit<TImageCard, 'id'> & { id: number | string };

/**
 * At most SEARCH_COUNT_CAP matches: fetch them all through the full-text index, then order them in memory.
 * The CTE is materialized so the planner cannot swap in a walk of the newest index. Relevance ranks title
 * above keywords above description (the weights A, B, C in search_vector), then newest first.
 */
async function fewMatchesPage(
  where: SQL | undefined,
  tsquery: string,
  sort: TSearchQuery['sort'],
  offset: number,
  executor: TExecutor,
): Promise<TImageCard[]> {
  // Ranked inside the CTE, so each match's search_vector is read once and not carried along.
  const rank = sort === 'relevance' ? sql`ts_rank_cd(${images.searchVector}, ${tsquery}::tsquery)` : sql`0`;
  const result = await executor.execute<TCardRow>(sql`
    with matches as materialized (
      select ${images.id}, ${images.title}, ${images.width}, ${images.height}, ${images.orientation},
        ${images.licenceModel}, ${images.modelRelease}, ${images.publishedAt}, ${rank} as rank
      from ${images}
      where ${where}
    )
    select id, title, width, height, orientation, licence_model as "licenceModel", model_release as "modelRelease"
    from matches
    order by rank desc, published_at desc nulls last, id desc nulls last
    limit ${SEARCH_PAGE_SIZE} offset ${offset}`);
  // node-postgres returns bigint as a string; ids fit in a JavaScript number.
  return result.rows.map((row) => ({ ...row, id: Number(row.id) }));
}

/** The newest RELEVANCE_WINDOW matches, ranked; Postgres walks images_newest_idx and stops early. */
function rankedNewestWindowPage(
  where: SQL | undefined,
  tsquery: string,
  offset: number,
  executor: TExecutor,
): Promise<TImageCard[]> {
  const window = executor
    .select({ ...imageCardColumns, publishedAt: images.publishedAt, searchVector: images.searchVector })
    .from(images)
    .where(where)
    .orderBy(...newestFirst)
    .limit(RELEVANCE_WINDOW)
    .as('newest_matches');
  return executor
    .select({
      id: window.id,
      title: window.title,
      width: window.width,
      height: window.height,
      orientation: window.orientation,
      licenceModel: window.licenceModel,
      modelRelease: window.modelRelease,
    })
    .from(window)
    .orderBy(
      rankOf(sql`${window.searchVector}`, tsquery),
      sql`${window.publishedAt} desc nulls last`,
      sql`${window.id} desc nulls last`,
    )
    .limit(SEARCH_PAGE_SIZE)
    .offset(offset);
}
