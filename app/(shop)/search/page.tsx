import type { Metadata } from 'next';
import Link from 'next/link';
import { recordVisit } from '@/lib/activity/record-visit';
import { searchImages, type TSearchResult } from '@/lib/catalog/search-images';
import { searchVisitOf } from '@/lib/catalog/search-visit';
import { hasFilters, parseSearchQuery, searchHref, SORTS, type TSearchQuery } from '@/lib/catalog/search-query';
import { formatCount, formatImageCount } from '@/lib/format/number';
import { NOT_SHARED } from '@/lib/server/page-cache';
import { ImageGrid } from '../_components/image-grid';
import { Pagination } from '../_components/pagination';
import { SearchBox } from '../_components/search-box';
import { SearchFilters } from '../_components/search-filters';

type TProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const FORM_ID = 'search-form';

const sortLabel: Record<TSearchQuery['sort'], string> = { relevance: 'Best match', newest: 'Newest first' };

export async function generateMetadata({ searchParams }: TProps): Promise<Metadata> {
  const query = parseSearchQuery(await searchParams);
  return {
    title: query.q ? `“${query.q}” images` : 'Browse images',
    // A page of results is not a page to index; the images are.
    robots: { index: false, follow: true },
  };
}

export default async function SearchPage({ searchParams }: TProps) {
  const query = parseSearchQuery(await searchParams);
  const result = await searchImages(query);
  const visit = searchVisitOf(query);
  if (visit) await recordVisit(visit);

  const showsWords = query.q !== '' && !result.textIgnored;

  return (
    <div className="mx-auto max-w-7xl px-4 py-6 sm:px-6 sm:py-8">
      <div className="max-w-3xl">
        <SearchBox formId={FORM_ID} defaultValue={query.q} />
      </div>

      <div className="mt-8 flex flex-wrap items-end justify-between gap-4 border-b border-neutral-200 pb-4">
        <div className="min-w-0">
          <h1 className="break-words text-2xl font-semibold tracking-tight text-ink">
            {showsWords ? <>Images for “{query.q}”</> : 'All images'}
          </h1>
          <p className="mt-1 text-sm text-neutral-700">{describeCount(result)}</p>
        </div>
        {showsWords ? <SortControl query={query} /> : null}
      </div>

      <div className="mt-6 lg:grid lg:grid-cols-[14rem_minmax(0,1fr)] lg:gap-10">
        <SearchFilters query={query} formId={FORM_ID} />

        <section aria-labelledby="results-heading" className="mt-6 lg:mt-0">
          <h2 id="results-heading" className="sr-only">
            Results
          </h2>
          {result.textIgnored ? (
            <p className="mb-6 rounded-lg bg-brand-50 px-4 py-3 text-sm text-ink">
              “{query.q}” holds only very common words, which search ignores, so here are all images, newest first.
            </p>
          ) : null}
          {result.totalIsCapped && showsWords && query.sort === 'relevance' ? (
            <p className="mb-6 text-sm text-neutral-700">
              So many images match that the best matches among the most recent come first. Add a word or a filter to narrow
              the search.
            </p>
          ) : null}
          <Results query={query} result={result} />
          <Pagination query={query} pageCount={result.pageCount} />
        </section>
      </div>
    </div>
  );
}

function describeCount(result: TSearchResult): string {
  if (result.totalIsCapped) return `${formatCount(result.total)}+ images`;
  return formatImageCount(result.total);
}

function SortControl({ query }: { query: TSearchQuery }) {
  return (
    <div className="flex items-end gap-2">
      <div>
        <label htmlFor="search-sort" className="mb-1 block text-sm font-medium text-ink">
          Sort by
        </label>
        <select
          id="search-sort"
          name="sort"
          form={FORM_ID}
          defaultValue={query.sort}
          className="min-h-11 rounded-lg border border-neutral-400 bg-white px-3 text-sm text-ink"
        >
          {SORTS.map((sort) => (
            <option key={sort} value={sort}>
              {sortLabel[sort]}
            </option>
          ))}
        </select>
      </div>
      <button
        type="submit"
        form={FORM_ID}
        className="min-h-11 rounded-lg border border-neutral-400 px-4 text-sm font-semibold text-ink hover:border-brand-600 hover:text-brand-700"
      >
        Sort
      </button>
    </div>
  );
}

function Results({ query, result }: { query: TSearchQuery; result: TSearchResult }) {
  if (result.items.length > 0) return <ImageGrid images={result.items} eagerCount={4} />;

  // Words that find nothing are often not about the catalogue at all (a person's name, say). Such a
  // page is never served from the guest page cache, where a quick answer would tell the next visitor
  // asking the same words that someone had just searched for them.
  const notShared = query.q ? NOT_SHARED : {};

  if (result.total > 0) {
    // A page past the end, e.g. an old link after images were unpublished.
    return (
      <div className="rounded-lg border border-neutral-200 p-6" {...notShared}>
        <h3 className="text-lg font-semibold text-ink">There is no page {formatCount(query.page)} for this search</h3>
        <p className="mt-2 text-neutral-700">
          The results end on page {formatCount(result.pageCount)}.{' '}
          <Link href={searchHref(query, { page: result.pageCount })} className="font-medium text-brand-700 underline underline-offset-2">
            Go to the last page
          </Link>
        </p>
      </div>
    );
  }

  const searched = (query.q !== '' && !result.textIgnored) || hasFilters(query);
  if (!searched) {
    return (
      <div className="rounded-lg border border-dashed border-neutral-300 p-10 text-center">
        <h3 className="text-lg font-semibold text-ink">No images yet</h3>
        <p className="mt-2 text-neutral-700">Images appear here as soon as they are published. Please come back soon.</p>
      </div>
    );
  }

  return (
    <div className="rounded-lg border border-neutral-200 p-6 sm:p-8" {...notShared}>
      <h3 className="break-words text-lg font-semibold text-ink">
        No images match {query.q ? <>“{query.q}”</> : 'these filters'}
      </h3>
      <p className="mt-2 text-neutral-700">Some things to try:</p>
      <ul className="mt-2 list-disc space-y-1 pl-6 text-neutral-700">
        {query.q ? <li>Check the spelling, or use fewer or more general words.</li> : null}
        {query.q ? <li>Search for one alternative or another: “beach or coast”.</li> : null}
        {hasFilters(query) ? (
          <li>
            <Link
              href={searchHref(query, { orientation: undefined, licence: undefined, people: undefined, release: undefined, page: 1 })}
              className="font-medium text-brand-700 underline underline-offset-2"
            >
              Clear the filters
            </Link>{' '}
            and search {query.q ? <>for “{query.q}” </> : null}again.
          </li>
        ) : null}
        <li>
          <Link href="/search" className="font-medium text-brand-700 underline underline-offset-2">
            Browse all images
          </Link>
          , newest first.
        </li>
      </ul>
    </div>
  );
}
