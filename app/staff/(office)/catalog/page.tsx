import type { Metadata } from 'next';
import Link from 'next/link';
import { linkClass } from '@/app/_components/link-class';
import { PageHeader } from '@/app/account/_components/page-header';
import { Timestamp } from '@/app/account/_components/timestamp';
import { LICENCE_MODEL_LABELS } from '@/lib/catalog/staff/image-details-form';
import { listCatalogImages, ZCatalogListQuery, type TCatalogListRow } from '@/lib/catalog/staff/list-catalog-images';
import { requireStaff } from '@/lib/staff/require-staff';

export const metadata: Metadata = { title: 'Catalog' };

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? '';

const STATUSES = [
  { value: 'all', label: 'All images' },
  { value: 'published', label: 'Published' },
  { value: 'unpublished', label: 'Unpublished' },
];

type TProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function CatalogPage({ searchParams }: TProps) {
  const actor = await requireStaff('catalog.manage', '/staff/catalog');
  const params = await searchParams;
  const raw = { q: first(params.q), status: first(params.status) || 'all', page: first(params.page) || '1' };
  const query = ZCatalogListQuery.safeParse(raw);
  const error = query.success ? undefined : query.error.issues[0]?.message;
  const result = query.success ? await listCatalogImages(actor, query.data) : null;
  const pageHref = (page: number) => `/staff/catalog?${new URLSearchParams({ q: raw.q, status: raw.status, page: String(page) })}`;

  return (
    <div className="space-y-8">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <PageHeader title="Catalog">Every image, published or not, most recently changed first. Open one to edit its details and price list, or to publish or withdraw it.</PageHeader>
        <div className="flex flex-wrap gap-3">
          <Link href="/staff/catalog/new" className="inline-flex min-h-11 items-center rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800">
            Upload an image
          </Link>
          <Link href="/staff/catalog/price-lists" className="inline-flex min-h-11 items-center rounded-md border border-neutral-500 bg-white px-4 py-2 text-sm font-semibold text-ink hover:bg-neutral-50">
            Price lists
          </Link>
        </div>
      </div>

      <form method="get" role="search" aria-label="Catalog" className="flex flex-wrap items-end gap-4" noValidate>
        <div className="w-full max-w-md">
          <label htmlFor="catalog-search" className="block text-sm font-medium text-ink">
            Title or image id
          </label>
          <input
            id="catalog-search"
            name="q"
            type="search"
            defaultValue={raw.q}
            maxLength={100}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'catalog-search-error' : undefined}
            className={`mt-1 block w-full rounded-md border bg-white px-3 py-2 text-base text-ink ${error ? 'border-red-700' : 'border-neutral-500'}`}
          />
          {error ? (
            <p id="catalog-search-error" className="mt-1 text-sm font-medium text-red-700">
              <span className="sr-only">Error: </span>
              {error}
            </p>
          ) : null}
        </div>
        <div>
          <label htmlFor="catalog-status" className="block text-sm font-medium text-ink">
            Show
          </label>
          <select id="catalog-status" name="status" defaultValue={raw.status} className="mt-1 block rounded-md border border-neutral-500 bg-white px-3 py-2 text-base text-ink">
            {STATUSES.map((status) => (
              <option key={status.value} value={status.value}>
                {status.label}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="min-h-11 rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800">
          Search
        </button>
      </form>

      {!result ? (
        <p className="rounded-lg border border-dashed border-neutral-300 p-5 text-sm text-neutral-700">Correct the search to see images.</p>
      ) : result.rows.length === 0 ? (
        <p className="rounded-lg border border-dashed border-neutral-300 p-5 text-sm text-neutral-700">
          {result.page > 1 ? 'No more images match.' : raw.q || raw.status !== 'all' ? 'No image matches this search.' : 'The catalog is empty: upload the first image.'}
        </p>
      ) : (
        <ResultsTable rows={result.rows} page={result.page} />
      )}

      {result && (result.page > 1 || result.hasMore) ? (
        <nav aria-label="Result pages" className="flex gap-6">
          {result.page > 1 ? (
            <Link href={pageHref(result.page - 1)} className={linkClass}>
              Previous page
            </Link>
          ) : null}
          {result.hasMore ? (
            <Link href={pageHref(result.page + 1)} className={linkClass}>
              Next page
            </Link>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}

function ResultsTable({ rows, page }: { rows: TCatalogListRow[]; page: number }) {
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full text-left text-sm">
        <caption className="sr-only">Images, most recently changed first, page {page}</caption>
        <thead className="border-b border-neutral-300 text-neutral-700">
          <tr>
            <th scope="col" className="py-2 pr-4 font-medium">Id</th>
            <th scope="col" className="py-2 pr-4 font-medium">Title</th>
            <th scope="col" className="py-2 pr-4 font-medium">Status</th>
            <th scope="col" className="py-2 pr-4 font-medium">Licence</th>
            <th scope="col" className="py-2 pr-4 font-medium">Size</th>
            <th scope="col" className="py-2 pr-4 font-medium">Changed</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-neutral-200">
          {rows.map((row) => (
            <tr key={row.id}>
              <td className="py-2 pr-4 tabular-nums">{row.id}</td>
              <th scope="row" className="py-2 pr-4 font-medium">
                <Link href={`/staff/catalog/${row.id}`} className={linkClass}>
                  {row.title}
                </Link>
              </th>
              <td className="py-2 pr-4">
                {row.published ? (
                  <span className="rounded-full bg-brand-50 px-2 py-0.5 text-brand-800">Published</span>
                ) : (
                  <span className="rounded-full bg-neutral-100 px-2 py-0.5 text-neutral-800">Unpublished</span>
                )}
              </td>
              <td className="py-2 pr-4">{LICENCE_MODEL_LABELS[row.licenceModel]}</td>
              <td className="py-2 pr-4 whitespace-nowrap tabular-nums">
                {row.width} × {row.height}
              </td>
              <td className="py-2 pr-4 whitespace-nowrap">
                <Timestamp value={row.updatedAt} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
