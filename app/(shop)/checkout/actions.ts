'use server';

import { revalidatePath } from 'next/cache';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { customerActionClient } from '@/lib/actions/action-client';
import { formAction } from '@/lib/actions/form-action';
import { checkedForm, formInput } from '@/lib/actions/form-input';
import { ZBillingDetails, ZCheckoutForm } from '@/lib/checkout/checkout-form';
import { checkoutReview } from '@/lib/checkout/checkout-review';
import { clientInfoFrom } from '@/lib/http/client-info';
import { placeOrder } from '@/lib/orders/place-order';
import { reviewView } from './review-view';

/** Kept after a refusal so the form need not be filled in again (nothing secret in a billing address). */
const KEPT = new Set(['name', 'company', 'addressLine1', 'addressLine2', 'postalCode', 'city', 'countryCode', 'vatNumber', 'paymentMethod']);

const ZReviewInput = ZBillingDetails.pick({ countryCode: true, vatNumber: true });

/** VAT and totals for the billing country and VAT number in the form, as the order would be placed now. */
export const reviewCheckoutAction = formAction(
  customerActionClient
    .metadata({ name: 'checkout.review', signInReturnTo: '/checkout' })
    .inputSchema(formInput(ZReviewInput))
    .action(async ({ parsedInput, ctx: { actor } }) => {
      const review = await checkoutReview({ kind: 'customer', userId: actor.userId }, parsedInput);
      return { review: reviewView(review, parsedInput) };
    }),
  { keep: (field) => KEPT.has(field) },
);

/** Places the order and opens it in My Account; the same checkout key again opens the same order. */
export const placeOrderAction = formAction(
  customerActionClient
    .metadata({ name: 'checkout.place-order', signInReturnTo: '/checkout' })
    .inputSchema(checkedForm(ZCheckoutForm))
    .action(async ({ parsedInput: form, ctx: { actor } }) => {
      const placed = await placeOrder(actor, form, clientInfoFrom(await headers()));
      // The header's cart count (in the root layout, which navigation keeps) is rendered again.
      revalidatePath('/', 'layout');
      redirect(`/account/orders/${placed.orderId}?placed=1`);
    }),
  { keep: (field) => KEPT.has(field) },
);
