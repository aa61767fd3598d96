import type { TPaymentProvider } from './payment-provider';

/** Pay on invoice: nothing happens at placement; the invoice (issued at approval) states the due date, and staff register the payment. */
export const invoiceProvider: TPaymentProvider = {
  id: 'invoice',
  label: 'Pay by invoice',
  instructions: 'You pay after we approve your order: the invoice in My Account shows the amount and the due date.',
  atPlacement: async () => ({ note: null }),
};
