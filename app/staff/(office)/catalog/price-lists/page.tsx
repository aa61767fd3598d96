import type { Metadata } from 'next';
import Link from 'next/link';
import { linkClass } from '@/app/_components/link-class';
import { PageHeader } from '@/app/account/_components/page-header';
import { listPriceLists, SIZE_TIERS } from '@/lib/catalog/price-lists/list-price-lists';
import { requireStaff } from '@/lib/staff/require-staff';
import { SettingSection } from '../../_components/setting-form';
import { updatePriceTiersAction } from './actions';
import { PriceListForm } from './price-list-form';

export const metadata: Metadata = { title: 'Price lists' };

/** Cents as the form shows them: 1900 → "19.00". */
const asPrice = (minor: number) => (minor / 100).toFixed(2);

export default async function PriceListsPage() {
  const actor = await requireStaff('catalog.manage', '/staff/catalog/price-lists');
  const lists = await listPriceLists(actor);
  return (
    <div className="space-y-8">
      <p>
        <Link href="/staff/catalog" className={linkClass}>
          Back to the catalog
        </Link>
      </p>
      <PageHeader title="Price lists">
        The royalty-free sizes each list offers: the long edge a buyer receives and its price, before VAT. Leave both fields of a size empty to stop offering it. A change shows in the shop at once and is recorded in the audit trail.
      </PageHeader>
      {lists.length === 0 ? (
        <p className="rounded-lg border border-dashed border-neutral-300 p-5 text-sm text-neutral-700">There is no price list yet: the first royalty-free upload creates the Standard list.</p>
      ) : (
        lists.map((list) => (
          <SettingSection
            key={list.id}
            id={`price-list-${list.id}`}
            title={list.name}
            description={`${list.currency} · used by ${list.imageCount === 1 ? 'one image' : `${list.imageCount} images`}`}
          >
            <PriceListForm
              action={updatePriceTiersAction}
              priceListId={list.id}
              currency={list.currency}
              tiers={SIZE_TIERS.map((tier) => {
                const stored = list.tiers[tier];
                return { tier, longEdgePx: stored ? String(stored.longEdgePx) : '', price: stored ? asPrice(stored.priceMinor) : '' };
              })}
            />
          </SettingSection>
        ))
      )}
    </div>
  );
}
