import { and, asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { auditTrail, carts, cartItems, customerTerms, invoices, mailOutbox, orderEvents, orderLines, orders } from '@/db/schema';
import { countCartItems } from '@/lib/cart/get-cart';
import { closeDatabase, db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import type { TClientInfo } from '@/lib/http/client-info';
import { openEnvelope } from '@/lib/mail/envelope';
import { placeOrder } from '@/lib/orders/place-order';
import { updateSetting } from '@/lib/settings/update-setting';
import { createSignedInCustomer } from '../../helpers/actor-factory';
import { cartWithImage, checkoutForm } from '../../helpers/checkout-factory';
import { setTestSeller } from '../../helpers/order-factory';

afterAll(closeDatabase);
beforeAll(() => setTestSeller());
beforeEach(() => updateSetting('vat.underOssThreshold', false));

const fromNl: TClientInfo = { ip: '198.51.100.23', browser: 'Firefox 140', os: 'Linux', country: 'NL' };

async function customerWithCart(options: { withoutApproval?: boolean; tier?: 'S' | 'M' | 'L' | 'XL' } = {}) {
  const customer = await createSignedInCustomer();
  if (options.withoutApproval) await db.insert(customerTerms).values({ userId: customer.userId, downloadWithoutApproval: true });
  const imageId = await cartWithImage(customer.userId, options.tier ?? 'M');
  return { ...customer, imageId };
}

const orderRow = async (orderId: string) => (await db.select().from(orders).where(eq(orders.id, orderId)))[0]!;
const linesOf = (orderId: string) => db.select().from(orderLines).where(eq(orderLines.orderId, orderId)).orderBy(asc(orderLines.position));
const invoicesOf = (orderId: string) => db.select().from(invoices).where(eq(invoices.orderId, orderId));

describe('placing an order', () => {
  it('makes an order awaiting approval with its lines, history, audit entry and mail, and empties the cart', async () => {
    const customer = await customerWithCart();
    const placed = await placeOrder(customer.actor, await checkoutForm({ company: 'Ada Studio' }), fromNl);
    expect(placed).toMatchObject({ status: 'awaiting_approval', created: true });

    const order = await orderRow(placed.orderId);
    expect(order).toMatchObject({
      customerUserId: customer.userId,
      status: 'awaiting_approval',
      billingName: 'Ada Buyer',
      billingCompany: 'Ada Studio',
      billingEmail: customer.email,
      billingCountryCode: 'NL',
      billingAddressLine2: null,
      vatTreatment: 'domestic',
      ipCountryCode: 'NL',
      locationMismatch: false,
      paymentMethod: 'invoice',
      netTotalMinor: 3900,
      vatTotalMinor: 819,
      grossTotalMinor: 4719,
    });
    expect(await linesOf(placed.orderId)).toEqual([
      expect.objectContaining({ position: 1, imageId: customer.imageId, imageTitle: 'Harbour at dawn', tier: 'M', widthPx: 1600, heightPx: 1067, listPriceMinor: 3900, netMinor: 3900, vatRateBasisPoints: 2100, vatMinor: 819 }),
    ]);
    const events = await db.select().from(orderEvents).where(eq(orderEvents.orderId, placed.orderId)).orderBy(asc(orderEvents.id));
    expect(events.map((event) => event.status)).toEqual(['submitted', 'awaiting_approval']);
    expect(await countCartItems({ kind: 'customer', userId: customer.userId })).toBe(0);
    expect(await invoicesOf(placed.orderId)).toEqual([]);

    const audit = await db.select().from(auditTrail).where(and(eq(auditTrail.action, 'order.placed'), eq(auditTrail.objectId, placed.orderId)));
    expect(audit).toEqual([expect.objectContaining({ actorKind: 'customer', actorUserId: customer.userId, subjectUserId: customer.userId, objectType: 'order' })]);

    const mails = await db.select().from(mailOutbox).where(and(eq(mailOutbox.subjectUserId, customer.userId), eq(mailOutbox.template, 'order-received')));
    expect(mails).toHaveLength(1);
    const envelope = openEnvelope(mails[0]!.envelope!);
    expect(envelope.to).toBe(customer.email);
    expect(envelope.subject).toContain(`order ${order.number} is awaiting approval`);
    expect(envelope.text).toContain('€47.19');
    expect(envelope.text).toContain(`/account/orders/${placed.orderId}`);
  });

  it('approves at once and issues the invoice for a customer who may download without approval', async () => {
    const customer = await customerWithCart({ withoutApproval: true });
    const placed = await placeOrder(customer.actor, await checkoutForm(), fromNl);
    expect(placed.status).toBe('approved');
    expect((await orderRow(placed.orderId)).status).toBe('approved');
    const [invoice, ...more] = await invoicesOf(placed.orderId);
    expect(more).toEqual([]);
    expect(invoice).toMatchObject({ kind: 'invoice', netTotalMinor: 3900, vatTotalMinor: 819, grossTotalMinor: 4719, buyerName: 'Ada Buyer' });
    const events = await db.select().from(orderEvents).where(eq(orderEvents.orderId, placed.orderId)).orderBy(asc(orderEvents.id));
    expect(events.map((event) => event.status)).toEqual(['submitted', 'approved']);
  });

  it('ignores prices, VAT rates, sizes and totals added to the form (checklist 37)', async () => {
    const customer = await customerWithCart({ tier: 'L' });
    const tampered = await checkoutForm({
      priceMinor: '1',
      netMinor: '1',
      listPriceMinor: '1',
      netTotalMinor: '1',
      grossTotalMinor: '1',
      vatRateBasisPoints: '0',
      vatTreatment: 'export',
      tier: 'XL',
      widthPx: '6000',
      status: 'approved',
    });
    const placed = await placeOrder(customer.actor, tampered, fromNl);
    expect(await orderRow(placed.orderId)).toMatchObject({ status: 'awaiting_approval', vatTreatment: 'domestic', netTotalMinor: 6900, vatTotalMinor: 1449, grossTotalMinor: 8349 });
    expect(await linesOf(placed.orderId)).toEqual([expect.objectContaining({ tier: 'L', widthPx: 3000, heightPx: 2000, netMinor: 6900 })]);
  });

  it('applies the price agreement: agreed list and discount per line', async () => {
    const customer = await createSignedInCustomer();
    await db.insert(customerTerms).values({ userId: customer.userId, discountBasisPoints: 1000 });
    await cartWithImage(customer.userId, 'S');
    const placed = await placeOrder(customer.actor, await checkoutForm(), fromNl);
    // €19.00 less 10 % = €17.10; VAT 21 % of 1710 = 359.1 → 359.
    expect(await linesOf(placed.orderId)).toEqual([expect.objectContaining({ listPriceMinor: 1900, discountMinor: 190, netMinor: 1710, vatMinor: 359 })]);
    expect(await orderRow(placed.orderId)).toMatchObject({ netTotalMinor: 1710, vatTotalMinor: 359, grossTotalMinor: 2069 });
  });

  it('refuses without accepted terms, with an outdated terms version, an unknown payment method or an empty cart', async () => {
    const customer = await customerWithCart();
    const refused = async (form: Record<string, string>) => placeOrder(customer.actor, form, fromNl).catch((error: unknown) => error);
    const { acceptTerms: _, ...withoutAcceptance } = await checkoutForm();
    expect(await refused(withoutAcceptance)).toBeInstanceOf(ZodError);
    expect(await refused(await checkoutForm({ paymentMethod: 'free' }))).toBeInstanceOf(ZodError);
    expect(await refused(await checkoutForm({ termsVersion: '0123456789ab' }))).toMatchObject({ code: 'CONFLICT', fieldErrors: { acceptTerms: expect.any(String) } });
    expect(await db.select().from(orders).where(eq(orders.customerUserId, customer.userId))).toEqual([]);

    const other = await createSignedInCustomer();
    expect(await placeOrder(other.actor, await checkoutForm(), fromNl).catch((error: unknown) => error)).toMatchObject({ code: 'CONFLICT', userMessage: expect.stringMatching(/cart is empty/) });
  });

  it('records the order under the bank-transfer provider when chosen', async () => {
    const customer = await customerWithCart();
    const placed = await placeOrder(customer.actor, await checkoutForm({ paymentMethod: 'bank_transfer' }), fromNl);
    expect((await orderRow(placed.orderId)).paymentMethod).toBe('bank_transfer');
  });
});

describe('VAT at checkout', () => {
  const place = async (billing: Record<string, string>, client: TClientInfo = fromNl) => {
    const customer = await customerWithCart();
    const placed = await placeOrder(customer.actor, await checkoutForm(billing), client);
    return { order: await orderRow(placed.orderId), lines: await linesOf(placed.orderId) };
  };

  it("charges a consumer in another member state that country's rate (OSS)", async () => {
    const { order, lines } = await place({ countryCode: 'DE', city: 'Berlin' });
    expect(order).toMatchObject({ vatTreatment: 'oss_destination', vatTotalMinor: 741 });
    expect(lines[0]).toMatchObject({ vatRateBasisPoints: 1900, vatMinor: 741 });
  });

  it("charges the seller's rate to that consumer while the seller is under the threshold (setting)", async () => {
    await updateSetting('vat.underOssThreshold', true);
    const { order, lines } = await place({ countryCode: 'DE' });
    expect(order).toMatchObject({ vatTreatment: 'under_threshold', vatTotalMinor: 819 });
    expect(lines[0]).toMatchObject({ vatRateBasisPoints: 2100 });
  });

  it('charges a business in another member state with a valid VAT number nothing (reverse charge), number normalised', async () => {
    const { order, lines } = await place({ countryCode: 'DE', company: 'Bild GmbH', vatNumber: 'de 136 695 976' });
    expect(order).toMatchObject({ vatTreatment: 'reverse_charge', billingVatNumber: 'DE136695976', vatTotalMinor: 0, grossTotalMinor: 3900 });
    expect(lines[0]).toMatchObject({ vatRateBasisPoints: 0, vatMinor: 0 });
  });

  it('refuses a VAT number of invalid format with a message on the field', async () => {
    const customer = await customerWithCart();
    const refusal = await placeOrder(customer.actor, await checkoutForm({ countryCode: 'DE', vatNumber: 'DE12345' }), fromNl).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(AppError);
    expect(refusal).toMatchObject({ code: 'INVALID_INPUT', fieldErrors: { vatNumber: expect.stringMatching(/not a valid VAT number/) } });
    expect(await countCartItems({ kind: 'customer', userId: customer.userId })).toBe(1);
  });

  it("charges a business in the seller's own country domestic VAT", async () => {
    const { order } = await place({ countryCode: 'NL', vatNumber: 'NL004495445B01' });
    expect(order).toMatchObject({ vatTreatment: 'domestic', vatTotalMinor: 819 });
  });

  it('charges a buyer outside the EU no VAT (export)', async () => {
    const { order } = await place({ countryCode: 'US', city: 'Boston', postalCode: '02108', vatNumber: 'EIN 12-3456789' }, { ...fromNl, country: 'US' });
    expect(order).toMatchObject({ vatTreatment: 'export', vatTotalMinor: 0, billingVatNumber: 'EIN 12-3456789', locationMismatch: false });
  });

  it('uses the rate as the site owner edited it in the table', async () => {
    await db.execute(sql`update vat_rates set rate_basis_points = 2150 where country_code = 'AT'`);
    const { lines } = await place({ countryCode: 'AT' });
    // 21.5 % of €39.00 is €8.385: rounded half up on the line.
    expect(lines[0]).toMatchObject({ vatRateBasisPoints: 2150, vatMinor: 839 });
  });

  it('records both pieces of location evidence and flags a mismatch of billing and IP country', async () => {
    const mismatch = await place({ countryCode: 'DE' }, { ...fromNl, country: 'FR' });
    expect(mismatch.order).toMatchObject({ billingCountryCode: 'DE', ipCountryCode: 'FR', locationMismatch: true });
    const unknownIp = await place({ countryCode: 'DE' }, { ...fromNl, ip: null, country: null });
    expect(unknownIp.order).toMatchObject({ ipCountryCode: null, locationMismatch: false });
  });
});

describe('submitting one checkout twice (checklist 38)', () => {
  it('makes one order and one invoice from parallel submissions with the same key', async () => {
    const customer = await customerWithCart({ withoutApproval: true });
    const form = await checkoutForm();
    const results = await Promise.all(Array.from({ length: 8 }, () => placeOrder(customer.actor, form, fromNl)));
    expect(new Set(results.map((result) => result.orderId)).size).toBe(1);
    expect(results.filter((result) => result.created)).toHaveLength(1);
    expect(await db.select().from(orders).where(eq(orders.customerUserId, customer.userId))).toHaveLength(1);
    expect(await invoicesOf(results[0]!.orderId)).toHaveLength(1);
  });

  it('answers a repeated request (same key, later) with the same order', async () => {
    const customer = await customerWithCart();
    const form = await checkoutForm();
    const first = await placeOrder(customer.actor, form, fromNl);
    const again = await placeOrder(customer.actor, form, fromNl);
    expect(again).toEqual({ ...first, created: false });
  });

  it('makes one order from two tabs (two keys): the second finds the cart already checked out', async () => {
    const customer = await customerWithCart();
    const [first, second] = await Promise.allSettled([placeOrder(customer.actor, await checkoutForm(), fromNl), placeOrder(customer.actor, await checkoutForm(), fromNl)]);
    const outcomes = [first, second].map((outcome) => outcome.status);
    expect(outcomes.sort()).toEqual(['fulfilled', 'rejected']);
    const rejected = [first, second].find((outcome) => outcome.status === 'rejected') as PromiseRejectedResult;
    expect(rejected.reason).toMatchObject({ code: 'CONFLICT' });
    expect(await db.select().from(orders).where(eq(orders.customerUserId, customer.userId))).toHaveLength(1);
  });

  it("does not let one customer's key collide with another's", async () => {
    const [alice, bob] = [await customerWithCart(), await customerWithCart()];
    const form = await checkoutForm();
    const [a, b] = await Promise.all([placeOrder(alice.actor, form, fromNl), placeOrder(bob.actor, form, fromNl)]);
    expect(a.orderId).not.toBe(b.orderId);
    expect([a.created, b.created]).toEqual([true, true]);
  });
});

describe('100 concurrent checkouts', () => {
  it('by 100 customers without approval give 100 orders and 100 invoice numbers without gap or duplicate', async () => {
    const customers = await Promise.all(Array.from({ length: 100 }, () => customerWithCart({ withoutApproval: true })));
    const now = new Date('2041-02-03T10:00:00Z');
    const forms = await Promise.all(customers.map(() => checkoutForm()));
    const placed = await Promise.all(customers.map((customer, index) => placeOrder(customer.actor, forms[index], fromNl, { now })));
    expect(new Set(placed.map((order) => order.orderId)).size).toBe(100);
    const sequences = (await db.select({ sequence: invoices.sequence }).from(invoices).where(sql`${invoices.year} = 2041 and ${invoices.kind} = 'invoice'`))
      .map((row) => row.sequence)
      .sort((a, b) => a - b);
    expect(sequences).toEqual(Array.from({ length: 100 }, (_, index) => index + 1));
    const emptied = await db.select({ n: sql<number>`count(*)::int` }).from(cartItems).innerJoin(carts, eq(carts.id, cartItems.cartId)).where(sql`${carts.ownerUserId} in ${customers.map((customer) => customer.userId)}`);
    expect(emptied[0]!.n).toBe(0);
  });
});
