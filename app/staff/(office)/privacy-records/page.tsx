import type { Metadata } from 'next';
import { PageHeader } from '@/app/account/_components/page-header';
import { PrintButton } from '@/app/_components/invoices/print-button';
import { readProcessingRecord } from '@/lib/privacy/read-processing-record';
import { requireStaff } from '@/lib/staff/require-staff';

export const metadata: Metadata = { title: 'Record of processing' };

const cell = 'py-2 pr-4 align-top';

export default async function PrivacyRecordsPage() {
  const actor = await requireStaff('privacy.requests', '/staff/privacy-records');
  const record = await readProcessingRecord(actor);
  const { controller } = record;
  return (
    <div className="space-y-10">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <PageHeader title="Record of processing activities">
          The register article 30(1) GDPR asks of a controller, built from the personal-data map the code is checked against and from the seller details in Settings. The same record is printed by <code>npm run privacy:records</code>.
        </PageHeader>
        <div className="print:hidden">
          <PrintButton />
        </div>
      </div>

      <section aria-labelledby="controller" className="max-w-3xl">
        <h2 id="controller" className="text-xl font-semibold text-ink">
          Controller
        </h2>
        <dl className="mt-3 grid grid-cols-[minmax(8rem,14rem)_1fr] gap-x-4 gap-y-2 text-base">
          <dt className="font-medium text-neutral-700">Name</dt>
          <dd>{controller.name}</dd>
          <dt className="font-medium text-neutral-700">Address</dt>
          <dd className="whitespace-pre-line">{controller.address.trim() || 'Not set (Settings, seller details)'}</dd>
          <dt className="font-medium text-neutral-700">Country</dt>
          <dd>{controller.countryCode}</dd>
          <dt className="font-medium text-neutral-700">VAT number</dt>
          <dd>{controller.vatNumber || 'Not set'}</dd>
          <dt className="font-medium text-neutral-700">Contact (security address)</dt>
          <dd>{controller.contact}</dd>
        </dl>
      </section>

      <section aria-labelledby="recipients" className="max-w-3xl">
        <h2 id="recipients" className="text-xl font-semibold text-ink">
          Recipients
        </h2>
        <ul className="mt-3 list-disc space-y-1 pl-5">
          {record.recipients.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
        <h2 className="mt-8 text-xl font-semibold text-ink">Transfers outside the EU</h2>
        <p className="mt-3">{record.transfersOutsideEu}</p>
        <h2 className="mt-8 text-xl font-semibold text-ink">Technical and organisational measures (art. 32)</h2>
        <ul className="mt-3 list-disc space-y-1 pl-5">
          {record.securityMeasures.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="activities">
        <h2 id="activities" className="text-xl font-semibold text-ink">
          Processing activities ({record.activities.length})
        </h2>
        <div className="mt-4 space-y-8">
          {record.activities.map((activity) => (
            <article key={activity.table} aria-labelledby={`activity-${activity.table}`} className="break-inside-avoid rounded-lg border border-neutral-200 p-5">
              <h3 id={`activity-${activity.table}`} className="text-lg font-semibold text-ink">
                {activity.purpose}
              </h3>
              <p className="mt-1 text-sm text-neutral-700">
                Table <code>{activity.table}</code> · Data subjects: {activity.dataSubjects.map((subject) => subject.description).join('; ')}
              </p>
              <div className="mt-4 overflow-x-auto">
                <table className="min-w-full text-left text-sm">
                  <caption className="sr-only">Personal data, legal basis and retention of {activity.table}</caption>
                  <tbody className="divide-y divide-neutral-200">
                    <tr>
                      <th scope="row" className={`${cell} w-40 font-medium text-neutral-700`}>
                        Personal data
                      </th>
                      <td className={cell}>
                        <ul className="space-y-1">
                          {activity.dataCategories.map((category) => (
                            <li key={category.category}>
                              {category.description} <span className="text-neutral-700">({category.columns.join(', ')})</span>
                            </li>
                          ))}
                        </ul>
                      </td>
                    </tr>
                    <tr>
                      <th scope="row" className={`${cell} font-medium text-neutral-700`}>
                        Legal basis
                      </th>
                      <td className={cell}>
                        <ul className="space-y-1">
                          {activity.legalBases.map((basis) => (
                            <li key={basis.basis}>
                              {basis.article}. For: <span className="text-neutral-700">{basis.purposes.join('; ')}</span>
                            </li>
                          ))}
                        </ul>
                      </td>
                    </tr>
                    <tr>
                      <th scope="row" className={`${cell} font-medium text-neutral-700`}>
                        Retention
                      </th>
                      <td className={cell}>
                        <ul className="space-y-1">
                          {activity.retention.map((rule) => (
                            <li key={rule.rule}>{rule.description}</li>
                          ))}
                        </ul>
                      </td>
                    </tr>
                  </tbody>
                </table>
              </div>
            </article>
          ))}
        </div>
      </section>
    </div>
  );
}
