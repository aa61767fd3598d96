'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useActionState, useEffect } from 'react';
import { ErrorSummary } from '@/app/_components/error-summary';
import { radioId } from '@/app/_components/form-fields';
import { linkClass } from '@/app/_components/link-class';
import { INITIAL_FORM_STATE } from '@/lib/actions/form-state';
import { addToCartAction } from '../../cart/actions';

export type TTierChoice = { tier: string; label: string; price: string };

/**
 * Choose a royalty-free size and put it in the cart, without leaving the page. The form sends the
 * image id and the tier only; the price shown here is for reading, the server works it out again.
 * The same for every visitor, so the page can still be served from the page cache.
 */
export function AddToCartForm({ imageId, tiers }: { imageId: number; tiers: TTierChoice[] }) {
  const [state, action, pending] = useActionState(addToCartAction, INITIAL_FORM_STATE);
  const router = useRouter();
  useEffect(() => {
    // The header's cart count is rendered on the server: fetch it again, without a full reload.
    if (state.ok === true) router.refresh();
  }, [state, router]);

  return (
    <form action={action} className="mt-4 space-y-4">
      <ErrorSummary failure={state.ok === false ? state : null} targets={{ tier: radioId('tier', tiers[0]?.tier ?? 'S') }} />
      <input type="hidden" name="imageId" value={imageId} />
      <fieldset>
        <legend className="text-sm font-medium text-ink">Choose a size</legend>
        <div className="mt-2 space-y-2">
          {tiers.map((tier, index) => (
            <label
              key={tier.tier}
              htmlFor={radioId('tier', tier.tier)}
              className="flex cursor-pointer items-center gap-3 rounded-md border border-neutral-300 px-3 py-2 text-sm has-checked:border-brand-700 has-checked:bg-brand-50"
            >
              <input id={radioId('tier', tier.tier)} type="radio" name="tier" value={tier.tier} defaultChecked={index === 0} className="h-5 w-5 accent-brand-700" />
              <span className="flex-1 text-ink">{tier.label}</span>
              <span className="font-semibold tabular-nums text-ink">{tier.price}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <div className="flex flex-wrap items-center gap-4">
        <button
          type="submit"
          aria-disabled={pending || undefined}
          onClick={(event) => {
            if (pending) event.preventDefault();
          }}
          className="inline-flex min-h-11 items-center justify-center rounded-md bg-brand-700 px-5 py-2 text-sm font-semibold text-white shadow-sm hover:bg-brand-800 aria-disabled:cursor-wait aria-disabled:opacity-75"
        >
          {pending ? 'Adding…' : 'Add to cart'}
        </button>
        <div role="status" aria-live="polite" className="text-sm">
          {state.ok === true ? (
            <span className="font-medium text-brand-800">
              {state.message}{' '}
              <Link href="/cart" className={linkClass}>
                View cart
              </Link>
            </span>
          ) : null}
        </div>
      </div>
    </form>
  );
}
