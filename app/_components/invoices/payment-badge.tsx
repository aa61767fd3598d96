import type { TPaymentState } from '@/lib/invoices/payment-status';

const BADGE_CLASSES: Record<TPaymentState, string> = {
  paid: 'bg-green-50 text-green-800 ring-green-700/30',
  unpaid: 'bg-amber-50 text-amber-900 ring-amber-700/30',
  overdue: 'bg-red-50 text-red-800 ring-red-700/30',
  credited: 'bg-neutral-100 text-neutral-800 ring-neutral-500/30',
  credit_note: 'bg-neutral-100 text-neutral-800 ring-neutral-500/30',
};

/** The payment state as a labelled badge; the words carry the meaning, the colour only repeats it. */
export function PaymentBadge({ state, label }: { state: TPaymentState; label: string }) {
  return <span className={`inline-flex items-center rounded-full px-2.5 py-0.5 text-sm font-medium whitespace-nowrap ring-1 ring-inset ${BADGE_CLASSES[state]}`}>{label}</span>;
}
