import { randomUUID } from 'node:crypto';
import type { Metadata } from 'next';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { countryOptions } from '@/app/account/_components/countries';
import { linkClass } from '@/app/_components/link-class';
import { getMyDetails } from '@/lib/accounts/get-my-account';
import { requireUser } from '@/lib/auth/guards';
import { getCart } from '@/lib/cart/get-cart';
import { checkoutReview } from '@/lib/checkout/checkout-review';
import { shownText } from '@/lib/content/site-texts';
import { AppError } from '@/lib/errors';
import { mayDownloadWithoutApproval } from '@/lib/orders/approval';
import { lastBillingVatNumber } from '@/lib/orders/my-orders';
import { paymentProviders } from '@/lib/payments/payment-providers';
import { getSetting } from '@/lib/settings/get-setting';
import { CheckoutForm } from './checkout-form';
import { reviewView, type TReviewView } from './review-view';

export const metadata: Metadata = { title: 'Checkout', robots: { index: false, follow: false } };

/**
 * Checkout for a signed-in customer (a guest signs in first and comes back here; the guest cart
 * joins the account's at sign-in). Billing details start from the account; the review is worked
 * out on the server.
 */
export default async function CheckoutPage() {
  const actor = await requireUser('/checkout');
  const owner = { kind: 'customer' as const, userId: actor.userId };
  const cart = await getCart(owner);

  if (cart.lines.length === 0 || cart.unavailable.length > 0 || cart.mixedCurrencies) {
    return (
      <Frame>
        <div className="mt-8 rounded-lg border border-dashed border-neutral-300 p-10 text-center">
          <p className="text-lg font-medium text-ink">{cart.lines.length === 0 && cart.unavailable.length === 0 ? 'Your cart is empty.' : 'Your cart needs a look first.'}</p>
          <p className="mt-2 text-neutral-700">
            {cart.lines.length === 0 && cart.unavailable.length === 0 ? (
              <>
                Your orders are in{' '}
                <Link href="/account/orders" className={linkClass}>
                  My Account
                </Link>
                .
              </>
            ) : (
              'Some licences in your cart are no longer available, or are priced in different currencies.'
            )}
          </p>
          <Link href={cart.lines.length === 0 && cart.unavailable.length === 0 ? '/search' : '/cart'} className="mt-6 inline-flex min-h-11 items-center rounded-md bg-brand-700 px-5 py-2 text-sm font-semibold text-white hover:bg-brand-800">
            {cart.lines.length === 0 && cart.unavailable.length === 0 ? 'Browse images' : 'Go to your cart'}
          </Link>
        </div>
      </Frame>
    );
  }

  const [details, vatNumber, termsText, withoutApproval] = await Promise.all([
    getMyDetails(actor),
    lastBillingVatNumber(actor),
    getSetting('texts.licenceTerms'),
    mayDownloadWithoutApproval(actor.userId),
  ]);
  const licenceTerms = shownText(termsText);
  const initial: Record<string, string> = {
    name: details.fullName,
    company: details.company ?? '',
    addressLine1: details.addressLine1 ?? '',
    addressLine2: details.addressLine2 ?? '',
    postalCode: details.postalCode ?? '',
    city: details.city ?? '',
    countryCode: details.countryCode ?? '',
    vatNumber: vatNumber ?? '',
  };
  let initialReview: TReviewView | null = null;
  if (details.countryCode) {
    try {
      const buyer = { countryCode: details.countryCode, vatNumber };
      initialReview = reviewView(await checkoutReview(owner, buyer), buyer);
    } catch (error) {
      // A VAT number that no longer passes the check: the form shows the review button instead.
      if (!(error instanceof AppError)) throw error;
    }
  }

  return (
    <Frame>
      <div className="mt-8 max-w-3xl">
        <CheckoutForm
          initial={initial}
          countries={countryOptions(details.countryCode)}
          providers={paymentProviders.map(({ id, label, instructions }) => ({ id, label, instructions }))}
          terms={{ text: licenceTerms.text, version: licenceTerms.version }}
          checkoutKey={randomUUID()}
          initialReview={initialReview}
          needsApproval={!withoutApproval}
        />
      </div>
    </Frame>
  );
}

function Frame({ children }: { children: ReactNode }) {
  return (
    <div className="mx-auto max-w-5xl px-4 py-8 sm:px-6 lg:py-12">
      <nav aria-label="Breadcrumb" className="text-sm text-neutral-700">
        <Link href="/cart" className="hover:text-brand-700 hover:underline">
          ← Back to your cart
        </Link>
      </nav>
      <h1 className="mt-3 text-2xl font-semibold tracking-tight text-ink sm:text-3xl">Checkout</h1>
      {children}
    </div>
  );
}
