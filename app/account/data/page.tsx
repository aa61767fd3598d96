import type { Metadata } from 'next';
import Link from 'next/link';
import { linkClass } from '@/app/_components/link-class';
import { requireUser } from '@/lib/auth/guards';
import { formatCount } from '@/lib/format/number';
import { listMyData, type TMyDataGroup } from '@/lib/privacy/list-my-data';
import { PageHeader } from '../_components/page-header';
import { GroupFacts } from './group-facts';

export const metadata: Metadata = { title: 'My data' };

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
  const groups = await listMyData(actor);
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
      </PageHeader>

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
