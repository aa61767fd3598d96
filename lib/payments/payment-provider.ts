import type { TTransaction } from '@/lib/db/client';

/** The order as a payment provider sees it at placement: ids and amounts, no personal data. */
export type TPlacedOrder = { id: string; number: number; grossTotalMinor: number; currency: string };

/**
 * A way to pay. Orders know only the provider's id (orders.payment_method) and call these hooks,
 * so a card provider is a new file in lib/payments registered in ./payment-providers.ts: its
 * atPlacement would start the payment with the card service (and its status page or webhook would
 * mark the order paid); nothing in lib/orders changes.
 */
export type TPaymentProvider = {
  id: string;
  /** What the checkout form's choice says. */
  label: string;
  /** One sentence under the choice and in the confirmation mail: what the customer does next, true of what the shop does. */
  instructions: string;
  /** Runs in the placing transaction, after the order and its lines are written; the note goes into the order's history. */
  atPlacement: (tx: TTransaction, order: TPlacedOrder) => Promise<{ note: string | null }>;
};
