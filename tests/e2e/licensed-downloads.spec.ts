/**
 * A buyer with a paid order (inserted by the purchased-order factory, since checkout is built
 * elsewhere) opens My Account > Downloads, downloads the purchased file, and gets exactly the
 * tier's pixel size with the order number in its XMP. The same link is refused signed out.
 * A buyer of two files asks for them as one ZIP, gets the mail when the job has built it, and
 * downloads it through the mailed link, signed in; signed out, the link leads to the sign-in page.
 */
import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { unzipSync } from 'fflate';
import sharp from 'sharp';
import { createPurchasedOrder } from '../helpers/purchased-order-factory';
import { expectNoAxeViolations } from './axe';
import { createCustomer, signIn, withDb } from './customers';
import { linkIn, waitForMail } from './mailbox';
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

  test('a buyer of two files asks for one ZIP, is mailed the link and downloads it signed in', async ({ page, browser }) => {
    const buyer = await createCustomer();
    const imageId = e2eState().lighthouseImageId;
    const order = await withDb((client) => createPurchasedOrder(client, { customerUserId: buyer.id, lines: [{ imageId, tier: 'S' }, { imageId, tier: 'M' }] }));
    const lines = await withDb(
      async (client) => (await client.query('select tier, width_px, height_px from order_lines where order_id = $1 order by position', [order.orderId])).rows,
    );

    await signIn(page, buyer, '/account/downloads');
    const section = page.getByRole('region', { name: `Order ${order.number}` });
    await section.getByRole('button', { name: 'Download all as ZIP' }).click();
    await expect(section.getByText('We are preparing your ZIP and e-mail you when it is ready.')).toBeVisible();
    await expect(section.getByText('Preparing your ZIP.')).toBeVisible();
    await expectNoAxeViolations(page);

    const mail = await waitForMail({ to: buyer.email, subject: new RegExp(`files for order ${order.number} are ready$`) }, 60_000);
    expect(mail.text).toContain('only while you are signed in');
    const link = linkIn(mail, 'account/downloads/bundle');

    const [download] = await Promise.all([page.waitForEvent('download'), page.goto(link).catch(() => undefined)]);
    expect(download.suggestedFilename()).toBe(`stockroom-order-${order.number}.zip`);
    const entries = unzipSync(new Uint8Array(await readFile((await download.path())!)));
    expect(Object.keys(entries)).toEqual(lines.map((line) => `stockroom-${order.number}-${imageId}-${line.tier}.jpg`));
    for (const [index, line] of lines.entries()) {
      const info = await sharp(Buffer.from(Object.values(entries)[index]!)).metadata();
      expect([info.format, info.width, info.height]).toEqual(['jpeg', line.width_px, line.height_px]);
    }
    const recorded = await withDb(async (client) => (await client.query(`select kind from licence_downloads where order_id = $1`, [order.orderId])).rows);
    expect(recorded).toEqual([{ kind: 'bundle' }, { kind: 'bundle' }]);

    // The page now offers the ready ZIP with its expiry.
    await page.goto('/account/downloads');
    await expect(section.getByText('Your ZIP is ready')).toBeVisible();
    await expect(section.getByRole('link', { name: `Download ZIP of order ${order.number}` })).toHaveAttribute('href', new URL(link).pathname);
    await expectNoAxeViolations(page);

    // The same link in a browser that is not signed in: the sign-in page, no ZIP.
    const visitor = await browser.newContext();
    const response = await visitor.request.get(link, { maxRedirects: 0 });
    expect(response.status()).toBe(307);
    expect(response.headers()['location']).toContain('/login?');
    expect(response.headers()['content-type'] ?? '').not.toContain('zip');
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
