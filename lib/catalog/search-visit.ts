import 'server-only';
import { hasFilters, type TSearchQuery } from './search-query';

export type TSearchVisit = { kind: 'search'; searchQuery: string; searchFilters: Record<string, string> };

/**
 * What a search page view records in the visitor's activity. A search is recorded once, on its
 * first page (paging through it is the same search), and browsing without words or filters is not
 * a search at all. Shared by the page and by the page cache, which serves repeats without the page.
 */
export function searchVisitOf(query: TSearchQuery): TSearchVisit | null {
  if (query.page !== 1 || (query.q === '' && !hasFilters(query))) return null;
  const filters: Record<string, string> = {};
  for (const key of ['orientation', 'licence', 'people', 'release'] as const) {
    const value = query[key];
    if (value) filters[key] = value;
  }
  if (query.q) filters.sort = query.sort;
  return { kind: 'search', searchQuery: query.q, searchFilters: filters };
}
