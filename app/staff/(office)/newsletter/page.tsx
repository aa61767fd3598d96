import type { Metadata } from 'next';
import { formatDateTime } from '@/app/account/_components/format';
import { PageHeader } from '@/app/account/_components/page-header';
import { listCampaigns } from '@/lib/marketing/list-campaigns';
import { countMarketingRecipients } from '@/lib/marketing/marketing-recipients';
import { requireStaff } from '@/lib/staff/require-staff';
import { newsletterAction } from './actions';
import { NewsletterForm } from './newsletter-form';

export const metadata: Metadata = { title: 'Newsletter' };

const cell = 'py-2 pr-4 align-top';

export default async function NewsletterPage() {
  const actor = await requireStaff('marketing.send', '/staff/newsletter');
  const [campaigns, recipients] = await Promise.all([listCampaigns(actor), countMarketingRecipients()]);
  return (
    <div className="space-y-10">
      <PageHeader title="Newsletter">
        A plain-text e-mail to every active customer who agreed to marketing mail and has not withdrawn it ({recipients === 1 ? '1 customer' : `${recipients} customers`} now). Each message carries a one-click unsubscribe link; using it records the withdrawal in the consent ledger, without signing in. Sending is recorded in the audit trail.
      </PageHeader>

      <section aria-labelledby="write-heading" className="max-w-3xl">
        <h2 id="write-heading" className="text-xl font-semibold text-ink">
          Write a newsletter
        </h2>
        <div className="mt-4">
          <NewsletterForm action={newsletterAction} />
        </div>
      </section>

      <section aria-labelledby="sent-heading" className="max-w-4xl">
        <h2 id="sent-heading" className="text-xl font-semibold text-ink">
          Sent newsletters
        </h2>
        {campaigns.length === 0 ? (
          <p className="mt-3 rounded-lg border border-dashed border-neutral-300 p-5 text-sm text-neutral-700">No newsletter has been sent yet.</p>
        ) : (
          <div className="mt-3 overflow-x-auto">
            <table className="min-w-full text-left text-sm">
              <caption className="sr-only">Newsletters, newest first</caption>
              <thead className="border-b border-neutral-300 text-neutral-700">
                <tr>
                  <th scope="col" className={`${cell} font-medium`}>Subject</th>
                  <th scope="col" className={`${cell} font-medium`}>Sent by</th>
                  <th scope="col" className={`${cell} font-medium`}>Started</th>
                  <th scope="col" className={`${cell} font-medium`}>Status</th>
                  <th scope="col" className={`${cell} font-medium text-right`}>Messages</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-neutral-200">
                {campaigns.map((campaign) => (
                  <tr key={campaign.id}>
                    <td className={`${cell} break-words text-ink`}>{campaign.subject}</td>
                    <td className={cell}>{campaign.createdByName ?? 'A former staff member'}</td>
                    <td className={`${cell} whitespace-nowrap`}>{formatDateTime(campaign.createdAt)}</td>
                    <td className={cell}>{campaign.status === 'sent' ? 'Queued for delivery' : 'Waiting for the job'}</td>
                    <td className={`${cell} text-right tabular-nums`}>{campaign.recipientCount ?? '–'}</td>
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
