import type { orderStatus } from '@/db/schema';

export type TOrderStatus = (typeof orderStatus.enumValues)[number];

/**
 * The order state machine: for each staff use case, the states an order may be in for it to apply.
 * Every use case changes the status with one guarded UPDATE (`where status in allowedFrom`), so of
 * two staff members clicking at once exactly one succeeds; the other finds the order moved on.
 *
 *   submitted (no approval needed, invoiced at checkout) ─┐
 *   awaiting_approval ──approve──► approved ──payment──► paid ──deliver──► delivered
 *        │      │                     │ └──deliver (pay-later customer)──────►┘
 *        │      └──reject──► rejected (final)
 *        └───────── cancel (from any state but rejected and cancelled) ──► cancelled (final)
 *
 * Decisions:
 * - rejected and cancelled are final: nothing leads out of them.
 * - delivered can still be cancelled: a licence delivered by mistake, or withdrawn after a
 *   dispute, is corrected with a credit note (an invoice is never changed or deleted), and the
 *   buyer's download right ends with the order.
 * - rejecting is for an order not yet invoiced; an invoiced order is cancelled with a credit note.
 * - a payment is registered against the order's invoice while the order is open (submitted,
 *   approved) or delivered to a pay-later customer; paying in full moves an open order to paid and
 *   leaves a delivered one delivered (its history records the payment).
 * - delivering before payment needs the customer's "may pay later" term, or the invoice paid in full.
 */
export const orderTransitions = {
  approve: { from: ['submitted', 'awaiting_approval'], to: 'approved' },
  reject: { from: ['submitted', 'awaiting_approval'], to: 'rejected' },
  pay: { from: ['submitted', 'approved'], to: 'paid' },
  deliver: { from: ['submitted', 'approved', 'paid'], to: 'delivered' },
  cancel: { from: ['submitted', 'awaiting_approval', 'approved', 'paid', 'delivered'], to: 'cancelled' },
} as const satisfies Record<string, { from: readonly TOrderStatus[]; to: TOrderStatus }>;

export type TOrderTransition = keyof typeof orderTransitions;

/** States a payment may be registered in (see above): the order is open, or delivered before payment. */
export const PAYABLE_STATUSES = ['submitted', 'approved', 'delivered'] as const satisfies readonly TOrderStatus[];

export const FINAL_STATUSES = ['rejected', 'cancelled'] as const satisfies readonly TOrderStatus[];

export function canTransition(transition: TOrderTransition, status: TOrderStatus): boolean {
  return (orderTransitions[transition].from as readonly TOrderStatus[]).includes(status);
}

export const orderStatusLabels: Record<TOrderStatus, string> = {
  submitted: 'Submitted',
  awaiting_approval: 'Awaiting approval',
  approved: 'Approved',
  rejected: 'Rejected',
  paid: 'Paid',
  delivered: 'Delivered',
  cancelled: 'Cancelled',
};
