import type { Metadata } from 'next';
import { PageHeader } from '@/app/account/_components/page-header';
import { requireStaff } from '@/lib/staff/require-staff';
import { usageFeatureNames, usageFeatures } from '@/lib/usage/usage-features';
import { usageStatistics } from '@/lib/usage/usage-statistics';

export const metadata: Metadata = { title: 'Usage statistics' };

const cell = 'px-2 py-1.5 text-right tabular-nums';

export default async function UsagePage() {
  await requireStaff('backoffice.enter', '/staff/usage');
  const statistics = await usageStatistics({ days: 30 });
  const anything = usageFeatureNames.some((name) => statistics.totals[name] > 0);
  return (
    <div className="space-y-8">
      <PageHeader title="Usage statistics">
        How often each function of the shop was used per day (UTC), over the last 30 days. Only counts are kept: no account, e-mail or IP address, and no cookie, so no count can be traced to a person. Counts are written every few seconds.
      </PageHeader>

      <section aria-labelledby="totals-heading">
        <h2 id="totals-heading" className="text-xl font-semibold text-ink">
          Last 30 days
        </h2>
        <dl className="mt-3 grid gap-3 sm:grid-cols-2 lg:grid-cols-5">
          {usageFeatureNames.map((name) => (
            <div key={name} className="rounded-lg border border-neutral-200 p-3">
              <dt className="text-sm text-neutral-700">{usageFeatures[name]}</dt>
              <dd className="mt-1 text-2xl font-semibold text-ink tabular-nums">{statistics.totals[name].toLocaleString('en-IE')}</dd>
            </div>
          ))}
        </dl>
      </section>

      <section aria-labelledby="daily-heading">
        <h2 id="daily-heading" className="text-xl font-semibold text-ink">
          Per day
        </h2>
        {anything ? (
          <div className="mt-3 overflow-x-auto rounded-lg border border-neutral-200" tabIndex={0} role="region" aria-labelledby="daily-heading">
            <table className="min-w-full text-sm">
              <caption className="sr-only">
                Uses per function and day, {statistics.from} to {statistics.to}, newest first
              </caption>
              <thead className="border-b border-neutral-300 bg-neutral-50 text-neutral-700">
                <tr>
                  <th scope="col" className="sticky left-0 bg-neutral-50 px-2 py-2 text-left font-medium">
                    Day
                  </th>
                  {usageFeatureNames.map((name) => (
                    <th key={name} scope="col" className="px-2 py-2 text-right align-bottom font-medium">
                      {usageFeatures[name]}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className="divide-y divide-neutral-200">
                {statistics.days.map((day) => (
                  <tr key={day.day}>
                    <th scope="row" className="sticky left-0 bg-white px-2 py-1.5 text-left font-medium whitespace-nowrap text-ink">
                      {day.day}
                    </th>
                    {usageFeatureNames.map((name) => (
                      <td key={name} className={`${cell} ${day.counts[name] === 0 ? 'text-neutral-600' : 'text-ink'}`}>
                        {day.counts[name]}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="mt-3 rounded-lg border border-dashed border-neutral-300 p-5 text-sm text-neutral-700">Nothing has been counted in the last 30 days.</p>
        )}
      </section>
    </div>
  );
}
