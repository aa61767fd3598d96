import type { TCheckoutReview } from '@/lib/checkout/checkout-review';
import { formatMoney } from '@/lib/format/money';
import { formatCount } from '@/lib/format/number';
import type { TVatTreatment } from '@/lib/invoices/vat-notes';

/** The review as the page shows it: text only, so it can go to the browser as it is. */
export type TReviewView = {
  lines: Array<{ key: string; title: string; size: string; net: string; rate: string; vat: string }>;
  treatment: string;
  vatNote: string | null;
  net: string;
  vat: string;
  gross: string;
  /** What the review was computed for: a change to either field makes it stale. */
  countryCode: string;
  vatNumber: string;
};

const TREATMENT_LABELS: Record<TVatTreatment, string> = {
  domestic: 'VAT of the seller’s country',
  oss_destination: 'VAT of your country (EU One-Stop Shop)',
  under_threshold: 'VAT of the seller’s country (EU distance sales under EUR 10,000)',
  reverse_charge: 'No VAT charged: reverse charge',
  export: 'No EU VAT: customer outside the EU',
};

export const percent = (basisPoints: number) => `${(basisPoints / 100).toLocaleString('en-IE', { maximumFractionDigits: 2 })} %`;

export function reviewView(review: TCheckoutReview, input: { countryCode: string; vatNumber: string | null }): TReviewView {
  const money = (minor: number) => formatMoney(minor, review.currency);
  return {
    lines: review.lines.map((line) => ({
      key: `${line.imageId}-${line.tier}`,
      title: line.imageTitle,
      size: `Size ${line.tier}, ${formatCount(line.widthPx)} × ${formatCount(line.heightPx)} px${line.isOriginalSize ? ' (original size)' : ''}`,
      net: money(line.netMinor),
      rate: percent(line.vatRateBasisPoints),
      vat: money(line.vatMinor),
    })),
    treatment: TREATMENT_LABELS[review.treatment],
    vatNote: review.vatNote,
    net: money(review.netTotalMinor),
    vat: money(review.vatTotalMinor),
    gross: money(review.grossTotalMinor),
    countryCode: input.countryCode,
    vatNumber: input.vatNumber ?? '',
  };
}
