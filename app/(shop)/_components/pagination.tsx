import Link from 'next/link';
import { searchHref, type TSearchQuery } from '@/lib/catalog/search-query';

/** 1 … 4 5 [6] 7 8 … 20: the first and last pages, and two either side of the current one. */
export function pagesToShow(current: number, pageCount: number): (number | 'gap')[] {
  const pages = new Set([1, pageCount, current - 2, current - 1, current, current + 1, current + 2]);
  const sorted = [...pages].filter((page) => page >= 1 && page <= pageCount).sort((a, b) => a - b);
  const result: (number | 'gap')[] = [];
  for (const page of sorted) {
    const previous = result.at(-1);
    if (typeof previous === 'number' && page - previous === 2) result.push(previous + 1);
    else if (typeof previous === 'number' && page - previous > 2) result.push('gap');
    result.push(page);
  }
  return result;
}

const linkClass =
  'inline-flex min-h-11 min-w-11 items-center justify-center rounded-md border border-neutral-300 px-3 text-sm font-medium text-ink hover:border-brand-600 hover:text-brand-700';

/** Previous / next and page numbers; every link keeps the whole query. Renders nothing for a single page. */
export function Pagination({ query, pageCount }: { query: TSearchQuery; pageCount: number }) {
  if (pageCount <= 1) return null;
  const current = query.page;
  const hasPrevious = current > 1;
  const hasNext = current < pageCount;
  return (
    <nav aria-label="Pages of results" className="mt-10 flex flex-wrap items-center justify-center gap-2">
      {hasPrevious ? (
        <Link href={searchHref(query, { page: Math.min(current - 1, pageCount) })} rel="prev" className={linkClass}>
          <span aria-hidden="true">←&nbsp;</span>Previous
        </Link>
      ) : null}
      <ul className="flex flex-wrap items-center gap-1">
        {pagesToShow(Math.min(current, pageCount), pageCount).map((page, index) =>
          page === 'gap' ? (
            <li key={`gap-${index}`} aria-hidden="true" className="px-1 text-neutral-600">
              …
            </li>
          ) : (
            <li key={page}>
              {page === current ? (
                <Link
                  href={searchHref(query, { page })}
                  aria-current="page"
                  aria-label={`Page ${page}`}
                  className={`${linkClass} border-brand-700 bg-brand-700 text-white hover:text-white`}
                >
                  {page}
                </Link>
              ) : (
                <Link href={searchHref(query, { page })} aria-label={`Page ${page}`} className={linkClass}>
                  {page}
                </Link>
              )}
            </li>
          ),
        )}
      </ul>
      {hasNext ? (
        <Link href={searchHref(query, { page: current + 1 })} rel="next" className={linkClass}>
          Next<span aria-hidden="true">&nbsp;→</span>
        </Link>
      ) : null}
    </nav>
  );
}
