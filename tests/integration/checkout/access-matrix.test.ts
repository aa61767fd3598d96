/**
 * Who sees which cart and which order, through the pages as the server renders them, with real
 * sessions and visitor cookies (only Next's request cookies and headers stood in, as in
 * customer-page.test.ts): the owner; another customer (404, and the refusal logged: checklist 27);
 * a guest (sent to sign in); each staff role (a staff session is not a customer's: sent to sign in).
 */
import { randomBytes } from 'node:crypto';
import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import CartPage from '@/app/(shop)/cart/page';
import CheckoutPage from '@/app/(shop)/checkout/page';
import OrderPage from '@/app/account/orders/[id]/page';
import OrdersPage from '@/app/account/orders/page';
import { addToCart } from '@/lib/cart/add-to-cart';
import { createSession } from '@/lib/auth/sessions/create-session';
import { encodeSessionToken, sessionCookie } from '@/lib/auth/sessions/session-cookie';
import { closeDatabase, db } from '@/lib/db/client';
import { placeOrder } from '@/lib/orders/place-order';
import { staffRoles } from '@/lib/staff/permissions';
import { guestKeyFor, guestVisitorCookie } from '@/lib/visitors/guest-visitor';
import { createSignedInCustomer, TEST_CLIENT } from '../../helpers/actor-factory';
import { createImage } from '../../helpers/catalog-factory';
import { cartWithImage, checkoutForm } from '../../helpers/checkout-factory';
import { setTestSeller } from '../../helpers/order-factory';
import { createStaffMember } from '../../helpers/staff-factory';
import { fakeRequest } from '../../helpers/fake-next-headers';

vi.mock('next/headers', () => import('../../helpers/fake-next-headers'));
const request = fakeRequest;
request.ip = '198.51.100.64';

afterAll(closeDatabase);
beforeAll(() => setTestSeller());
beforeEach(() => request.cookies.clear());

const inAnHour = () => new Date(Date.now() + 3_600_000);
const useSession = async (token: string) => request.cookies.set(sessionCookie().name, await encodeSessionToken(token, inAnHour()));
const digestOf = (error: unknown) => String((error as { digest?: string }).digest ?? '');
const isNotFound = (error: unknown) => digestOf(error).includes('404');
const isSignInRedirect = (next: string) => (error: unknown) => digestOf(error).startsWith('NEXT_REDIRECT') && digestOf(error).includes(`/login?`) && digestOf(error).includes(`next=${encodeURIComponent(next)}`);
const render = async (page: Promise<ReactElement>) => renderToStaticMarkup(await page);
const orderPage = (id: string) => OrderPage({ params: Promise.resolve({ id }), searchParams: Promise.resolve({}) });

async function placedOrder() {
  const owner = await createSignedInCustomer({ fullName: 'Owner Olsen' });
  await cartWithImage(owner.userId, 'S', { title: 'Owner picture' });
  const placed = await placeOrder(owner.actor, await checkoutForm({ name: 'Owner Olsen', city: 'Utrecht' }), TEST_CLIENT);
  return { owner, placed };
}

describe('orders in My Account', () => {
  it('shows the owner the list and the order with its lines, billing snapshot and history', async () => {
    const { owner, placed } = await placedOrder();
    await useSession(owner.token);
    const list = await render(OrdersPage());
    expect(list).toContain(`Order ${placed.number}`);
    expect(list).toContain('Awaiting approval');
    const page = await render(orderPage(placed.orderId));
    expect(page).toContain(`Order ${placed.number}`);
    expect(page).toContain('Owner picture');
    expect(page).toContain('Utrecht');
    expect(page).toContain('Issued when the order is approved.');
  });

  it("is a 404 for another customer, with the refusal logged by ids only, and the list shows none of the owner's orders", async () => {
    const { placed } = await placedOrder();
    const other = await createSignedInCustomer();
    await useSession(other.token);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      await expect(orderPage(placed.orderId)).rejects.toSatisfy(isNotFound);
      const lines = warn.mock.calls.map((call) => String(call[0]));
      expect(lines).toContainEqual(`[authz] refused: user ${other.userId} asked for order ${placed.orderId} of another account`);
      expect(lines.join('\n')).not.toContain('Owner');
    } finally {
      warn.mockRestore();
    }
    expect(await render(OrdersPage())).not.toContain(`Order ${placed.number}`);
  });

  it('is a 404 without a log line for an unknown or malformed id', async () => {
    const customer = await createSignedInCustomer();
    await useSession(customer.token);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      await expect(orderPage('00000000-0000-4000-8000-000000000000')).rejects.toSatisfy(isNotFound);
      await expect(orderPage("1' or '1'='1")).rejects.toSatisfy(isNotFound);
      expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
    }
  });

  it('sends a guest to sign in', async () => {
    const { placed } = await placedOrder();
    await expect(OrdersPage()).rejects.toSatisfy(isSignInRedirect('/account/orders'));
    await expect(orderPage(placed.orderId)).rejects.toSatisfy(isSignInRedirect(`/account/orders/${placed.orderId}`));
    await expect(CheckoutPage()).rejects.toSatisfy(isSignInRedirect('/checkout'));
  });

  it.each(staffRoles)('sends a %s staff session to the customer sign-in: staff do not see orders through customer pages', async (role) => {
    const { placed } = await placedOrder();
    const staff = await createStaffMember(role);
    const { token } = await createSession(db, { userId: staff.userId, remember: false, client: TEST_CLIENT, kind: 'staff' });
    await useSession(token);
    await expect(orderPage(placed.orderId)).rejects.toSatisfy(isSignInRedirect(`/account/orders/${placed.orderId}`));
    await expect(OrdersPage()).rejects.toSatisfy(isSignInRedirect('/account/orders'));
    await expect(CheckoutPage()).rejects.toSatisfy(isSignInRedirect('/checkout'));
  });
});

describe('carts', () => {
  const visitorToken = () => randomBytes(32).toString('base64url');

  it("shows a guest their own cart under their visitor cookie and nobody else's", async () => {
    const [alice, bob] = [visitorToken(), visitorToken()];
    const imageId = await createImage({ title: 'Guest picture' });
    await addToCart({ kind: 'guest', guestKey: guestKeyFor(alice) }, { imageId, tier: 'M' });

    request.cookies.set(guestVisitorCookie().name, alice);
    expect(await render(CartPage())).toContain('Guest picture');
    request.cookies.set(guestVisitorCookie().name, bob);
    const other = await render(CartPage());
    expect(other).not.toContain('Guest picture');
    expect(other).toContain('Your cart is empty.');
    request.cookies.clear();
    expect(await render(CartPage())).toContain('Your cart is empty.');
  });

  it("shows a customer their account's cart, not a guest cart in the same browser, and another customer nothing of it", async () => {
    const owner = await createSignedInCustomer();
    await cartWithImage(owner.userId, 'S', { title: 'Account picture' });
    const guest = visitorToken();
    await addToCart({ kind: 'guest', guestKey: guestKeyFor(guest) }, { imageId: await createImage({ title: 'Guest-only picture' }), tier: 'S' });

    await useSession(owner.token);
    request.cookies.set(guestVisitorCookie().name, guest);
    const page = await render(CartPage());
    expect(page).toContain('Account picture');
    expect(page).not.toContain('Guest-only picture');

    const other = await createSignedInCustomer();
    await useSession(other.token);
    expect(await render(CartPage())).not.toContain('Account picture');
  });

  it('renders the checkout for the owner with the review when the account has a country', async () => {
    const owner = await createSignedInCustomer({ countryCode: 'DE', addressLine1: 'Unter den Linden 1', city: 'Berlin', postalCode: '10117' });
    await cartWithImage(owner.userId, 'M');
    await useSession(owner.token);
    const page = await render(CheckoutPage());
    expect(page).toContain('Unter den Linden 1');
    // Germany, a consumer: OSS at 19 % of €39.00.
    expect(page).toContain('19 %');
    expect(page).toContain('€7.41');
    expect(page).toContain('€46.41');
  });
});
