/**
 * Invoices in Chromium against the production build: the buyer finds their invoices in My Account,
 * opens one and its PDF (whose text is read back), a credit note and a reverse-charge invoice;
 * another customer's invoice and a guest get nothing. A sales member opens the list, the overdue
 * list and an invoice, and exports the CSV. Invoices are seeded by tests/e2e/seed-e2e-invoices.ts.
 */
import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { signIn } from './customers';
import { pdfText } from './pdf';
import { createStaff, firstSignIn } from './staff-helpers';
import { e2eState } from './state';

test.describe('invoices', () => {
  test('the buyer finds their invoices in My Account, opens one and its PDF', async ({ page }) => {
    test.slow();
    const { invoiceBuyer, invoices } = e2eState();
    await signIn(page, invoiceBuyer);
    await page.getByRole('navigation', { name: 'My Account' }).getByRole('link', { name: 'Invoices' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Invoices' })).toBeVisible();
    const table = page.getByRole('table', { name: 'Your invoices and credit notes, newest first' });
    for (const invoice of [invoices.open, invoices.overdue, invoices.paid, invoices.cancelled, invoices.reverseCharge]) {
      await expect(table.getByRole('link', { name: `Invoice ${invoice.number}`, exact: true })).toBeVisible();
    }
    await expect(table.getByRole('link', { name: `Credit note ${invoices.creditNote.number}`, exact: true })).toBeVisible();
    await expect(table).not.toContainText(invoices.othersInvoice.number);
    await expect(table.getByRole('row', { name: new RegExp(`^Invoice ${invoices.overdue.number}`) })).toContainText('Overdue');
    await expect(table.getByRole('row', { name: new RegExp(`^Invoice ${invoices.paid.number}`) })).toContainText('Paid');
    await expect(page.getByText('are waiting for payment, and at least one is past its due date')).toBeVisible();
    await expectNoAxeViolations(page);

    await table.getByRole('link', { name: `Invoice ${invoices.open.number}` }).click();
    await expect(page.getByRole('heading', { level: 1, name: `Invoice ${invoices.open.number}` })).toBeVisible();
    const document = page.getByRole('article');
    await expect(document).toContainText('Test Picture Agency B.V.');
    await expect(document).toContainText('VAT number: NL853746333B01');
    await expect(document).toContainText('Orla’s Pictures Ltd');
    await expect(document).toContainText('size L, 3000 × 2000 px, licence terms test-terms-1');
    // The licensed image's thumbnail (decorative: the line names the image), loaded from the public thumb route.
    const thumb = document.locator(`img[src="/media/thumb/${e2eState().lighthouseImageId}"]`);
    await expect(thumb).toHaveCount(1);
    await expect.poll(() => thumb.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth > 0)).toBe(true);
    await expect(document).toContainText('Total€83.49');
    await expect(document).toContainText('Unpaid');
    await expect(document).toContainText(/€83\.49 is due by \d{1,2} \w+ \d{4}/);
    await expectNoAxeViolations(page);
    // Printing leaves only the invoice: no site header, account navigation or buttons.
    await page.emulateMedia({ media: 'print' });
    await expect(page.getByRole('navigation', { name: 'My Account' })).toBeHidden();
    await expect(page.getByRole('button', { name: 'Print' })).toBeHidden();
    await expect(document).toBeVisible();
    await page.emulateMedia({ media: 'screen' });

    const pdfHref = await page.getByRole('link', { name: /Download PDF/ }).getAttribute('href');
    expect(pdfHref).toBe(`/account/invoices/${invoices.open.id}/pdf`);
    const pdf = await page.request.get(pdfHref!);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect(pdf.headers()['content-disposition']).toBe(`inline; filename="invoice-${invoices.open.number}.pdf"`);
    const text = await pdfText(pdf);
    expect(text).toContain(`Number: ${invoices.open.number}`);
    expect(text).toContain('Orla’s Pictures Ltd');
    expect(text).toMatch(/Total €83\.49/);
    expect(text).toMatch(/VAT total €14\.49/);

  });

  test('the buyer opens a reverse-charge invoice and a credit note; another customer’s invoice and a guest get nothing', async ({ page, browser }) => {
    test.slow();
    const { invoiceBuyer, invoices } = e2eState();
    await signIn(page, invoiceBuyer);
    // The reverse-charge invoice: the buyer's VAT number and the note, on the page and in the PDF.
    await page.goto(`/account/invoices/${invoices.reverseCharge.id}`);
    await expect(page.getByRole('article')).toContainText('VAT number: DE136695976');
    await expect(page.getByRole('article')).toContainText('Reverse charge: VAT to be accounted for by the recipient');
    const reverseText = await pdfText(await page.request.get(`/account/invoices/${invoices.reverseCharge.id}/pdf`));
    expect(reverseText).toContain(`Number: ${invoices.reverseCharge.number}`);
    expect(reverseText).toMatch(/Total €69\.00/);
    expect(reverseText).toContain('Reverse charge: VAT to be accounted for by the recipient (art. 196 Directive 2006/112/EC).');

    // The credit note names the invoice it cancels and why; the invoice names its credit note.
    await page.goto(`/account/invoices/${invoices.creditNote.id}`);
    await expect(page.getByRole('heading', { level: 1, name: `Credit note ${invoices.creditNote.number}` })).toBeVisible();
    await expect(page.getByRole('article')).toContainText(`This credit note cancels invoice ${invoices.cancelled.number}`);
    await expect(page.getByRole('article')).toContainText('Reason: Ordered the wrong size');
    await expect(page.getByRole('article')).toContainText('Total credited-€83.49');
    await expectNoAxeViolations(page);
    await page.getByRole('article').getByRole('link', { name: invoices.cancelled.number }).click();
    await expect(page.getByRole('heading', { level: 1, name: `Invoice ${invoices.cancelled.number}` })).toBeVisible();
    await expect(page.getByRole('article')).toContainText(`Cancelled by credit note ${invoices.creditNote.number}`);
    const creditText = await pdfText(await page.request.get(`/account/invoices/${invoices.creditNote.id}/pdf`));
    expect(creditText).toContain(`This credit note cancels invoice ${invoices.cancelled.number}`);

    // Someone else's invoice: the same "not found" as an unknown one, for the page and the PDF.
    await page.goto(`/account/invoices/${invoices.othersInvoice.id}`);
    await expect(page.getByRole('heading', { level: 1, name: 'We could not find that page' })).toBeVisible();
    await expect(page.locator('body')).not.toContainText(invoices.othersInvoice.number);
    await expect(page.locator('body')).not.toContainText('Oisín Other');
    expect((await page.request.get(`/account/invoices/${invoices.othersInvoice.id}/pdf`)).status()).toBe(404);
    expect((await page.request.get('/account/invoices/not-an-id/pdf')).status()).toBe(404);

    // A guest is sent to the sign-in page, never given the file.
    const guest = await browser.newContext();
    const guestPdf = await guest.request.get(`/account/invoices/${invoices.open.id}/pdf`, { maxRedirects: 0 });
    expect([303, 307, 308]).toContain(guestPdf.status());
    expect(guestPdf.headers().location).toContain('/login?');
    expect((await guest.request.get(`/account/invoices/${invoices.open.id}/pdf`)).headers()['content-type']).not.toBe('application/pdf');
    await guest.close();
  });

  test('sales staff open the invoice list, the overdue list and an invoice, and export the CSV', async ({ page }) => {
    test.slow();
    const { invoices } = e2eState();
    const sales = await createStaff('sales');
    await firstSignIn(page, sales, { totp: false });
    await page.getByRole('navigation', { name: 'Back office' }).getByRole('link', { name: 'Invoices' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Invoices' })).toBeVisible();
    const table = page.getByRole('table', { name: 'Invoices and credit notes, newest first' });
    await expect(table.getByRole('link', { name: `Invoice ${invoices.othersInvoice.number}`, exact: true })).toBeVisible();
    await expect(table.getByRole('link', { name: `Credit note ${invoices.creditNote.number}`, exact: true })).toBeVisible();
    await expectNoAxeViolations(page);

    await page.getByLabel('Customer').fill('Bild & Ton');
    await page.getByRole('button', { name: 'Show invoices' }).click();
    await expect(page.getByRole('heading', { level: 2, name: '1 document' })).toBeVisible();
    await expect(table.getByRole('link', { name: `Invoice ${invoices.reverseCharge.number}`, exact: true })).toBeVisible();
    await page.getByLabel('Number').fill('2026/01');
    await page.getByRole('button', { name: 'Show invoices' }).click();
    await expect(page.getByText('Correct the marked filters to see invoices.')).toBeVisible();
    await expect(page.getByLabel('Number')).toHaveAccessibleDescription(/Enter an invoice number such as 2026-000123/);
    await expectNoAxeViolations(page);

    await page.getByRole('navigation', { name: 'Invoice views' }).getByRole('link', { name: /^Overdue/ }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Overdue invoices' })).toBeVisible();
    const overdue = page.getByRole('table', { name: 'Overdue invoices, oldest due date first' });
    await expect(overdue.getByRole('link', { name: `Invoice ${invoices.overdue.number}`, exact: true })).toBeVisible();
    await expect(overdue).not.toContainText(invoices.open.number);
    await expect(overdue).not.toContainText(invoices.paid.number);
    await expectNoAxeViolations(page);

    const exportHref = await page.getByRole('link', { name: /Download CSV/ }).getAttribute('href');
    expect(exportHref).toBe('/staff/invoices/export?state=overdue');
    const csv = await page.request.get(exportHref!);
    expect(csv.status()).toBe(200);
    expect(csv.headers()['content-type']).toBe('text/csv; charset=utf-8');
    const body = await csv.text();
    expect(body).toContain(invoices.overdue.number);
    expect(body).not.toContain(invoices.paid.number);
    const all = await (await page.request.get('/staff/invoices/export')).text();
    expect(all.split('\r\n')[0]).toContain('Number,Kind,Issue date,Due date,Buyer name');
    expect(all).toContain(`${invoices.creditNote.number},Credit note`);

    await overdue.getByRole('link', { name: `Invoice ${invoices.overdue.number}`, exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: `Invoice ${invoices.overdue.number}` })).toBeVisible();
    await expect(page.getByRole('article')).toContainText('Overdue');
    await expect(page.getByText('Overdue reminders mailed:')).toBeVisible();
    await expectNoAxeViolations(page);
    const pdf = await page.request.get(`/staff/invoices/${invoices.overdue.id}/pdf`);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect(await pdfText(pdf)).toContain(`Number: ${invoices.overdue.number}`);
  });
});
