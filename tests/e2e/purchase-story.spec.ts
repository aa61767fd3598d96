/**
 * The whole purchase story in Chromium against the production build, with one customer and one
 * order all the way, every step through the pages people use: a guest finds the lighthouse picture
 * and keeps it in a lightbox, registers (activation by mail), finds the lightbox in My Account and
 * shares it by mail; the recipient opens it. The customer buys size S (a real downscale of the
 * 1,600 px original) as a consumer in the seller's country, paying by invoice; sales staff approve
 * the order; the buyer reads the invoice and its PDF; staff register the payment; the buyer
 * downloads the file at the size bought; staff cancel the order with a credit note, and the download
 * is gone. The separate specs test each stage's edge cases; this one proves the stages fit together.
 */
import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import sharp from 'sharp';
import { expectNoAxeViolations } from './axe';
import { registerAndActivate, signIn, uniqueEmail, withDb } from './customers';
import { linkIn, waitForMail } from './mailbox';
import { pdfText } from './pdf';
import { createStaff, firstSignIn } from './staff-helpers';
import { e2eState } from './state';
import { addLighthouseToCart, cartLink, documentKept, fillBilling, markDocument } from './storefront';

const LIGHTHOUSE = 'Lighthouse at dusk over the harbour';
const BUYER = { fullName: 'Saoirse Vermeulen', password: 'Gull-Beacon-Tide-57' };
// Size S of the default price list: €19.00 net, Dutch VAT of 21 % for a consumer in the Netherlands (the seller's country).
const NET = '€19.00';
const VAT = '€3.99';
const GROSS = '€22.99';
const S_LONG_EDGE = 800;

const accountNav = (page: Page) => page.getByRole('navigation', { name: 'My Account' });
const mainStatus = (page: Page) => page.getByRole('main').getByRole('status');

test.describe('purchase story', () => {
  test('a guest keeps an image, registers, shares it, buys it, is invoiced, pays, downloads it, and the order is credited', async ({ browser }) => {
    // Two mails through the worker (it polls every 2 s), a staff first sign-in, a PDF and a download, with axe passes, on two shared cores.
    test.setTimeout(420_000);
    const { lighthouseImageId } = e2eState();
    const email = uniqueEmail('story');
    const buyerContext = await browser.newContext();
    const page = await buyerContext.newPage();
    const staffContext = await browser.newContext();
    const staffPage = await staffContext.newPage();

    await test.step('a guest keeps the image in a lightbox, registers, finds the lightbox in My Account and shares it; the recipient opens it', async () => {
      await page.goto('/');
      await page.getByLabel('What are you looking for?').fill('lighthouse');
      await page.keyboard.press('Enter');
      await expect(page).toHaveURL(/\/search\?q=lighthouse/);
      await page.getByRole('region', { name: 'Results' }).getByRole('link', { name: LIGHTHOUSE }).click();
      await expect(page.getByRole('heading', { level: 1, name: LIGHTHOUSE })).toBeVisible();

      await markDocument(page);
      await page.getByRole('button', { name: 'Add to lightbox' }).click();
      await expect(page.getByRole('button', { name: 'In my lightbox' })).toHaveAttribute('aria-pressed', 'true');
      await expect(page.getByRole('link', { name: 'View My lightbox (1 image)' })).toBeVisible();
      expect(await documentKept(page)).toBe(true);

      await page.getByRole('link', { name: 'View My lightbox (1 image)' }).click();
      await expect(page.getByRole('heading', { name: '1 image' })).toBeVisible();
      await expect(page.getByRole('img', { name: LIGHTHOUSE })).toBeVisible();
      await page.getByRole('main').getByRole('link', { name: 'Register' }).click();
      await registerAndActivate(page, { fullName: BUYER.fullName, email, password: BUYER.password });
      await signIn(page, { email, password: BUYER.password });

      await accountNav(page).getByRole('link', { name: 'Lightboxes' }).click();
      await expect(page.getByRole('heading', { name: 'Lightboxes', level: 1 })).toBeVisible();
      const myLightbox = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'My lightbox' }) });
      await expect(myLightbox).toContainText('1 image');
      await page.getByRole('link', { name: 'My lightbox', exact: true }).click();
      await expect(page.getByRole('heading', { name: 'My lightbox', level: 1 })).toBeVisible();
      await expect(page.getByRole('img', { name: LIGHTHOUSE })).toBeVisible();

      const recipient = uniqueEmail('story-recipient');
      await page.getByLabel('Send to').fill(recipient);
      await page.getByRole('button', { name: 'Send the lightbox' }).click();
      await expect(mainStatus(page).filter({ hasText: 'Sent to 1 address.' })).toBeVisible();

      const link = linkIn(await waitForMail({ to: recipient, subject: new RegExp(`^${BUYER.fullName} shared a lightbox with you on `) }), 'shared');
      const recipientContext = await browser.newContext();
      const recipientPage = await recipientContext.newPage();
      await recipientPage.goto(link);
      await expect(recipientPage.getByRole('heading', { name: 'My lightbox', level: 1 })).toBeVisible();
      await expect(recipientPage.getByRole('main').getByRole('img')).toHaveCount(1);
      await expect(recipientPage.getByRole('img', { name: LIGHTHOUSE })).toBeVisible();
      const shown = await recipientPage.locator('body').innerText();
      for (const personal of ['Saoirse', 'Vermeulen', email]) expect(shown).not.toContain(personal);
      await expect(recipientPage.getByRole('main').getByRole('button')).toHaveCount(0);
      await expect(recipientPage.getByRole('main').getByRole('textbox')).toHaveCount(0);
      await recipientContext.close();
    });

    let order = { id: '', number: '' };
    let line = { width_px: 0, height_px: 0, tier: '' };
    await test.step('the customer buys size S as a consumer in the Netherlands, paying by invoice; the order awaits approval', async () => {
      await addLighthouseToCart(page, 'S');
      await cartLink(page).click();
      await expect(page.getByRole('heading', { name: 'Your cart', level: 1 })).toBeVisible();
      await expect(page.getByRole('main')).toContainText('Royalty-free, size S');
      await expect(page.getByRole('main')).toContainText(NET);
      await page.getByRole('link', { name: 'Check out' }).click();
      await expect(page).toHaveURL(/\/checkout$/);
      await expect(page.getByLabel('Full name')).toHaveValue(BUYER.fullName);
      await fillBilling(page, BUYER.fullName);
      const review = page.getByRole('table', { name: /Licences with net amount/ });
      await expect(review).toContainText('21 %');
      await expect(review).toContainText(VAT);
      await expect(review).toContainText(GROSS);
      await page.getByLabel(/I accept the licence terms/).check();
      await page.getByRole('radio', { name: /Pay by invoice/ }).check();
      await page.getByRole('button', { name: `Place order, total ${GROSS}` }).click();

      await expect(page).toHaveURL(/\/account\/orders\/[0-9a-f-]{36}\?placed=1$/);
      const heading = page.getByRole('heading', { level: 1, name: /^Order \d+$/ });
      order = { id: /\/account\/orders\/([0-9a-f-]{36})/.exec(page.url())![1]!, number: /^Order (\d+)$/.exec((await heading.textContent())!.trim())![1]! };
      await expect(page.getByRole('main')).toContainText('Pay by invoice');
      // The size sold is stored on the order line: S is 800 px on the long side, smaller than the 1,600 px original.
      line = await withDb(async (client) => (await client.query<typeof line>('select width_px, height_px, tier from order_lines where order_id = $1', [order.id])).rows[0]!);
      expect(line.tier).toBe('S');
      expect(Math.max(line.width_px, line.height_px)).toBe(S_LONG_EDGE);
      await expect(page.getByRole('main')).toContainText(`Royalty-free, size S, ${line.width_px} × ${line.height_px} px`);

      await accountNav(page).getByRole('link', { name: 'Orders' }).click();
      const row = page.getByRole('row', { name: new RegExp(`Order ${order.number}\\b`) });
      await expect(row).toContainText('Awaiting approval');
      await expect(row).toContainText(GROSS);
    });

    let invoiceNumber = '';
    await test.step('sales staff find the order and approve it', async () => {
      const sales = await createStaff('sales');
      await firstSignIn(staffPage, sales, { totp: false });
      await staffPage.getByRole('navigation', { name: 'Back office' }).getByRole('link', { name: 'Orders' }).click();
      await staffPage.getByLabel('Customer name or e-mail').fill(email);
      await staffPage.getByLabel('State').selectOption({ label: 'Awaiting approval' });
      await staffPage.getByRole('button', { name: 'Filter' }).click();
      await staffPage.getByRole('table').getByRole('link', { name: order.number, exact: true }).click();
      await expect(staffPage.getByRole('heading', { level: 1, name: `Order ${order.number}` })).toBeVisible();
      await expect(staffPage.getByRole('region', { name: 'Billing details (as given at checkout)' })).toContainText('Prinsengracht 2');
      await expect(staffPage.getByRole('region', { name: 'Licences' })).toContainText(LIGHTHOUSE);

      await staffPage.getByRole('button', { name: 'Approve and invoice' }).click();
      const approved = staffPage.getByRole('status').filter({ hasText: 'The order is approved' });
      await expect(approved).toContainText(/invoice \d{4}-\d{6} is issued/);
      invoiceNumber = /invoice (\d{4}-\d{6}) is issued/.exec((await approved.textContent()) ?? '')![1]!;
      expect((await waitForMail({ to: email, subject: new RegExp(`order ${order.number} is approved$`) })).text).toContain(invoiceNumber);

      // The buyer's order page in its approved state, with the invoice linked: no other spec shows it.
      await page.goto(`/account/orders/${order.id}`);
      await expect(page.getByRole('main').getByText('Approved').first()).toBeVisible();
      await expect(page.getByRole('link', { name: `Invoice ${invoiceNumber}` })).toBeVisible();
      await expectNoAxeViolations(page);
    });

    let invoicePath = '';
    await test.step('the buyer opens the invoice in My Account and its PDF', async () => {
      await accountNav(page).getByRole('link', { name: 'Invoices' }).click();
      const table = page.getByRole('table', { name: 'Your invoices and credit notes, newest first' });
      await expect(table.getByRole('row', { name: new RegExp(`^Invoice ${invoiceNumber}`) })).toContainText('Unpaid');
      await table.getByRole('link', { name: `Invoice ${invoiceNumber}`, exact: true }).click();
      await expect(page.getByRole('heading', { level: 1, name: `Invoice ${invoiceNumber}` })).toBeVisible();
      invoicePath = new URL(page.url()).pathname;
      const document = page.getByRole('article');
      await expect(document).toContainText('Saoirse Vermeulen');
      await expect(document).toContainText(`size S, ${line.width_px} × ${line.height_px} px`);
      await expect(document).toContainText(`Net total${NET}`);
      await expect(document).toContainText(`VAT total${VAT}`);
      await expect(document).toContainText(`Total${GROSS}`);
      await expect(document.getByRole('table', { name: 'VAT summary' }).getByRole('row', { name: /^21%/ })).toContainText(VAT);
      await expect(document).toContainText("VAT treatment: VAT at the seller's rate.");
      await expect(document).toContainText(new RegExp(`${GROSS.replace('.', '\\.')} is due by`));

      const pdfHref = await page.getByRole('link', { name: /Download PDF/ }).getAttribute('href');
      expect(pdfHref).toBe(`${invoicePath}/pdf`);
      const pdf = await page.request.get(pdfHref!);
      expect(pdf.headers()['content-type']).toBe('application/pdf');
      const text = await pdfText(pdf);
      expect(text).toContain(`Number: ${invoiceNumber}`);
      expect(text).toContain('Saoirse Vermeulen');
      expect(text).toContain(`Net total ${NET}`);
      expect(text).toContain(`VAT total ${VAT}`);
      expect(text).toContain(`Total ${GROSS}`);
      expect(text).toMatch(/21% €19\.00 €3\.99/);
      expect(text).toContain("VAT treatment: VAT at the seller's rate.");
    });

    await test.step('staff register the payment, and the buyer sees the invoice paid', async () => {
      const today = new Date().toISOString().slice(0, 10);
      await staffPage.reload();
      await staffPage.getByLabel('Date received').fill(today);
      await staffPage.getByLabel('Amount (EUR)').fill('22.99');
      await staffPage.getByLabel('Method').selectOption({ label: 'Bank transfer' });
      await staffPage.getByLabel('Reference').fill(`Story ${order.number}`);
      await staffPage.getByRole('button', { name: 'Register the payment' }).click();
      await expect(staffPage.getByRole('status').filter({ hasText: 'paid in full' })).toBeVisible();

      await page.reload();
      const document = page.getByRole('article');
      await expect(document).toContainText(`Paid in full: ${GROSS} received.`);
      await expect(document.getByRole('listitem').filter({ hasText: `${GROSS} on ` })).toContainText('(bank transfer)');
      // A paid invoice with its payment listed: the invoices spec only checks an open one.
      await expectNoAxeViolations(page);
    });

    let downloadHref = '';
    await test.step('the buyer downloads the purchased size from My Account', async () => {
      await accountNav(page).getByRole('link', { name: 'Downloads' }).click();
      const section = page.getByRole('region', { name: `Order ${order.number}` });
      await expect(section).toContainText(`Small (S) · ${line.width_px} × ${line.height_px} px`);
      const button = section.getByRole('link', { name: `Download ${LIGHTHOUSE}, size S` });
      downloadHref = (await button.getAttribute('href'))!;
      const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
      expect(download.suggestedFilename()).toBe(`stockroom-${order.number}-${lighthouseImageId}-S.jpg`);
      const info = await sharp(await readFile((await download.path())!)).metadata();
      expect([info.format, info.width, info.height]).toEqual(['jpeg', line.width_px, line.height_px]);
      expect(info.xmp?.toString('utf8')).toContain(`photoshop:TransmissionReference="${order.number}"`);
    });

    await test.step('staff cancel the order with a credit note; the buyer sees it, and the download is gone', async () => {
      await staffPage.reload();
      await staffPage.getByLabel('Reason (sent to the customer)').fill('Licence withdrawn at the customer’s request');
      await staffPage.getByRole('button', { name: 'Cancel the order' }).click();
      const cancelled = staffPage.getByRole('status').filter({ hasText: 'The order is cancelled' });
      await expect(cancelled).toContainText(/credit note CN-\d{4}-\d{6} is issued/);
      const creditNoteNumber = /credit note (CN-\d{4}-\d{6}) is issued/.exec((await cancelled.textContent()) ?? '')![1]!;
      expect((await waitForMail({ to: email, subject: new RegExp(`order ${order.number} is cancelled$`) })).text).toContain(creditNoteNumber);

      await accountNav(page).getByRole('link', { name: 'Invoices' }).click();
      const table = page.getByRole('table', { name: 'Your invoices and credit notes, newest first' });
      await expect(table.getByRole('row', { name: new RegExp(`^Invoice ${invoiceNumber}`) })).toContainText('Cancelled by credit note');
      await table.getByRole('link', { name: `Credit note ${creditNoteNumber}`, exact: true }).click();
      await expect(page.getByRole('heading', { level: 1, name: `Credit note ${creditNoteNumber}` })).toBeVisible();
      const document = page.getByRole('article');
      await expect(document).toContainText(`This credit note cancels invoice ${invoiceNumber}`);
      await expect(document).toContainText('Reason: Licence withdrawn at the customer’s request');
      await expect(document).toContainText(`Total credited-${GROSS}`);
      await document.getByRole('link', { name: invoiceNumber }).click();
      await expect(page.getByRole('heading', { level: 1, name: `Invoice ${invoiceNumber}` })).toBeVisible();
      await expect(page.getByRole('article')).toContainText(`Cancelled by credit note ${creditNoteNumber}; ${GROSS} had been received.`);

      await accountNav(page).getByRole('link', { name: 'Downloads' }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'Downloads' })).toBeVisible();
      await expect(page.getByRole('region', { name: `Order ${order.number}` })).toHaveCount(0);
      // The link signed before the cancellation stops working too, although it has not expired.
      expect((await page.request.get(downloadHref)).status()).toBe(404);

      // The cancelled order in the list and on its page, with both documents linked: no other spec shows this state.
      await accountNav(page).getByRole('link', { name: 'Orders' }).click();
      await expect(page.getByRole('row', { name: new RegExp(`Order ${order.number}\\b`) })).toContainText('Cancelled');
      await expectNoAxeViolations(page);
      await page.getByRole('row', { name: new RegExp(`Order ${order.number}\\b`) }).getByRole('link').first().click();
      await expect(page.getByRole('heading', { level: 1, name: `Order ${order.number}` })).toBeVisible();
      await expect(page.getByRole('link', { name: `Credit note ${creditNoteNumber}` })).toBeVisible();
      await expect(page.getByRole('link', { name: `Invoice ${invoiceNumber}` })).toBeVisible();
      await expectNoAxeViolations(page);
    });

    await staffContext.close();
    await buyerContext.close();
  });
});
