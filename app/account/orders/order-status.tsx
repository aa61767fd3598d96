import type { TMyOrder } from '@/lib/orders/my-orders';

type TOrderStatus = TMyOrder['order']['status'];

/** What each state means to the customer. */
export const ORDER_STATUS_LABELS: Record<TOrderStatus, string> = {
  submitted: 'Submitted',
  awaiting_approval: 'Awaiting approval',
  approved: 'Approved',
  rejected: 'Rejected',
  paid: 'Paid',
  delivered: 'Delivered',
  cancelled: 'Cancelled',
};

const STYLES: Record<TOrderStatus, string> = {
  submitted: 'bg-neutral-100 text-neutral-800 ring-neutral-300',
  awaiting_approval: 'bg-amber-50 text-amber-900 ring-amber-200',
  approved: 'bg-brand-50 text-brand-800 ring-brand-100',
  rejected: 'bg-red-50 text-red-800 ring-red-200',
  paid: 'bg-brand-50 text-brand-800 ring-brand-100',
  delivered: 'bg-brand-50 text-brand-800 ring-brand-100',
  cancelled: 'bg-neutral-100 text-neutral-800 ring-neutral-300',
};

export function OrderStatusBadge({ status }: { status: TOrderStatus }) {
  return <span className={`inline-block rounded-full px-2.5 py-0.5 text-xs font-semibold whitespace-nowrap ring-1 ring-inset ${STYLES[status]}`}>{ORDER_STATUS_LABELS[status]}</span>;
}
