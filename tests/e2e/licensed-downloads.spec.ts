/**
 * A buyer with a paid order (inserted by the purchased-order factory, since checkout is built
 * elsewhere) opens My Account > Downloads, downloads the purchased file, and gets exactly the
 * tier's pixel size with the order number in its XMP. The same link is refused signed out.
 */
import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import sharp from 'sharp';
import { createPurchasedOrder } from '../helpers/purchased-order-factory';
import { expectNoAxeViolations } from './axe';
import { createCustomer, signIn, withDb } from './customers';
import { e2eState } from './state';

test.describe('licensed downloads', () => {
  test('a buyer with a paid order downloads the purchased size from My Account', async ({ page, browser }) => {
    const buyer = await createCustomer();
    const imageId = e2eState().lighthouseImageId;
    // The fixture's original is 1,600 px on the long side, so S (800 px) is smaller than the original.
    const order = await withDb((client) => createPurchasedOrder(client, { customerUserId: buyer.id, lines: [{ imageId, tier: 'S' }] }));
    const [line] = await withDb(async (client) => (await client.query('select width_px, height_px from order_lines where id = $1', [order.lineIds[0]])).rows);

    await signIn(page, buyer);
    await page.getByRole('navigation', { name: 'My Account' }).getByRole('link', { name: 'Downloads' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Downloads' })).toBeVisible();
    const section = page.getByRole('region', { name: `Order ${order.number}` });
    await expect(section).toContainText('Lighthouse at dusk over the harbour');
    await expect(section).toContainText(`Small (S) · ${line.width_px} × ${line.height_px} px`);
    await expectNoAxeViolations(page);

    const button = section.getByRole('link', { name: /^Download Lighthouse at dusk over the harbour, size S$/ });
    const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
    expect(download.suggestedFilename()).toBe(`stockroom-${order.number}-${imageId}-S.jpg`);
    const file = await readFile((await download.path())!);
    const info = await sharp(file).metadata();
    expect(Math.max(line.width_px, line.height_px)).toBe(800);
    expect([info.format, info.width, info.height]).toEqual(['jpeg', line.width_px, line.height_px]);
    expect(info.xmp?.toString('utf8')).toContain(`photoshop:TransmissionReference="${order.number}"`);

    const recorded = await withDb(async (client) => (await client.query(`select kind from licence_downloads where order_id = $1`, [order.orderId])).rows);
    expect(recorded).toEqual([{ kind: 'file' }]);

    // The same link in a browser that is not signed in: refused.
    const href = await button.getAttribute('href');
    const visitor = await browser.newContext();
    const response = await visitor.request.get(`${e2eState().baseUrl}${href}`);
    expect(response.status()).toBe(404);
    await visitor.close();
  });

  test('a customer without paid orders sees the empty state', async ({ page }) => {
    const customer = await createCustomer();
    await signIn(page, customer, '/account/downloads');
    await expect(page.getByText('Nothing to download yet.')).toBeVisible();
    await expect(page.getByRole('main').getByRole('link', { name: 'Browse images' })).toHaveAttribute('href', '/search');
    await expectNoAxeViolations(page);
  });
});
