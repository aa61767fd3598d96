import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { linkClass } from '@/app/_components/link-class';
import { requireUser } from '@/lib/auth/guards';
import { formatCount } from '@/lib/format/number';
import { getMyDataTable, type TShownValue } from '@/lib/privacy/get-my-data-table';
import { PageHeader } from '../../_components/page-header';
import { Timestamp } from '../../_components/timestamp';
import { GroupFacts } from '../group-facts';

export const metadata: Metadata = { title: 'My data' };

type TProps = { params: Promise<{ table: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Ids, addresses and short values stay on one line; the table scrolls instead. Longer text wraps. */
const SHORT_TEXT = 40;

function Cell({ value }: { value: TShownValue }) {
  switch (value.kind) {
    case 'empty':
      return (
        <>
          <span aria-hidden="true" className="text-neutral-500">
            –
          </span>
          <span className="sr-only">Empty</span>
        </>
      );
    case 'stored':
      return <span className="text-neutral-700 italic">Stored, not shown</span>;
    case 'time':
      return (
        <span className="whitespace-nowrap">
          <Timestamp value={value.value} />
        </span>
      );
    case 'date':
      return (
        <span className="whitespace-nowrap">
          <Timestamp value={value.value} dateOnly />
        </span>
      );
    case 'text':
      return value.text.length <= SHORT_TEXT ? <span className="whitespace-nowrap">{value.text}</span> : <>{value.text}</>;
  }
}

function Pager({ table, page, pageCount, label }: { table: string; page: number; pageCount: number; label: string }) {
  if (pageCount <= 1) return null;
  const href = (target: number) => `/account/data/${table}?page=${target}`;
  return (
    <nav aria-label={label} className="flex flex-wrap items-center gap-4 text-sm">
      {page > 1 ? (
        <Link href={href(page - 1)} className={linkClass} rel="prev">
          ← Previous page
        </Link>
      ) : null}
      <span className="text-neutral-700">
        Page {page} of {pageCount}
      </span>
      {page < pageCount ? (
        <Link href={href(page + 1)} className={linkClass} rel="next">
          Next page →
        </Link>
      ) : null}
    </nav>
  );
}

/** One group of the person's data, every entry, a page at a time; a table outside the map is a 404. */
export default async function MyDataGroupPage({ params, searchParams }: TProps) {
  const { table: requested } = await params;
  const actor = await requireUser(`/account/data/${encodeURIComponent(requested)}`);
  const found = await getMyDataTable(actor, { table: requested, page: (await searchParams).page });
  if (!found) notFound();
  const { group, columns, rows, page, pageCount } = found;

  return (
    <div className="space-y-8">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href="/account/data" className={linkClass}>
          ← My data
        </Link>
      </nav>
      <PageHeader title={group.title}>
        <p>{group.purpose}</p>
      </PageHeader>

      <section aria-label="Why we hold it" className="max-w-4xl rounded-lg border border-neutral-200 bg-neutral-50 p-5">
        <p className="text-sm font-medium text-ink">
          {group.rowCount === 0 ? 'Nothing held about you' : group.rowCount === 1 ? '1 entry about you' : `${formatCount(group.rowCount)} entries about you`}
        </p>
        <GroupFacts group={group} />
      </section>

      {rows.length === 0 ? (
        <p className="max-w-3xl rounded-lg border border-dashed border-neutral-300 p-5 text-sm text-neutral-700">
          We hold nothing about you in this group.
        </p>
      ) : (
        <div className="space-y-4">
          <Pager table={group.table} page={page} pageCount={pageCount} label="Pages (above the table)" />
          {/* Positioned, so the screen-reader texts in the cells (absolutely placed) scroll with the table instead of widening the page. */}
          <div className="relative overflow-x-auto rounded-lg border border-neutral-200" tabIndex={0} role="region" aria-labelledby="data-caption">
            <table className="min-w-full text-left text-sm">
              <caption id="data-caption" className="sr-only">
                {group.title}: your entries{pageCount > 1 ? `, page ${page} of ${pageCount}` : ''}
              </caption>
              <thead className="bg-neutral-50 text-neutral-700">
                <tr>
                  {columns.map((column) => (
                    <th key={column.name} scope="col" className="px-4 py-2 font-medium whitespace-nowrap">
                      {column.heading}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className="divide-y divide-neutral-200">
                {rows.map((row, rowIndex) => (
                  <tr key={rowIndex}>
                    {row.map((value, columnIndex) => (
                      <td key={columns[columnIndex]!.name} className="max-w-md px-4 py-2 align-top break-words">
                        <Cell value={value} />
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager table={group.table} page={page} pageCount={pageCount} label="Pages (below the table)" />
        </div>
      )}
    </div>
  );
}
