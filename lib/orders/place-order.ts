import 'server-only';
import { and, eq } from 'drizzle-orm';
import { DatabaseError } from 'pg';
import { cartItems, carts, orderEvents, orderLines, orders, users } from '@/db/schema';
import { recordAuditEntry } from '@/lib/audit/record-audit-entry';
import type { TCustomerActor } from '@/lib/auth/guards';
import { cartItemRefs } from '@/lib/cart/get-cart';
import { ZCheckoutForm } from '@/lib/checkout/checkout-form';
import { checkoutReview } from '@/lib/checkout/checkout-review';
import { locationMismatch } from '@/lib/checkout/vat/vat-for-buyer';
import type { TVatNumberCheck } from '@/lib/checkout/vat/vat-number-check';
import { shownText } from '@/lib/content/site-texts';
import { db, type TExecutor } from '@/lib/db/client';
import { serverEnv } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { formatMoney } from '@/lib/format/money';
import type { TClientInfo } from '@/lib/http/client-info';
import { issueInvoice } from '@/lib/invoices/issue-invoice';
import { refreshInvoicePdfs } from '@/lib/invoices/invoice-pdfs';
import { queueInvoiceMail } from '@/lib/invoices/queue-invoice-mail';
import { queueMail } from '@/lib/mail/send-mail';
import { paymentProvider } from '@/lib/payments/payment-providers';
import { mayDownloadWithoutApproval } from './approval';
import { getSetting } from '@/lib/settings/get-setting';
import { countUsage } from '@/lib/usage/count-usage';

export type TPlacedOrder = { orderId: string; number: number; status: 'awaiting_approval' | 'approved'; created: boolean };

async function orderForKey(executor: TExecutor, userId: string, key: string): Promise<TPlacedOrder | null> {
  const [order] = await executor
    .select({ orderId: orders.id, number: orders.number, status: orders.status })
    .from(orders)
    .where(and(eq(orders.customerUserId, userId), eq(orders.idempotencyKey, key)));
  return order ? { ...order, status: order.status === 'awaiting_approval' ? 'awaiting_approval' : 'approved', created: false } : null;
}

/** drizzle wraps the driver's error; the unique index on (customer, key) names the race. */
function isIdempotencyConflict(error: unknown): boolean {
  for (let current = error; current instanceof Error; current = current.cause) {
    if (current instanceof DatabaseError) return current.code === '23505' && current.constraint === 'orders_idempotency_idx';
  }
  return false;
}

/**
 * Turns the signed-in customer's cart into an order, in one transaction: the order with its billing
 * snapshot, its lines priced and taxed on the server (lib/checkout: nothing the form sends is a
 * price), its history, the emptied cart, the confirmation mail in the outbox, and, for a customer
 * allowed to download without approval, the invoice. The invoice number and the audit entry take
 * the two locks every placement shares (the counter row, the audit chain), so they come last and
 * concurrent checkouts queue on them only briefly.
 *
 * The checkout key makes it idempotent: the same key again (a double click, a repeated request, a
 * retry after a lost answer) returns the order it made. The customer's cart row is locked first,
 * so two submissions of one cart run one after the other and the second finds the first's order
 * (same key) or an empty cart (another tab).
 */
export async function placeOrder(
  actor: TCustomerActor,
  form: unknown,
  client: TClientInfo,
  options: { vatNumberCheck?: TVatNumberCheck; now?: Date } = {},
): Promise<TPlacedOrder> {
  const input = ZCheckoutForm.parse(form);
  const done = await orderForKey(db, actor.userId, input.checkoutKey);
  if (done) return done;
  const provider = paymentProvider(input.paymentMethod)!;
  const owner = { kind: 'customer' as const, userId: actor.userId };
  try {
    let issuedInvoiceId: string | null = null;
    const placed = await db.transaction(async (tx): Promise<TPlacedOrder> => {
      const [cart] = await tx.select({ id: carts.id }).from(carts).where(eq(carts.ownerUserId, actor.userId)).for('update');
      const again = await orderForKey(tx, actor.userId, input.checkoutKey);
      if (again) return again;

      const terms = shownText(await getSetting('texts.licenceTerms', tx));
      if (terms.version !== input.termsVersion) {
        throw new AppError('CONFLICT', 'The licence terms have changed since you opened this page. Please read them again.', {
          acceptTerms: 'The licence terms have changed: read them again and accept them.',
        });
      }
      if (!cart || (await cartItemRefs(tx, owner)).length === 0) {
        throw new AppError('CONFLICT', 'Your cart is empty. If you placed this order in another tab or window, you find it under Orders in My Account.');
      }
      const review = await checkoutReview(owner, { countryCode: input.countryCode, vatNumber: input.vatNumber }, { executor: tx, vatNumberCheck: options.vatNumberCheck });
      if (review.unavailable.length > 0) {
        throw new AppError('CONFLICT', 'Some images in your cart are no longer available. Remove them from your cart, then check out again.');
      }
      if (review.mixedCurrencies) throw new AppError('CONFLICT', 'Your cart holds licences priced in different currencies; please order them separately.');
      if (review.lines.length === 0) throw new AppError('CONFLICT', 'Your cart is empty.');

      const [account] = await tx.select({ email: users.email }).from(users).where(eq(users.id, actor.userId));
      const approved = await mayDownloadWithoutApproval(actor.userId, tx);
      const now = options.now ?? new Date();

      const [order] = await tx
        .insert(orders)
        .values({
          customerUserId: actor.userId,
          idempotencyKey: input.checkoutKey,
          status: approved ? 'approved' : 'awaiting_approval',
          currency: review.currency,
          billingName: input.name,
          billingCompany: input.company,
          billingEmail: account!.email,
          billingAddressLine1: input.addressLine1,
          billingAddressLine2: input.addressLine2,
          billingPostalCode: input.postalCode,
          billingCity: input.city,
          billingCountryCode: input.countryCode,
          billingVatNumber: review.vatNumber,
          vatTreatment: review.treatment,
          ipCountryCode: client.country,
          locationMismatch: locationMismatch(input.countryCode, client.country),
          licenceTermsVersion: terms.version,
          licenceAcceptedAt: now,
          paymentMethod: provider.id,
          netTotalMinor: review.netTotalMinor,
          vatTotalMinor: review.vatTotalMinor,
          grossTotalMinor: review.grossTotalMinor,
          submittedAt: now,
          updatedAt: now,
        })
        .returning({ id: orders.id, number: orders.number });
      await tx.insert(orderLines).values(
        review.lines.map((line, index) => ({
          orderId: order!.id,
          position: index + 1,
          imageId: line.imageId,
          imageTitle: line.imageTitle,
          licenceModel: line.licenceModel,
          tier: line.tier,
          widthPx: line.widthPx,
          heightPx: line.heightPx,
          listPriceMinor: line.listPriceMinor,
          discountMinor: line.discountMinor,
          netMinor: line.netMinor,
          vatRateBasisPoints: line.vatRateBasisPoints,
          vatMinor: line.vatMinor,
        })),
      );
      const payment = await provider.atPlacement(tx, { id: order!.id, number: order!.number, grossTotalMinor: review.grossTotalMinor, currency: review.currency });
      await tx.insert(orderEvents).values([
        { orderId: order!.id, status: 'submitted', note: payment.note, actorUserId: actor.userId, occurredAt: now },
        {
          orderId: order!.id,
          status: approved ? 'approved' : 'awaiting_approval',
          note: approved ? 'Approved at once: your account may download without approval.' : null,
          actorUserId: null,
          occurredAt: now,
        },
      ]);
      await tx.delete(cartItems).where(eq(cartItems.cartId, cart.id));

      const money = (minor: number) => formatMoney(minor, review.currency);
      await queueMail(tx, {
        template: 'order-received',
        to: { address: account!.email, name: actor.fullName },
        subjectUserId: actor.userId,
        data: {
          name: actor.fullName,
          orderNumber: order!.number,
          approved,
          lines: review.lines.map((line) => ({ description: `${line.imageTitle}, size ${line.tier}, ${line.widthPx} × ${line.heightPx} px`, amount: money(line.netMinor) })),
          netTotal: money(review.netTotalMinor),
          vatTotal: money(review.vatTotalMinor),
          vatLabel: `VAT ${review.vatRateBasisPoints / 100}%`,
          grossTotal: money(review.grossTotalMinor),
          vatNote: review.vatNote,
          paymentInstructions: provider.instructions,
          orderUrl: new URL(`/account/orders/${order!.id}`, serverEnv().APP_URL).toString(),
        },
      });

      // The two shared locks, last: the invoice counter row, then the audit chain.
      if (approved) {
        const issued = await issueInvoice(tx, order!.id, now);
        issuedInvoiceId = issued.id;
        if (issued.mailFacts) await queueInvoiceMail(tx, issued.mailFacts);
      }
      await recordAuditEntry(tx, {
        actorKind: 'customer',
        actorUserId: actor.userId,
        action: 'order.placed',
        subjectUserId: actor.userId,
        objectType: 'order',
        objectId: order!.id,
        clientIp: client.ip,
      });
      return { orderId: order!.id, number: order!.number, status: approved ? ('approved' as const) : ('awaiting_approval' as const), created: true };
    });
    if (issuedInvoiceId) await refreshInvoicePdfs([issuedInvoiceId], options.now);
    if (placed.created) countUsage('checkout');
    return placed;
  } catch (error) {
    // A submission with the same key that got past the cart lock's check at the same moment.
    if (isIdempotencyConflict(error)) {
      const existing = await orderForKey(db, actor.userId, input.checkoutKey);
      if (existing) return existing;
    }
    throw error;
  }
}
