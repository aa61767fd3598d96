/**
 * Cart and checkout in Chromium against the production build: a customer puts a size of an image in
 * the cart from its page (no full reload; the header counts it), checks out with billing details,
 * the review, the licence terms and a payment method, and finds the order awaiting approval in My
 * Account. A double-clicked "Place order" makes one order.
 */
import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { createCustomer, signIn, withDb, type TCustomer } from './customers';
import { addLighthouseToCart, cartLink, fillBilling } from './storefront';

const ordersOf = (userId: string) =>
  withDb(async (client) => (await client.query<{ id: string; number: string; status: string; gross_total_minor: number }>('select id, number, status, gross_total_minor from orders where customer_user_id = $1', [userId])).rows);

test.describe('cart and checkout', () => {
  let customer: TCustomer;
  test.beforeEach(async () => {
    customer = await createCustomer();
  });

  test('a customer adds an image to the cart, checks out and sees the order awaiting approval', async ({ page }) => {
    // Four axe runs and two sign-ins on two shared cores.
    test.slow();
    await signIn(page, customer);
    await addLighthouseToCart(page);

    await cartLink(page).click();
    await expect(page).toHaveURL(/\/cart$/);
    await expect(page.getByRole('heading', { name: 'Your cart', level: 1 })).toBeVisible();
    await expect(page.getByRole('main')).toContainText('Lighthouse at dusk over the harbour');
    await expect(page.getByRole('main')).toContainText('Royalty-free, size M');
    await expect(page.getByRole('main')).toContainText('€39.00');
    await expectNoAxeViolations(page);

    await page.getByRole('link', { name: 'Check out' }).click();
    await expect(page).toHaveURL(/\/checkout$/);
    await expect(page.getByLabel('Full name')).toHaveValue(customer.fullName);
    await fillBilling(page);
    const review = page.getByRole('table', { name: /Licences with net amount/ });
    await expect(review).toContainText('21 %');
    await expect(review).toContainText('€8.19');
    await expect(review).toContainText('€47.19');
    await expectNoAxeViolations(page);

    // Without accepting the licence terms the order is refused, with the message at the field.
    await page.getByRole('button', { name: /^Place order/ }).click();
    await expect(page.getByRole('main').getByRole('alert')).toContainText('Accept the licence terms');
    await page.getByLabel(/I accept the licence terms/).check();
    await page.getByRole('radio', { name: /Bank transfer/ }).check();
    await page.getByRole('button', { name: 'Place order, total €47.19' }).click();

    await expect(page).toHaveURL(/\/account\/orders\/[0-9a-f-]{36}\?placed=1$/);
    const [order] = await ordersOf(customer.id);
    expect(order).toMatchObject({ status: 'awaiting_approval', gross_total_minor: 4719 });
    await expect(page.getByRole('heading', { name: `Order ${order!.number}`, level: 1 })).toBeVisible();
    await expect(page.getByRole('main').getByText('Awaiting approval').first()).toBeVisible();
    await expect(page.getByRole('main')).toContainText('Bank transfer');
    await expect(page.getByRole('main')).toContainText('Prinsengracht 2');
    await expect(page.getByRole('main')).toContainText('Issued when the order is approved.');
    await expect(cartLink(page)).toHaveText(/^Cart$/);
    await expectNoAxeViolations(page);

    await page.getByRole('link', { name: '← All orders' }).click();
    await expect(page).toHaveURL(/\/account\/orders$/);
    const row = page.getByRole('row', { name: new RegExp(`Order ${order!.number}`) });
    await expect(row).toContainText('Awaiting approval');
    await expect(row).toContainText('€47.19');
    await expectNoAxeViolations(page);

    // Another customer gets the not-found page. (My Account streams behind its loading state, so the
    // status line has gone out as 200 before the page decides; the integration access matrix checks
    // that notFound() is what the page throws, and the log line.)
    const other = await createCustomer();
    await page.context().clearCookies();
    await signIn(page, other);
    await page.goto(`/account/orders/${order!.id}`);
    await expect(page.getByRole('heading', { name: 'We could not find that page', level: 1 })).toBeVisible();
    await expect(page.getByRole('main')).not.toContainText('Prinsengracht 2');
  });

  test('a double-clicked "Place order" makes one order', async ({ page }) => {
    await signIn(page, customer);
    await addLighthouseToCart(page);
    await page.goto('/checkout');
    await fillBilling(page);
    await page.getByLabel(/I accept the licence terms/).check();
    await page.getByRole('button', { name: /^Place order/ }).dblclick();
    await expect(page).toHaveURL(/\/account\/orders\/[0-9a-f-]{36}\?placed=1$/);
    expect(await ordersOf(customer.id)).toHaveLength(1);
  });

  test('a guest is sent to sign in from the checkout and comes back to it with the cart', async ({ page }) => {
    await addLighthouseToCart(page);
    await page.goto('/cart');
    await page.getByRole('link', { name: 'Sign in to check out' }).click();
    await expect(page).toHaveURL(/\/login\?.*next=%2Fcheckout/);
    await page.getByLabel(/^E-mail/).fill(customer.email);
    await page.getByLabel('Password', { exact: true }).fill(customer.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page).toHaveURL(/\/checkout$/);
    await expect(page.getByLabel('Full name')).toHaveValue(customer.fullName);
    await expect(cartLink(page)).toHaveText(/Cart\s*1/);
  });

  test('an empty cart says so, and offers the catalogue', async ({ page }) => {
    await page.goto('/cart');
    await expect(page.getByText('Your cart is empty.')).toBeVisible();
    await expect(page.getByRole('main').getByRole('link', { name: 'Browse images' })).toBeVisible();
    await expectNoAxeViolations(page);
  });
});
