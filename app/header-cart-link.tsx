import Link from 'next/link';
import { countCartItems } from '@/lib/cart/get-cart';
import { requestCartOwner } from '@/lib/cart/request-cart-owner';
import { NOT_SHARED } from '@/lib/server/page-cache';

/**
 * The header's cart link with the number of licences in the visitor's cart. The page cache serves
 * shared pages only to guests without a visitor cookie, who have no cart, so a page with a count
 * is never stored; the count still marks itself NOT_SHARED so that stays true if that rule changes.
 */
export async function HeaderCartLink() {
  const owner = await requestCartOwner({ create: false });
  const count = owner ? await countCartItems(owner) : 0;
  return (
    <Link href="/cart" className="inline-flex items-center gap-1.5 hover:text-brand-700">
      Cart
      {count > 0 ? (
        <span {...NOT_SHARED} className="rounded-full bg-brand-700 px-2 py-0.5 text-xs font-semibold text-white tabular-nums">
          {count}
          <span className="sr-only"> {count === 1 ? 'licence' : 'licences'}</span>
        </span>
      ) : null}
    </Link>
  );
}
