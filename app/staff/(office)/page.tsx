import type { Metadata } from 'next';
import Link from 'next/link';
import { linkClass } from '@/app/_components/link-class';
import { Timestamp } from '@/app/account/_components/timestamp';
import { PageHeader } from '@/app/account/_components/page-header';
import { staffSectionsFor } from '@/lib/staff/navigation';
import { requireStaff } from '@/lib/staff/require-staff';
import { staffDashboard } from '@/lib/staff/staff-dashboard';

export const metadata: Metadata = { title: 'Dashboard' };

function Figure({ label, value, href }: { label: string; value: number; href: string }) {
  return (
    <div className="rounded-lg border border-neutral-200 p-4">
      <dt className="text-sm text-neutral-700">{label}</dt>
      <dd className="mt-1 text-2xl font-semibold text-ink">
        <Link href={href} className="hover:text-brand-800">
          {value}
        </Link>
      </dd>
    </div>
  );
}

export default async function StaffDashboardPage() {
  const actor = await requireStaff('backoffice.enter', '/staff');
  const dashboard = await staffDashboard(actor);
  const sections = staffSectionsFor(actor.role).filter((section) => section.href !== '/staff');
  return (
    <div className="space-y-10">
      <PageHeader title="Dashboard">Welcome, {actor.fullName}.</PageHeader>

      {dashboard.security ? (
        <section aria-labelledby="attention" className="max-w-4xl">
          <h2 id="attention" className="text-lg font-semibold text-ink">
            Needs attention
          </h2>
          <dl className="mt-3 grid gap-4 sm:grid-cols-3">
            <Figure label="Blocked addresses now" value={dashboard.security.activeBlocks.length} href="/staff/access-log#blocks" />
            <Figure label="Failed sign-ins, last 24 hours" value={dashboard.security.failedSignInsLastDay} href="/staff/access-log?outcome=invalid" />
            <Figure label="Refused staff requests, last 24 hours" value={dashboard.security.refusedStaffRequestsLastDay} href="/staff/access-log?kind=staff_request" />
          </dl>
          {dashboard.security.activeBlocks.length > 0 ? (
            <ul className="mt-4 divide-y divide-neutral-200 rounded-lg border border-neutral-200 text-sm">
              {dashboard.security.activeBlocks.slice(0, 5).map((block) => (
                <li key={block.id} className="flex flex-wrap justify-between gap-2 px-4 py-2">
                  <span className="font-mono text-ink">{block.network}</span>
                  <span className="text-neutral-700">
                    {block.source === 'automatic' ? 'After repeated failures' : 'Blocked by an admin'} ·{' '}
                    {block.blockedUntil ? (
                      <>
                        until <Timestamp value={block.blockedUntil} />
                      </>
                    ) : (
                      'for good'
                    )}
                  </span>
                </li>
              ))}
            </ul>
          ) : null}
        </section>
      ) : null}

      <section aria-labelledby="sections" className="max-w-4xl">
        <h2 id="sections" className="text-lg font-semibold text-ink">
          Your sections
        </h2>
        {sections.length > 0 ? (
          <ul className="mt-3 space-y-2">
            {sections.map((section) => (
              <li key={section.href}>
                <Link href={section.href} className={linkClass}>
                  {section.label}
                </Link>
              </li>
            ))}
          </ul>
        ) : (
          <p className="mt-3 rounded-lg border border-dashed border-neutral-300 p-5 text-sm text-neutral-700">
            The back-office sections for your role arrive with the shop&apos;s next features (orders, catalog and data-subject requests).
          </p>
        )}
      </section>
    </div>
  );
}
