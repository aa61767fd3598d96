import 'server-only';
import type { TCartOwner } from '@/lib/cart/cart-owner';
import { getCart, type TCartView } from '@/lib/cart/get-cart';
import { db, type TExecutor } from '@/lib/db/client';
import { vatNoteFor, type TVatTreatment } from '@/lib/invoices/vat-notes';
import { lineVatMinor, type TPricedLine } from './price-line';
import { vatForBuyer } from './vat/vat-for-buyer';
import type { TVatNumberCheck } from './vat/vat-number-check';

export type TReviewLine = TPricedLine & { vatRateBasisPoints: number; vatMinor: number };

export type TCheckoutReview = {
  lines: TReviewLine[];
  unavailable: TCartView['unavailable'];
  mixedCurrencies: boolean;
  currency: string;
  treatment: TVatTreatment;
  vatRateBasisPoints: number;
  vatNote: string | null;
  vatNumber: string | null;
  netTotalMinor: number;
  vatTotalMinor: number;
  grossTotalMinor: number;
};

/**
 * The order as the invoice will show it, for a billing country and VAT number: every line with its
 * net amount, rate and VAT rounded per line, and totals that are the sums of the lines. The review
 * page and the placement both call this, so what the customer reviews is what is placed.
 */
export async function checkoutReview(
  owner: TCartOwner,
  buyer: { countryCode: string; vatNumber: string | null },
  options: { executor?: TExecutor; vatNumberCheck?: TVatNumberCheck } = {},
): Promise<TCheckoutReview> {
  const { executor = db, vatNumberCheck } = options;
  // One after the other: inside a transaction the queries share one connection anyway.
  const vat = await vatForBuyer(executor, buyer, vatNumberCheck);
  const cart = await getCart(owner, executor);
  const lines = cart.lines.map((line) => ({ ...line, vatRateBasisPoints: vat.rateBasisPoints, vatMinor: lineVatMinor(line.netMinor, vat.rateBasisPoints) }));
  const netTotalMinor = lines.reduce((sum, line) => sum + line.netMinor, 0);
  const vatTotalMinor = lines.reduce((sum, line) => sum + line.vatMinor, 0);
  return {
    lines,
    unavailable: cart.unavailable,
    mixedCurrencies: cart.mixedCurrencies,
    currency: cart.currency,
    treatment: vat.treatment,
    vatRateBasisPoints: vat.rateBasisPoints,
    vatNote: vatNoteFor(vat.treatment),
    vatNumber: vat.vatNumber,
    netTotalMinor,
    vatTotalMinor,
    grossTotalMinor: netTotalMinor + vatTotalMinor,
  };
}
