/**
 * The staff order desk in Chromium against the production build: a sales member finds orders by
 * customer and state, opens one (billing snapshot, VAT evidence), approves it (the invoice number
 * shows), registers a partial payment, is refused an over-payment next to the field, pays the
 * rest, and cancels another order, whose invoice gets a credit note; the customer's mails arrive.
 * Commercial terms are set on the order page. Axe on every page state.
 */
import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { createCustomer, withDb } from './customers';
import { waitForMail } from './mailbox';
import { seedOrder } from './orders';
import { createStaff, firstSignIn } from './staff-helpers';

test.describe('back office: order desk', () => {
  test('sales approve an order, register its payment, and cancel another with a credit note', async ({ page }) => {
    test.setTimeout(300_000);
    const customer = await createCustomer();
    const first = await seedOrder(customer.id, { billingName: 'Maeve Byrne' });
    const second = await seedOrder(customer.id, { billingName: 'Maeve Byrne', locationMismatch: true, ipCountryCode: 'US' });

    const sales = await createStaff('sales');
    await firstSignIn(page, sales, { totp: false });
    await page.getByRole('navigation', { name: 'Back office' }).getByRole('link', { name: 'Orders' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Orders' })).toBeVisible();
    await expectNoAxeViolations(page);

    // A filter that is too short is refused next to its field.
    await page.getByLabel('Customer name or e-mail').fill('m');
    await page.getByRole('button', { name: 'Filter' }).click();
    await expect(page.getByLabel('Customer name or e-mail')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.locator('#order-customer-error')).toContainText('at least 2 characters');

    await page.getByLabel('Customer name or e-mail').fill(customer.email);
    await page.getByLabel('State').selectOption({ label: 'Awaiting approval' });
    await page.getByRole('button', { name: 'Filter' }).click();
    const table = page.getByRole('table');
    await expect(table.getByRole('row')).toHaveCount(3);
    await expect(table.getByRole('row').filter({ hasText: String(second.number) })).toContainText('Location mismatch');
    await expect(table.getByRole('row').filter({ hasText: String(first.number) })).toContainText('Consistent');
    await expect(table).toContainText('€47.19');
    await expectNoAxeViolations(page);

    // The order: snapshot and evidence, then approval.
    await table.getByRole('link', { name: String(first.number) }).click();
    await expect(page.getByRole('heading', { level: 1, name: `Order ${first.number}` })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Billing details (as given at checkout)' })).toContainText('Harbour Studio Ltd');
    await expect(page.getByRole('region', { name: 'VAT treatment and location evidence' })).toContainText('The two pieces of evidence agree.');
    await expect(page.getByRole('region', { name: 'Licences' })).toContainText('Harbour at dawn');
    await expect(page.getByRole('region', { name: 'Invoice and payments' })).toContainText('No invoice yet');
    await expectNoAxeViolations(page);

    await page.getByRole('button', { name: 'Approve and invoice' }).click();
    const approved = page.getByRole('status').filter({ hasText: 'The order is approved' });
    await expect(approved).toContainText(/invoice \d{4}-\d{6} is issued/);
    const invoiceNumber = /invoice (\d{4}-\d{6}) is issued/.exec((await approved.textContent()) ?? '')![1]!;
    const documents = page.getByRole('region', { name: 'Invoice and payments' });
    await expect(documents.getByRole('link', { name: invoiceNumber })).toHaveAttribute('href', /^\/staff\/invoices\/[0-9a-f-]{36}$/);
    await expect(page.getByRole('button', { name: 'Approve and invoice' })).toHaveCount(0);
    await expect(page.getByRole('region', { name: 'History' })).toContainText('by Staff sales (staff)');
    await expectNoAxeViolations(page);
    const approvalMail = await waitForMail({ to: customer.email, subject: new RegExp(`order ${first.number} is approved$`) });
    expect(approvalMail.text).toContain(invoiceNumber);

    // A partial payment, an over-payment refused next to the field, then the rest.
    await page.getByLabel('Amount (EUR)').fill('20.00');
    await page.getByLabel('Reference').fill('SEPA 0042');
    await page.getByRole('button', { name: 'Register the payment' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'The payment is registered' })).toContainText('€27.19 is still open');
    await page.getByLabel('Amount (EUR)').fill('30');
    await page.getByRole('button', { name: 'Register the payment' }).click();
    await expect(page.getByLabel('Amount (EUR)')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByRole('main').getByRole('alert')).toContainText(`That is more than the €27.19 still open on invoice ${invoiceNumber}.`);
    await expectNoAxeViolations(page);
    await page.getByLabel('Amount (EUR)').fill('27.19');
    await page.getByRole('button', { name: 'Register the payment' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'paid in full' })).toBeVisible();
    await expect(documents.getByRole('table')).toContainText('SEPA 0042');
    await waitForMail({ to: customer.email, subject: /^Payment received for your .+ order/ });

    // Paid: it can be delivered now.
    await page.getByRole('button', { name: 'Mark delivered' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'marked delivered' })).toBeVisible();

    // The second order: cancelled after approval, with a credit note.
    await page.goto(`/staff/orders/${second.id}`);
    await expect(page.getByRole('region', { name: 'VAT treatment and location evidence' })).toContainText('The billing country and the IP address');
    await page.getByRole('button', { name: 'Approve and invoice' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'The order is approved' })).toBeVisible();
    await page.getByRole('button', { name: 'Cancel the order' }).click();
    await expect(page.getByLabel('Reason (sent to the customer)').last()).toHaveAttribute('aria-invalid', 'true');
    await page.getByLabel('Reason (sent to the customer)').last().fill('The customer ordered the wrong image');
    await page.getByRole('button', { name: 'Cancel the order' }).click();
    const cancelled = page.getByRole('status').filter({ hasText: 'The order is cancelled' });
    await expect(cancelled).toContainText(/credit note \S+ is issued/);
    const creditNoteNumber = /credit note (\S+) is issued/.exec((await cancelled.textContent()) ?? '')![1]!;
    await expect(page.getByRole('region', { name: 'Invoice and payments' }).getByRole('link', { name: creditNoteNumber })).toBeVisible();
    await expect(page.getByText('This order is closed: nothing more can be changed.')).toBeVisible();
    await expectNoAxeViolations(page);
    const cancelMail = await waitForMail({ to: customer.email, subject: new RegExp(`order ${second.number} is cancelled$`) });
    expect(cancelMail.text).toContain(creditNoteNumber);

    const statuses = await withDb(async (client) => (await client.query<{ id: string; status: string }>(`select id, status from orders where id in ($1, $2)`, [first.id, second.id])).rows);
    expect(Object.fromEntries(statuses.map((row) => [row.id, row.status]))).toEqual({ [first.id]: 'delivered', [second.id]: 'cancelled' });
  });

  test('sales set a customer’s commercial terms on the order page, and reject an order with a reason', async ({ page }) => {
    test.slow();
    const customer = await createCustomer();
    const order = await seedOrder(customer.id);
    const sales = await createStaff('sales');
    await firstSignIn(page, sales, { totp: false });
    await page.goto(`/staff/orders/${order.id}`);
    const terms = page.getByRole('region', { name: 'Commercial terms of this customer' });
    await expect(terms).toContainText('Standard terms');
    await terms.getByLabel('Discount (%)').fill('150');
    await terms.getByRole('button', { name: 'Save the terms' }).click();
    await expect(terms.getByLabel('Discount (%)')).toHaveAttribute('aria-invalid', 'true');
    await expectNoAxeViolations(page);
    await terms.getByLabel('May pay later').check();
    await terms.getByLabel('Discount (%)').fill('12.5');
    await terms.getByRole('button', { name: 'Save the terms' }).click();
    await expect(terms.getByRole('status')).toContainText('The commercial terms are saved.');
    await page.reload();
    await expect(terms.getByLabel('May pay later')).toBeChecked();
    await expect(terms.getByLabel('Download without approval')).not.toBeChecked();
    await expect(terms.getByLabel('Discount (%)')).toHaveValue('12.5');

    await page.getByLabel('Reason (sent to the customer)').first().fill('This image is editorial only');
    await page.getByRole('button', { name: 'Reject the order' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'The order is rejected' })).toBeVisible();
    await expect(page.getByRole('region', { name: 'History' })).toContainText('This image is editorial only');
    await expectNoAxeViolations(page);
    const mail = await waitForMail({ to: customer.email, subject: new RegExp(`order ${order.number} was not approved$`) });
    expect(mail.text).toContain('This image is editorial only');
  });
});
