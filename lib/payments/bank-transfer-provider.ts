import type { TPaymentProvider } from './payment-provider';

/** Bank transfer: the customer transfers the total quoting the order number; staff register the payment when it arrives. */
export const bankTransferProvider: TPaymentProvider = {
  id: 'bank_transfer',
  label: 'Bank transfer',
  instructions: 'Transfer the total quoting your order number once we have approved the order; we register your payment when it arrives.',
  atPlacement: async () => ({ note: null }),
};
