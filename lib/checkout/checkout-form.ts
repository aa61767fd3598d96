import { z } from 'zod';
import { isCountryCode } from '@/lib/accounts/countries';
import { paymentProviderIds } from '@/lib/payments/payment-providers';

const optionalText = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, `${label} can be at most ${max} characters.`)
    .optional()
    .transform((value) => value || null);

const requiredText = (max: number, message: string, label: string) => z.string({ error: message }).trim().min(1, message).max(max, `${label} can be at most ${max} characters.`);

/** The billing details of a checkout, as the form sends them; snapshot into the order. */
export const ZBillingDetails = z.object({
  name: requiredText(200, 'Enter the name for the invoice.', 'The name'),
  company: optionalText(200, 'The company'),
  addressLine1: requiredText(200, 'Enter the billing address.', 'The address'),
  addressLine2: optionalText(200, 'The address'),
  postalCode: requiredText(20, 'Enter the postal code.', 'The postal code'),
  city: requiredText(100, 'Enter the town or city.', 'The town or city'),
  countryCode: z.string({ error: 'Choose the country.' }).refine(isCountryCode, 'Choose the country.'),
  vatNumber: optionalText(30, 'The VAT number'),
});

export type TBillingDetails = z.output<typeof ZBillingDetails>;

/**
 * The whole checkout form. There is no field for a price, a pixel size or a VAT rate: whatever a
 * request adds is dropped by the schema, and every amount is computed on the server.
 */
export const ZCheckoutForm = ZBillingDetails.extend({
  acceptTerms: z.literal(['on', 'yes'], { error: 'Accept the licence terms to place the order.' }),
  /** The version of the licence terms the form showed: an order is placed only under the terms the customer read. */
  termsVersion: z.string().regex(/^[0-9a-f]{12}$/, 'Reload the page to see the current licence terms.'),
  paymentMethod: z.enum(paymentProviderIds, { error: 'Choose how you will pay.' }),
  /** Made with the form: the same key twice is the same checkout, answered with the same order. */
  checkoutKey: z.uuid('Reload the checkout page and try again.'),
});

export type TCheckoutForm = z.output<typeof ZCheckoutForm>;
