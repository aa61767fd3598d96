import type { Metadata } from 'next';
import Link from 'next/link';
import { linkClass } from '@/app/_components/link-class';
import { getCart, type TCartView } from '@/lib/cart/get-cart';
import { requestCartOwner } from '@/lib/cart/request-cart-owner';
import { getOptionalUser } from '@/lib/auth/guards';
import { formatMoney } from '@/lib/format/money';
import { formatCount } from '@/lib/format/number';
import { thumbnailUrl } from '@/lib/media/urls';
import { emptyCartAction, removeFromCartAction } from './actions';

export const metadata: Metadata = { title: 'Your cart', robots: { index: false, follow: false } };

const EMPTY_CART: TCartView = { lines: [], unavailable: [], currency: 'EUR', netTotalMinor: 0, mixedCurrencies: false };

const pixels = (width: number, height: number) => `${formatCount(width)} × ${formatCount(height)} px`;

/** The visitor's cart: every licence priced now on the server, removable one by one; checkout from here. */
export default async function CartPage() {
  const owner = await requestCartOwner({ create: false });
  const [cart, user] = await Promise.all([owner ? getCart(owner) : EMPTY_CART, getOptionalUser()]);
  const isEmpty = cart.lines.length === 0 && cart.unavailable.length === 0;

  return (
    <div className="mx-auto max-w-5xl px-4 py-8 sm:px-6 lg:py-12">
      <h1 className="text-2xl font-semibold tracking-tight text-ink sm:text-3xl">Your cart</h1>

      {isEmpty ? (
        <div className="mt-8 rounded-lg border border-dashed border-neutral-300 p-10 text-center">
          <p className="text-lg font-medium text-ink">Your cart is empty.</p>
          <p className="mt-2 text-neutral-700">Choose a size on an image&apos;s page and add it to your cart.</p>
          <Link href="/search" className="mt-6 inline-flex min-h-11 items-center rounded-md bg-brand-700 px-5 py-2 text-sm font-semibold text-white hover:bg-brand-800">
            Browse images
          </Link>
        </div>
      ) : (
        <div className="mt-8 lg:grid lg:grid-cols-[minmax(0,1fr)_20rem] lg:gap-10">
          <section aria-labelledby="cart-lines-heading">
            <h2 id="cart-lines-heading" className="sr-only">
              Licences in your cart
            </h2>
            <ul className="divide-y divide-neutral-200 border-y border-neutral-200">
              {cart.lines.map((line) => (
                <li key={`${line.imageId}-${line.tier}`} className="flex gap-4 py-4">
                  {/* The title below links to the same page; this copy is for the mouse only. */}
                  <Link href={`/images/${line.imageId}`} className="shrink-0" tabIndex={-1} aria-hidden="true">
                    <img src={thumbnailUrl(line.imageId)} alt="" width={96} height={96} loading="lazy" className="h-24 w-24 rounded-md bg-neutral-100 object-cover" />
                  </Link>
                  <div className="min-w-0 flex-1">
                    <Link href={`/images/${line.imageId}`} className="font-medium break-words text-ink hover:text-brand-700 hover:underline">
                      {line.imageTitle}
                    </Link>
                    <p className="mt-1 text-sm text-neutral-700">
                      Royalty-free, size {line.tier}: {pixels(line.widthPx, line.heightPx)}
                      {line.isOriginalSize ? ' (original size)' : ''}
                    </p>
                    {line.discountMinor > 0 ? (
                      <p className="mt-1 text-sm text-neutral-700">
                        List price {formatMoney(line.listPriceMinor, line.currency)}, your discount {formatMoney(line.discountMinor, line.currency)}
                      </p>
                    ) : null}
                    <form action={removeFromCartAction} className="mt-2">
                      <input type="hidden" name="imageId" value={line.imageId} />
                      <input type="hidden" name="tier" value={line.tier} />
                      <button type="submit" className="text-sm font-medium text-red-700 underline underline-offset-2 hover:text-red-800">
                        Remove<span className="sr-only"> {line.imageTitle}, size {line.tier}</span>
                      </button>
                    </form>
                  </div>
                  <p className="shrink-0 text-right font-semibold tabular-nums text-ink">{formatMoney(line.netMinor, line.currency)}</p>
                </li>
              ))}
              {cart.unavailable.map((item) => (
                <li key={`${item.imageId}-${item.tier}`} className="flex items-start justify-between gap-4 py-4">
                  <div>
                    <p className="font-medium text-ink">{item.imageTitle ?? `Image ${item.imageId}`}</p>
                    <p className="mt-1 text-sm text-amber-900">Size {item.tier} is no longer available. Remove it to check out.</p>
                  </div>
                  <form action={removeFromCartAction}>
                    <input type="hidden" name="imageId" value={item.imageId} />
                    <input type="hidden" name="tier" value={item.tier} />
                    <button type="submit" className="text-sm font-medium text-red-700 underline underline-offset-2 hover:text-red-800">
                      Remove<span className="sr-only"> {item.imageTitle ?? `image ${item.imageId}`}, size {item.tier}</span>
                    </button>
                  </form>
                </li>
              ))}
            </ul>
            <form action={emptyCartAction} className="mt-4">
              <button type="submit" className="text-sm font-medium text-neutral-700 underline underline-offset-2 hover:text-ink">
                Empty the cart
              </button>
            </form>
          </section>

          <aside aria-labelledby="cart-summary-heading" className="mt-8 h-fit rounded-lg border border-neutral-200 bg-neutral-50 p-5 lg:mt-0">
            <h2 id="cart-summary-heading" className="text-lg font-semibold text-ink">
              Summary
            </h2>
            <dl className="mt-4 space-y-2 text-sm">
              <div className="flex justify-between gap-4">
                <dt className="text-neutral-700">
                  {cart.lines.length} {cart.lines.length === 1 ? 'licence' : 'licences'}, before VAT
                </dt>
                <dd className="font-semibold tabular-nums text-ink">{formatMoney(cart.netTotalMinor, cart.currency)}</dd>
              </div>
            </dl>
            <p className="mt-3 text-sm text-neutral-700">VAT depends on your billing country and is shown before you place the order.</p>
            {cart.lines.length > 0 && cart.unavailable.length === 0 ? (
              <Link
                href="/checkout"
                className="mt-5 flex min-h-11 w-full items-center justify-center rounded-md bg-brand-700 px-5 py-2 text-sm font-semibold text-white hover:bg-brand-800"
              >
                {user ? 'Check out' : 'Sign in to check out'}
              </Link>
            ) : (
              <p className="mt-5 text-sm font-medium text-amber-900">Remove the licences that are no longer available to check out.</p>
            )}
            {!user ? (
              <p className="mt-3 text-sm text-neutral-700">
                New here?{' '}
                <Link href="/register" className={linkClass}>
                  Create an account
                </Link>
                ; your cart is kept while you do.
              </p>
            ) : null}
          </aside>
        </div>
      )}
    </div>
  );
}
