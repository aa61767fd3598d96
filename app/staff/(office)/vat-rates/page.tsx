import type { Metadata } from 'next';
import { formatDateTime } from '@/app/account/_components/format';
import { PageHeader } from '@/app/account/_components/page-header';
import { requireStaff } from '@/lib/staff/require-staff';
import { listVatRates } from '@/lib/vat/list-vat-rates';
import { percentFromBasisPoints } from '@/lib/vat/vat-rate-percent';
import { saveVatRatesAction } from './actions';
import { VatRatesForm } from './vat-rates-form';

export const metadata: Metadata = { title: 'VAT rates' };

export default async function VatRatesPage() {
  const actor = await requireStaff('settings.manage', '/staff/vat-rates');
  const rates = await listVatRates(actor);
  return (
    <div className="space-y-8">
      <PageHeader title="VAT rates">
        The standard VAT rate of each EU country, as checkout applies it to electronically supplied services: your own country&apos;s rate at home, and the buyer&apos;s country&apos;s rate for consumers elsewhere in the EU (unless you declare yourself under the distance-sales threshold in Settings). Keep them up to date when a country changes its rate; each change is recorded in the audit trail.
      </PageHeader>
      {rates.length === 0 ? (
        <p className="rounded-lg border border-dashed border-neutral-300 p-5 text-sm text-neutral-700">There are no VAT rates: the database migration that ships them has not run.</p>
      ) : (
        <VatRatesForm
          action={saveVatRatesAction}
          rows={rates.map((rate) => ({ countryCode: rate.countryCode, countryName: rate.countryName, percent: percentFromBasisPoints(rate.rateBasisPoints), updated: formatDateTime(rate.updatedAt) }))}
        />
      )}
    </div>
  );
}
