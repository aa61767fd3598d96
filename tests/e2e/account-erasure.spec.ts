/**
 * "Delete my account" in Chromium against the production build: the preview of what is erased and
 * kept, the refusal while an invoice is unpaid, the password and the mailed link, the cooling-off
 * (sign-in refused, the link cancels), and an erasure carried out by the worker with its receipt.
 */
import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { createCustomer, signIn, withDb, type TCustomer } from './customers';
import { linkIn, waitForMail } from './mailbox';
import { e2eState } from './state';

const CONFIRM_SUBJECT = /^Confirm the deletion of your .+ account$/;
const RECEIPT_SUBJECT = /^Your .+ account has been deleted$/;
const main = (page: Page) => page.getByRole('main');

async function withSearches(customer: TCustomer) {
  await withDb((client) =>
    client.query(`insert into activity_events (kind, subject_user_id, search_query, search_filters, ip) select 'search', $1, 'lighthouse ' || n, '{}'::jsonb, '198.51.100.9' from generate_series(1, 3) as n`, [customer.id]),
  );
  return customer;
}

/** From the signed-in person's Delete my account page: the password, then the link from the mail. */
async function askToDelete(page: Page, customer: TCustomer): Promise<string> {
  await page.goto('/account/delete');
  await main(page).getByLabel('Your password').fill(customer.password);
  await main(page).getByRole('button', { name: 'Delete my account' }).click();
  await expect(main(page).getByText('We sent you an e-mail.')).toBeVisible();
  return linkIn(await waitForMail({ to: customer.email, subject: CONFIRM_SUBJECT }), 'delete-account');
}

async function signInRefusal(page: Page, customer: TCustomer) {
  await page.goto('/login');
  await page.getByLabel(/^E-mail/).fill(customer.email);
  await page.getByLabel('Password', { exact: true }).fill(customer.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  return main(page).getByRole('alert');
}

test.describe('Delete my account', () => {
  // One test sets the cooling-off to 0 for the whole site: the others must not run beside it.
  test.describe.configure({ mode: 'serial' });

  test('a guest is sent to sign in', async ({ page }) => {
    await page.goto('/account/delete');
    await expect(page).toHaveURL((url) => url.pathname === '/login' && url.searchParams.get('next') === '/account/delete');
  });

  test('is refused while an invoice is unpaid, naming the invoices; no form is offered', async ({ page }) => {
    const { invoiceBuyer, invoices } = e2eState();
    await signIn(page, invoiceBuyer, '/account/delete');
    const refusal = main(page).getByRole('alert');
    await expect(refusal).toContainText('cannot be deleted while invoices are unpaid');
    await expect(refusal).toContainText(invoices.open.number);
    await expect(refusal).toContainText(invoices.overdue.number);
    await expect(main(page).getByLabel('Your password')).toHaveCount(0);
    await expectNoAxeViolations(page);
  });

  test('shows what goes and what stays; the mailed link confirms, locks the account, and cancels during the cooling-off', async ({ page, browser }) => {
    test.setTimeout(180_000);
    const customer = await withSearches(await createCustomer({ marketing: true }));
    await signIn(page, customer, '/account');
    await page.getByRole('navigation', { name: 'My Account' }).getByRole('link', { name: 'Delete my account' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Delete my account' })).toBeVisible();
    const erased = main(page).getByRole('region', { name: 'What will be erased' });
    await expect(erased).toContainText('Searches, previews, comp downloads and sign-ins');
    // Three searches and this sign-in.
    await expect(erased).toContainText('4 records, deleted');
    await expect(main(page).getByRole('region', { name: 'What will be kept, why and until when' })).toBeVisible();
    await expect(main(page).getByText('locked for 7 days')).toBeVisible();
    await expectNoAxeViolations(page);

    await main(page).getByLabel('Your password').fill('not-my-password');
    await main(page).getByRole('button', { name: 'Delete my account' }).click();
    await expect(main(page).getByText('That is not your current password.').first()).toBeVisible();

    const link = await askToDelete(page, customer);
    // The link opened elsewhere (another device's mail app): it needs no session.
    const elsewhere = await browser.newContext();
    const visitor = await elsewhere.newPage();
    await visitor.goto(link);
    await expect(visitor.getByRole('heading', { level: 1, name: 'Delete your account' })).toBeVisible();
    await expectNoAxeViolations(visitor);
    await visitor.getByRole('button', { name: 'Confirm: delete my account' }).click();
    await expect(visitor.getByText('You confirmed the deletion of your account.')).toBeVisible();
    await expect(visitor.getByRole('button', { name: 'Cancel the deletion and keep my account' })).toBeVisible();

    // The session in the first browser ended with the confirmation.
    await page.goto('/account');
    await expect(page).toHaveURL((url) => url.pathname === '/login');
    await expect(await signInRefusal(page, customer)).toContainText('This account is being deleted');

    await visitor.goto(link);
    await expect(visitor.getByText(/will be erased on/)).toBeVisible();
    await expectNoAxeViolations(visitor);
    await visitor.getByRole('button', { name: 'Cancel the deletion and keep my account' }).click();
    await expect(visitor.getByText('The deletion is cancelled.')).toBeVisible();
    await signIn(page, customer, '/account');
    await visitor.goto(link);
    await expect(main(visitor).getByRole('alert')).toContainText('This link no longer works');
    await elsewhere.close();
  });

  test('with no cooling-off the worker erases the account at once and a receipt arrives', async ({ page }) => {
    test.setTimeout(120_000);
    const customer = await withSearches(await createCustomer());
    await withDb((client) => client.query(`insert into site_settings (key, value) values ('privacy.erasureCoolingOffDays', '0'::jsonb) on conflict (key) do update set value = excluded.value`));
    try {
      await signIn(page, customer, '/account/delete');
      const link = await askToDelete(page, customer);
      await page.goto(link);
      await page.getByRole('button', { name: 'Confirm: delete my account' }).click();
      await expect(page.getByText('It is being erased now.')).toBeVisible();
      const receipt = await waitForMail({ to: customer.email, subject: RECEIPT_SUBJECT }, 30_000);
      expect(receipt.text).toContain('Erased:');
      expect(receipt.text).toContain('Searches, previews, comp downloads and sign-ins');
      const { rows } = await withDb((client) => client.query<{ email: string; erased_at: Date | null }>('select email, erased_at from users where id = $1', [customer.id]));
      expect(rows[0]!.erased_at).not.toBeNull();
      expect(rows[0]!.email).not.toBe(customer.email);
      await expect(await signInRefusal(page, customer)).toContainText('The e-mail address or password is not right.');
    } finally {
      await withDb((client) => client.query(`delete from site_settings where key = 'privacy.erasureCoolingOffDays'`));
    }
  });
});
