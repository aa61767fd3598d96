import type { Metadata } from 'next';
import Link from 'next/link';
import { PageHeader } from '@/app/account/_components/page-header';
import { linkClass } from '@/app/_components/link-class';
import { applyRetention, describeRetentionCount } from '@/lib/privacy/apply-retention';
import { describeInactiveAccountsDryRun, describeInactiveAccountsRun } from '@/lib/privacy/describe-inactive-accounts-outcome';
import { eraseInactiveAccounts } from '@/lib/privacy/erase-inactive-accounts';
import { inactiveAccountsBounds } from '@/lib/privacy/inactive-accounts-settings';
import { retentionPeriods } from '@/lib/privacy/retention-periods';
import { editableRetention, editableRetentionKeys, periodInWords, taxRecordMinimumDays } from '@/lib/privacy/retention-settings';
import { listRetentionRuns, type TRetentionRun } from '@/lib/privacy/run-retention';
import { getSetting } from '@/lib/settings/get-setting';
import { requireStaff } from '@/lib/staff/require-staff';
import { SettingForm } from '../_components/setting-form';
import { saveInactiveAccountsAction, saveRetentionPeriodsAction } from './actions';

export const metadata: Metadata = { title: 'Retention' };

const cell = 'py-2 pr-4 align-top';
const when = (value: Date) => `${value.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

export default async function RetentionPage({ searchParams }: { searchParams: Promise<{ preview?: string }> }) {
  await requireStaff('settings.manage', '/staff/retention');
  const showPreview = (await searchParams).preview === '1';
  const [periods, seller, runs, dryRun, inactive] = await Promise.all([
    retentionPeriods(),
    getSetting('seller.details'),
    listRetentionRuns(),
    showPreview ? applyRetention({ dryRun: true }) : Promise.resolve(null),
    getSetting('privacy.inactiveAccounts'),
  ]);
  // With the rule just read, so the dry run and the description above it cannot disagree.
  const inactiveDryRun = showPreview ? await eraseInactiveAccounts({ dryRun: true, rule: inactive }) : null;

  return (
    <div className="space-y-10">
      <PageHeader title="Retention">
        How long the shop keeps each kind of data. A daily job applies these periods at 05:15 UTC, and the privacy policy and the registration texts name them wherever they say {'{retention:…}'}, so the texts and the job always agree. Every change is recorded in the audit trail.
      </PageHeader>

      <section aria-labelledby="periods-heading" className="max-w-3xl space-y-4">
        <h2 id="periods-heading" className="text-xl font-semibold text-ink">
          Periods
        </h2>
        <SettingForm
          action={saveRetentionPeriodsAction}
          submitLabel="Save retention periods"
          fields={editableRetentionKeys.map((key) => {
            const { label, min, max } = editableRetention[key];
            const lowest = key === 'tax-record' ? Math.max(min, taxRecordMinimumDays(seller.countryCode)) : min;
            return {
              kind: 'text' as const,
              name: `privacy.retentionDays.${key}`,
              label: `${label} (days)`,
              hint: `Now ${periodInWords(periods[key])}. From ${lowest} to ${max} days${key === 'tax-record' ? `; the law of the seller's country (${seller.countryCode}) sets the minimum` : ''}. In texts: {retention:${key}}.`,
              value: String(periods[key]),
              numeric: true,
              className: 'max-w-xs',
            };
          })}
        />
      </section>

      <section aria-labelledby="inactive-heading" className="max-w-3xl space-y-4">
        <h2 id="inactive-heading" className="text-xl font-semibold text-ink">
          Inactive customer accounts
        </h2>
        <p className="text-neutral-700">
          {inactive.months === null
            ? 'Off: accounts are kept however long they go unused.'
            : `On: a customer account with no sign-in and no order for ${inactive.months} months is erased like a deletion the person asked for (receipt, invoices kept)${inactive.warnDays === null ? ', without a warning' : `, after a warning mailed ${inactive.warnDays} days before`}.`}{' '}
          Accounts with an unpaid invoice or a restriction are kept. A daily job applies it at 05:55 UTC and, while it is on, lists each run under Recent runs; the dry run below shows what it would do now. The privacy policy says so wherever it has {'{inactive-accounts}'}, and only while it is on.
        </p>
        <SettingForm
          action={saveInactiveAccountsAction}
          submitLabel="Save the inactive-accounts rule"
          fields={[
            {
              kind: 'text' as const,
              name: 'privacy.inactiveAccounts.months',
              label: 'Erase customer accounts inactive for (months)',
              hint: `Empty: off (the default). From ${inactiveAccountsBounds.months.min} to ${inactiveAccountsBounds.months.max} months. Activity is a sign-in, use of a signed-in session or an order.`,
              value: inactive.months === null ? '' : String(inactive.months),
              numeric: true,
              optional: true,
              className: 'max-w-xs',
            },
            {
              kind: 'text' as const,
              name: 'privacy.inactiveAccounts.warnDays',
              label: 'Warn by mail before erasing (days)',
              hint: `Empty: no warning. From ${inactiveAccountsBounds.warnDays.min} to ${inactiveAccountsBounds.warnDays.max} days. Signing in after the warning keeps the account.`,
              value: inactive.warnDays === null ? '' : String(inactive.warnDays),
              numeric: true,
              optional: true,
              className: 'max-w-xs',
            },
          ]}
        />
      </section>

      <section aria-labelledby="dry-run-heading" className="space-y-4">
        <h2 id="dry-run-heading" className="text-xl font-semibold text-ink">
          What the next run would do
        </h2>
        <p className="max-w-3xl text-neutral-700">
          A dry run counts, table by table, the rows the retention job would delete or redact now, and the customer accounts the inactive-accounts rule would warn or erase now (the same as <code>npm run privacy:retention -- --dry-run</code>). It mails, erases and changes nothing.
        </p>
        {dryRun && inactiveDryRun ? (
          <>
            <h3 className="text-lg font-semibold text-ink">Retention periods</h3>
            <ul className="space-y-1 font-mono text-sm" aria-label="Dry run">
              {dryRun.map((count) => (
                <li key={`${count.table}-${count.rule}-${count.action}-${count.who}`}>{describeRetentionCount(count, true)}</li>
              ))}
            </ul>
            <p className="text-sm text-neutral-700">{dryRun.reduce((sum, count) => sum + count.rows, 0)} rows in all.</p>
            <h3 className="text-lg font-semibold text-ink">Inactive-accounts rule</h3>
            {inactiveDryRun.enabled ? (
              <ul className="space-y-1 font-mono text-sm" aria-label="Accounts the inactive-accounts rule would warn or erase">
                {describeInactiveAccountsDryRun(inactiveDryRun, inactive.warnDays !== null).map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            ) : (
              <p className="max-w-3xl text-sm text-neutral-700">Inactive accounts are not warned or erased: the inactive-accounts rule is off.</p>
            )}
            <p className="text-sm text-neutral-700">
              Nothing was changed.{' '}
              <Link href="/staff/retention" className={linkClass}>
                Hide the dry run
              </Link>
            </p>
          </>
        ) : (
          <form method="get" action="/staff/retention">
            <input type="hidden" name="preview" value="1" />
            <button type="submit" className="inline-flex min-h-11 items-center rounded-md border border-neutral-500 bg-white px-4 py-2 text-sm font-semibold text-ink shadow-sm hover:bg-neutral-50">
              Show a dry run
            </button>
          </form>
        )}
      </section>

      <section aria-labelledby="runs-heading" className="space-y-4">
        <h2 id="runs-heading" className="text-xl font-semibold text-ink">
          Recent runs
        </h2>
        {runs.length === 0 ? (
          <p className="text-neutral-700">
            No run yet. The daily retention job and <code>npm run privacy:retention</code> are listed here, and, while it is on, the runs of the inactive-accounts rule (its daily job and the same command).
          </p>
        ) : (
          <div className="overflow-x-auto">
            <table className="min-w-full text-left text-sm">
              <caption className="sr-only">Runs of the retention job and of the inactive-accounts rule, newest first</caption>
              <thead className="border-b border-neutral-300 text-neutral-700">
                <tr>
                  <th scope="col" className="py-2 pr-4 font-medium">Started</th>
                  <th scope="col" className="py-2 pr-4 font-medium">Job</th>
                  <th scope="col" className="py-2 pr-4 font-medium">By</th>
                  <th scope="col" className="py-2 pr-4 font-medium">Outcome</th>
                  <th scope="col" className="py-2 pr-4 font-medium">Changes</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-neutral-200">
                {runs.map((run) => (
                  <tr key={run.id}>
                    <td className={`${cell} whitespace-nowrap`}>{when(run.startedAt)}</td>
                    <td className={cell}>{run.job === 'inactive-accounts' ? 'Inactive accounts' : 'Retention periods'}</td>
                    <td className={cell}>{run.trigger === 'schedule' ? 'Daily job' : 'Command'}</td>
                    <td className={cell}>{run.failure ? `Failed (${run.failure})` : run.finishedAt ? `Finished ${when(run.finishedAt)}` : 'Running or stopped'}</td>
                    <td className={cell}>
                      {run.job === 'inactive-accounts' ? (
                        <InactiveAccountsRunCounts counts={run.accountCounts} />
                      ) : (
                        <RetentionRunCounts run={run} />
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}

/** A retention run: rows changed in all, then one line per table and rule that changed rows. */
function RetentionRunCounts({ run }: { run: TRetentionRun }) {
  return (
    <>
      {run.totalRows} rows
      {run.counts.some((count) => count.rows > 0) ? (
        <ul className="mt-1 text-neutral-700">
          {run.counts
            .filter((count) => count.rows > 0)
            .map((count) => (
              <li key={`${count.table}-${count.rule}-${count.action}-${count.who}`}>{describeRetentionCount(count as Parameters<typeof describeRetentionCount>[0])}</li>
            ))}
        </ul>
      ) : null}
    </>
  );
}

/** A run of the inactive-accounts rule: what it did to accounts (a run that stopped has no counts). */
function InactiveAccountsRunCounts({ counts }: { counts: TRetentionRun['accountCounts'] }) {
  if (!counts) return null;
  const lines = describeInactiveAccountsRun(counts);
  if (lines.length === 0) return <>No account warned or erased</>;
  return (
    <ul className="text-neutral-700">
      {lines.map((line) => (
        <li key={line}>{line}</li>
      ))}
    </ul>
  );
}
