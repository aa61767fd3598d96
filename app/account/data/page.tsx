import type { Metadata } from 'next';
import Link from 'next/link';
import { linkClass } from '@/app/_components/link-class';
import { requireUser } from '@/lib/auth/guards';
import { formatCount } from '@/lib/format/number';
import { getLatestDataExport, type TLatestDataExport } from '@/lib/privacy/latest-data-export';
import { listMyData, type TMyDataGroup } from '@/lib/privacy/list-my-data';
import { formatDateTime } from '../_components/format';
import { PageHeader } from '../_components/page-header';
import { ExportPanel, type TDataExportView } from './export-panel';
import { GroupFacts } from './group-facts';

export const metadata: Metadata = { title: 'My data' };

const megabytes = new Intl.NumberFormat('en-IE', { style: 'unit', unit: 'megabyte', maximumFractionDigits: 1 });

function exportView(latest: TLatestDataExport): TDataExportView {
  if (latest.status !== 'ready') return latest;
  return {
    status: 'ready',
    href: latest.href,
    size: megabytes.format(Math.max(0.1, latest.bytes / 1_000_000)),
    expiresAt: formatDateTime(latest.expiresAt),
    expiresAtIso: latest.expiresAt.toISOString(),
  };
}

function GroupItem({ group }: { group: TMyDataGroup }) {
  const headingId = `group-${group.table}`;
  return (
    <li>
      <article aria-labelledby={headingId} className="h-full rounded-lg border border-neutral-200 p-5">
        <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
          <h2 id={headingId} className="text-lg font-semibold text-ink">
            {group.rowCount > 0 ? (
              <Link href={`/account/data/${group.table}`} className={linkClass}>
                {group.title}
              </Link>
            ) : (
              group.title
            )}
          </h2>
          <p className="text-sm text-neutral-700">
            {group.rowCount === 0 ? 'Nothing held' : group.rowCount === 1 ? '1 entry' : `${formatCount(group.rowCount)} entries`}
          </p>
        </div>
        <p className="mt-1 text-sm text-ink">{group.purpose}</p>
        <GroupFacts group={group} />
      </article>
    </li>
  );
}

/** Everything the shop holds about the signed-in person, one group per table of the personal-data map. */
export default async function MyDataPage() {
  const actor = await requireUser('/account/data');
  const [groups, { latest, keptDays }] = await Promise.all([listMyData(actor), getLatestDataExport(actor)]);
  const held = groups.filter((group) => group.rowCount > 0);
  const notHeld = groups.filter((group) => group.rowCount === 0);

  return (
    <div className="space-y-10">
      <PageHeader title="My data">
        <p>
          Everything this shop holds about you, grouped by where it is stored. Each group says why we hold it, on which
          legal basis and how long it is kept; open a group to see every entry in it.
        </p>
        <p className="mt-2 text-sm">
          Passwords, the codes in links we send and other secrets are never shown, not even to you: this page only says
          that one is stored.
        </p>
        <p className="mt-2 text-sm">
          To have it erased, see{' '}
          <Link href="/account/delete" className={linkClass}>
            what deleting your account would erase and keep
          </Link>
          .
        </p>
      </PageHeader>

      <section aria-labelledby="export-heading" className="space-y-4">
        <h2 id="export-heading" className="text-xl font-semibold text-ink">
          Download my data
        </h2>
        <p className="max-w-3xl text-ink">
          A copy of everything listed below in one ZIP: a spreadsheet file (CSV) for each group, the same in one JSON file for
          moving it to another service, a page explaining each file, and your invoices and credit notes as PDFs. Secrets are
          left out, as on this page. We prepare it in the background and e-mail you when it is ready; you download it here.
        </p>
        <ExportPanel email={actor.email} latest={exportView(latest)} keptDays={keptDays} />
      </section>

      <section aria-labelledby="held-heading" className="space-y-4">
        <h2 id="held-heading" className="text-xl font-semibold text-ink">
          What we hold about you
        </h2>
        <ul className="grid gap-4 xl:grid-cols-2">
          {held.map((group) => (
            <GroupItem key={group.table} group={group} />
          ))}
        </ul>
      </section>

      {notHeld.length > 0 ? (
        <section aria-labelledby="not-held-heading" className="space-y-4">
          <h2 id="not-held-heading" className="text-xl font-semibold text-ink">
            What we could hold, but hold nothing of about you
          </h2>
          <ul className="grid gap-4 xl:grid-cols-2">
            {notHeld.map((group) => (
              <GroupItem key={group.table} group={group} />
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
