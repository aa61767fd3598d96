import { bankTransferProvider } from './bank-transfer-provider';
import { invoiceProvider } from './invoice-provider';
import type { TPaymentProvider } from './payment-provider';

export type { TPaymentProvider } from './payment-provider';

/** The ways to pay offered at checkout, in the order shown. A card provider is added here. */
export const paymentProviders: readonly TPaymentProvider[] = [invoiceProvider, bankTransferProvider];

export const paymentProviderIds = paymentProviders.map((provider) => provider.id) as [string, ...string[]];

export const paymentProvider = (id: string): TPaymentProvider | null => paymentProviders.find((provider) => provider.id === id) ?? null;

export const paymentMethodLabel = (id: string) => paymentProvider(id)?.label ?? id;
