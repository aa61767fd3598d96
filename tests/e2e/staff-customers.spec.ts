/**
 * The customers section of the back office in Chromium against the production build: a privacy
 * officer searches, opens a customer only after giving a purpose, sees their details, sends a
 * reset mail, starts a login e-mail change and locks the customer, whose browser is signed out at
 * its next request; the customer confirms the new address through the link. Axe on every page.
 */
import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { createCustomer, signIn, withDb } from './customers';
import { RESET_SUBJECT, waitForMail } from './mailbox';
import { createStaff, firstSignIn } from './staff-helpers';

test.describe('back office: customers', () => {
  test('a privacy officer searches, opens a customer with a purpose, sends a reset mail, changes the e-mail and locks the customer', async ({ page, browser }) => {
    test.slow();
    const customer = await createCustomer();
    const company = `Heronsgate ${randomUUID().slice(0, 8)}`;
    await withDb((client) => client.query(`update users set company = $1, phone = '+353 1 555 0142', city = 'Galway', country_code = 'IE' where id = $2`, [company, customer.id]));
    const customerContext = await browser.newContext();
    const customerPage = await customerContext.newPage();
    await signIn(customerPage, customer);

    const officer = await createStaff('privacy_officer');
    await firstSignIn(page, officer, { totp: true });
    await page.getByRole('navigation', { name: 'Back office' }).getByRole('link', { name: 'Customers' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Customers' })).toBeVisible();
    await expect(page.getByText('Enter at least 2 characters')).toBeVisible();
    await expectNoAxeViolations(page);

    // Too short a search: the message is next to the field.
    await page.getByLabel('Name, e-mail or company').fill('h');
    await page.getByRole('button', { name: 'Search' }).click();
    await expect(page.getByLabel('Name, e-mail or company')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.locator('#customer-search-error')).toContainText('at least 2 characters');

    await page.getByLabel('Name, e-mail or company').fill(company.toLowerCase());
    await page.getByRole('button', { name: 'Search' }).click();
    const results = page.getByRole('table');
    await expect(results.getByRole('row')).toHaveCount(2);
    await expect(results).toContainText(customer.email);
    await expect(results).toContainText(company);
    await expect(results).toContainText('Active');
    await expectNoAxeViolations(page);

    // Opening asks for a purpose; nothing of the customer shows before.
    await results.getByRole('link', { name: customer.fullName }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Why do you open this customer?' })).toBeVisible();
    await expect(page.getByText(customer.email)).toHaveCount(0);
    await expectNoAxeViolations(page);
    await page.getByRole('button', { name: 'Open the customer' }).click();
    await expect(page.getByLabel('Purpose')).toHaveAttribute('aria-invalid', 'true');
    await page.getByLabel('Purpose').selectOption({ label: 'Data-subject request' });
    await page.getByRole('button', { name: 'Open the customer' }).click();
    await expect(page.getByRole('heading', { level: 1, name: customer.fullName })).toBeVisible();
    await expect(page.getByText('Opened for: Data-subject request')).toBeVisible();
    const details = page.getByRole('region', { name: 'Details' });
    await expect(details).toContainText(customer.email);
    await expect(details).toContainText('+353 1 555 0142');
    await expect(details).toContainText('Ireland');
    await expect(page.getByRole('region', { name: 'Sessions' }).getByRole('table')).toContainText('Open');
    await expectNoAxeViolations(page);

    // A reload within 15 minutes does not ask again; each view is in the audit trail with its purpose.
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: customer.fullName })).toBeVisible();
    const views = await withDb(async (client) =>
      (await client.query(`select purpose, client_ip from audit_trail where action = 'customer.viewed' and subject_user_id = $1 and actor_user_id = $2`, [customer.id, officer.id])).rows,
    );
    expect(views.length).toBeGreaterThanOrEqual(2);
    expect(views[0]).toMatchObject({ purpose: 'Data-subject request' });

    await page.getByRole('button', { name: 'Send a password-reset link' }).click();
    await expect(page.getByText('A password-reset link is on its way')).toBeVisible();
    await waitForMail({ to: customer.email, subject: RESET_SUBJECT });

    const newEmail = `moved-${randomUUID().slice(0, 8)}@example.test`;
    await page.getByLabel('New sign-in e-mail').fill('not an address');
    await page.getByRole('button', { name: 'Send the confirmation link' }).click();
    await expect(page.getByLabel('New sign-in e-mail')).toHaveAttribute('aria-invalid', 'true');
    await page.getByLabel('New sign-in e-mail').fill(newEmail);
    await page.getByRole('button', { name: 'Send the confirmation link' }).click();
    await expect(page.getByText(`A confirmation link went to ${newEmail}`)).toBeVisible();
    await waitForMail({ to: customer.email, subject: /sign-in e-mail was requested$/ });
    const confirmMail = await waitForMail({ to: newEmail, subject: /^Confirm your new .+ sign-in e-mail$/ });

    await page.getByRole('button', { name: 'Lock the customer' }).click();
    await expect(page.getByText('The customer is locked and signed out of one session.')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Unlock the customer' })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Details' })).toContainText('Locked');
    await expectNoAxeViolations(page);

    // The customer's browser is signed out at its next request.
    await customerPage.goto('/account');
    await customerPage.waitForURL((url) => url.pathname === '/login');

    await page.getByRole('button', { name: 'Unlock the customer' }).click();
    await expect(page.getByRole('button', { name: 'Lock the customer' })).toBeVisible();

    // The link in the new address's mail: a confirm button, then the change.
    const link = /https?:\/\/[^\s"<>]+\/confirm-email\/[A-Za-z0-9_-]+/.exec(confirmMail.text)![0];
    await customerPage.goto(new URL(link).pathname);
    await expect(customerPage.getByRole('heading', { level: 1, name: 'Confirm your new sign-in e-mail' })).toBeVisible();
    await expectNoAxeViolations(customerPage);
    await customerPage.getByRole('button', { name: 'Confirm my new e-mail' }).click();
    await expect(customerPage.getByText('Your sign-in e-mail has been changed.')).toBeVisible();
    await expectNoAxeViolations(customerPage);
    await waitForMail({ to: customer.email, subject: /sign-in e-mail was changed$/ });
    await signIn(customerPage, { email: newEmail, password: customer.password });
    await customerPage.goto(new URL(link).pathname);
    await expect(customerPage.getByText('This link cannot be used')).toBeVisible();
    await customerContext.close();
  });

  test('sales staff get a 404 for the customers pages, and the refusal is logged', async ({ page }) => {
    const customer = await createCustomer();
    const sales = await createStaff('sales');
    await firstSignIn(page, sales, { totp: false });
    await expect(page.getByRole('navigation', { name: 'Back office' }).getByRole('link', { name: 'Customers' })).toHaveCount(0);
    expect((await page.request.get('/staff/customers')).status()).toBe(404);
    expect((await page.request.get(`/staff/customers/${customer.id}`)).status()).toBe(404);
    const refused = await withDb(async (client) => (await client.query(`select target from access_log where user_id = $1 and kind = 'staff_request' order by id`, [sales.id])).rows);
    expect(refused).toEqual(expect.arrayContaining([{ target: '/staff/customers' }, { target: `/staff/customers/${customer.id}` }]));
  });
});
