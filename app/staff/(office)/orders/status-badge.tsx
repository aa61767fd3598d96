import { orderStatusLabels, type TOrderStatus } from '@/lib/orders/order-transitions';

const STYLES: Record<TOrderStatus, string> = {
  submitted: 'bg-sky-100 text-sky-900',
  awaiting_approval: 'bg-amber-100 text-amber-900',
  approved: 'bg-brand-50 text-brand-800',
  rejected: 'bg-red-100 text-red-800',
  paid: 'bg-emerald-100 text-emerald-900',
  delivered: 'bg-neutral-200 text-ink',
  cancelled: 'bg-red-100 text-red-800',
};

/** An order's state as a label; the colour only repeats what the text says. */
export function StatusBadge({ status }: { status: TOrderStatus }) {
  return <span className={`inline-block rounded px-2 py-0.5 text-xs font-semibold whitespace-nowrap ${STYLES[status]}`}>{orderStatusLabels[status]}</span>;
}

/** Billing country and IP country disagree: the VAT evidence needs a look (the order page says which). */
export function MismatchFlag() {
  return <span className="inline-block rounded bg-amber-100 px-2 py-0.5 text-xs font-semibold whitespace-nowrap text-amber-900">Location mismatch</span>;
}
