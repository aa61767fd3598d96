/**
 * The staff catalog in the browser: the catalog role lists and searches images, uploads one (a
 * file that is not a picture is refused with a message), edits its details, publishes it (guests
 * see it at once, though a copy of the page was cached) and withdraws it; edits a price list. An
 * admin edits a VAT rate and the seller's VAT number. Every new page passes axe.
 */
import { randomBytes } from 'node:crypto';
import { expect, test, type APIRequestContext } from '@playwright/test';
import sharp from 'sharp';
import { expectNoAxeViolations } from './axe';
import { withDb } from './customers';
import { createStaff, firstSignIn } from './staff-helpers';
import { e2eState } from './state';

const CACHE = 'x-stockroom-cache';

/** Asks until a guest copy of the page is served from the cache (each web process may miss once). */
async function cachedForGuests(request: APIRequestContext, path: string) {
  for (let attempt = 0; attempt < 8; attempt++) {
    const response = await request.get(path);
    expect(response.status()).toBe(200);
    if (response.headers()[CACHE] === 'hit') return response;
  }
  throw new Error(`${path} was never served from the cache`);
}

const picture = () => sharp({ create: { width: 1200, height: 800, channels: 3, background: '#2f6f8f' } }).jpeg().toBuffer();

test.describe('staff catalog', () => {
  test('the catalog role uploads, edits, publishes and withdraws an image; guests see each change at once', async ({ page, request }) => {
    test.setTimeout(300_000);
    const staff = await createStaff('catalog');
    await firstSignIn(page, staff, { totp: false });
    const nav = page.getByRole('navigation', { name: 'Back office' });
    await nav.getByRole('link', { name: 'Catalog', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Catalog' })).toBeVisible();
    await expectNoAxeViolations(page);

    // Search by id finds an unpublished image; the filter narrows to unpublished ones.
    const { unpublishedImageId } = e2eState();
    await page.getByLabel('Title or image id').fill(String(unpublishedImageId));
    await page.getByLabel('Show').selectOption('unpublished');
    await page.getByRole('button', { name: 'Search' }).click();
    const table = page.getByRole('table');
    await expect(table.getByRole('link', { name: 'Unreleased lighthouse study' })).toBeVisible();
    await expect(table).toContainText('Unpublished');
    await page.getByLabel('Title or image id').fill(`nothing-${randomBytes(4).toString('hex')}`);
    await page.getByRole('button', { name: 'Search' }).click();
    await expect(page.getByText('No image matches this search.')).toBeVisible();

    // Upload: a file that is not a picture is refused next to the file field.
    await page.getByRole('link', { name: 'Upload an image' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Upload an image' })).toBeVisible();
    await expectNoAxeViolations(page);
    await page.getByLabel('Picture', { exact: true }).setInputFiles({ name: 'holiday.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('%PDF-1.7 this is not a picture') });
    await page.getByRole('button', { name: 'Upload (unpublished)' }).click();
    const summary = page.getByRole('main').getByRole('alert');
    await expect(summary).toContainText('This file is not a picture we can use: upload a JPEG, PNG, TIFF or WebP image.');
    await expect(page.getByLabel('Picture', { exact: true })).toHaveAttribute('aria-invalid', 'true');
    await expectNoAxeViolations(page);

    const title = `Canal boats ${randomBytes(3).toString('hex')}`;
    await page.getByLabel('Picture', { exact: true }).setInputFiles({ name: 'canal.jpg', mimeType: 'image/jpeg', buffer: await picture() });
    await page.getByLabel('Title (optional)').fill(title);
    await page.getByLabel('Keywords').fill('canal, boats');
    await page.getByLabel('Model release').selectOption('not_needed');
    await page.getByRole('button', { name: 'Upload (unpublished)' }).click();
    await page.waitForURL(/\/staff\/catalog\/\d+\?uploaded=1$/);
    const imageId = Number(/\/staff\/catalog\/(\d+)/.exec(page.url())![1]);
    await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: 'Uploaded.' })).toBeVisible();
    await expect(page.getByText('1200 × 800 px')).toBeVisible();
    await expectNoAxeViolations(page);
    expect((await request.get(`/images/${imageId}`)).status()).toBe(404);

    // Edit: a bad value is answered next to its field; a good one is saved.
    await page.getByLabel('People in the picture').fill('two');
    await page.getByRole('button', { name: 'Save details' }).click();
    await expect(page.getByRole('main').getByRole('alert')).toContainText('The number of people must be a whole number');
    await expect(page.getByLabel('People in the picture')).toHaveValue('two');
    await page.getByLabel('People in the picture').fill('0');
    await page.getByLabel('Description').fill('Boats moored along a quiet canal.');
    await page.getByRole('button', { name: 'Save details' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();

    // Publish: guests see the image at once.
    await page.getByRole('button', { name: 'Publish' }).click();
    await expect(page.getByText('Published: the image is in the shop now.')).toBeVisible();
    const shown = await request.get(`/images/${imageId}`);
    expect(shown.status()).toBe(200);
    expect(await shown.text()).toContain(title);

    // A guest copy is cached; withdrawing it reaches every web process without waiting for it to expire.
    await cachedForGuests(request, `/images/${imageId}`);
    await page.getByRole('button', { name: 'Withdraw from the shop' }).click();
    await expect(page.getByText('Withdrawn: the image is no longer in the shop.')).toBeVisible();
    for (let attempt = 0; attempt < 4; attempt++) expect((await request.get(`/images/${imageId}`)).status()).toBe(404);

    const audit = await withDb(async (client) => (await client.query<{ action: string }>(`select action from audit_trail where object_type = 'image' and object_id = $1 order by id`, [String(imageId)])).rows.map((row) => row.action));
    expect(audit).toEqual(['catalog.image-uploaded', 'catalog.image-updated', 'catalog.image-published', 'catalog.image-unpublished']);
  });

  test('the catalog role edits a price list; a bad price is answered next to its field', async ({ page }) => {
    test.slow();
    const staff = await createStaff('catalog');
    await firstSignIn(page, staff, { totp: false });
    await page.getByRole('navigation', { name: 'Back office' }).getByRole('link', { name: 'Price lists' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Price lists' })).toBeVisible();
    await expectNoAxeViolations(page);
    const section = page.getByRole('region', { name: 'Standard' });
    const price = section.getByLabel('S: price (EUR)');
    const before = await price.inputValue();
    await price.fill('cheap');
    await section.getByRole('button', { name: 'Save prices' }).click();
    await expect(section.getByRole('alert')).toContainText('Enter a price like 19 or 19.00.');
    await expectNoAxeViolations(page);
    await section.getByLabel('S: price (EUR)').fill('21.50');
    await section.getByRole('button', { name: 'Save prices' }).click();
    await expect(section.getByText('Saved. The new prices apply from now on.')).toBeVisible();
    await expect(section.getByLabel('S: price (EUR)')).toHaveValue('21.50');
    await section.getByLabel('S: price (EUR)').fill(before);
    await section.getByRole('button', { name: 'Save prices' }).click();
    await expect(section.getByText('Saved. The new prices apply from now on.')).toBeVisible();
  });

  test('an admin edits a VAT rate and the seller on invoices', async ({ page }) => {
    test.slow();
    const admin = await createStaff('admin');
    await firstSignIn(page, admin, { totp: true });
    await page.getByRole('navigation', { name: 'Back office' }).getByRole('link', { name: 'VAT rates' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'VAT rates' })).toBeVisible();
    await expect(page.getByLabel('Finland: standard rate in percent')).toHaveValue('25.5');
    await expectNoAxeViolations(page);
    await page.getByLabel('Netherlands: standard rate in percent').fill('abc');
    await page.getByRole('button', { name: 'Save rates' }).click();
    await expect(page.getByRole('main').getByRole('alert')).toContainText("Enter Netherlands's rate as a percentage from 0 to 100");
    await expectNoAxeViolations(page);
    await page.getByLabel('Netherlands: standard rate in percent').fill('21.5');
    await page.getByRole('button', { name: 'Save rates' }).click();
    await expect(page.getByText('Saved one rate (NL).')).toBeVisible();
    await expect(page.getByLabel('Netherlands: standard rate in percent')).toHaveValue('21.5');
    await page.getByLabel('Netherlands: standard rate in percent').fill('21');
    await page.getByRole('button', { name: 'Save rates' }).click();
    await expect(page.getByText('Saved one rate (NL).')).toBeVisible();

    await page.goto('/staff/settings');
    const seller = page.getByRole('region', { name: 'Seller on invoices' });
    await seller.getByLabel('Business name').fill('Harbour Pictures B.V.');
    await seller.getByLabel('Country').selectOption('NL');
    await seller.getByLabel('VAT number').fill('NL123456789B01');
    await seller.getByRole('button', { name: 'Save seller details' }).click();
    await expect(seller.getByRole('alert')).toContainText('This is not a valid EU VAT number');
    await expectNoAxeViolations(page);
    await seller.getByLabel('VAT number').fill('NL800000006B01');
    await seller.getByRole('button', { name: 'Save seller details' }).click();
    await expect(seller.getByText('Saved. The change applies from now on.')).toBeVisible();
    await withDb((client) => client.query(`delete from site_settings where key = 'seller.details'`));
  });
});
