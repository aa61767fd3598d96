/**
 * Storefront steps shared by the browser tests that shop: proof that a page was not reloaded, the
 * cart in the header, a size of the lighthouse fixture put in the cart, and billing details filled at
 * checkout.
 */
import { expect, type Page } from '@playwright/test';
import { e2eState } from './state';

/** A marker that survives only as long as the document: a full page load loses it. */
export const markDocument = (page: Page) => page.evaluate(() => ((window as unknown as { __kept: number }).__kept = 1));
export const documentKept = (page: Page) => page.evaluate(() => (window as unknown as { __kept?: number }).__kept === 1);

export const cartLink = (page: Page) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /^Cart/ });

/** Size M is the original size of the 1,600 px lighthouse picture; S (800 px on the long side) is a real downscale of it. */
export const LIGHTHOUSE_SIZE = {
  M: /^M, [\d,]+ × [\d,]+ px \(original size\)/,
  S: /^S, [\d,]+ × [\d,]+ px €/,
} as const;

/** Puts a size of the lighthouse picture in the cart from its page, without a full reload; the header counts it. */
export async function addLighthouseToCart(page: Page, size: keyof typeof LIGHTHOUSE_SIZE = 'M') {
  await page.goto(`/images/${e2eState().lighthouseImageId}`);
  await markDocument(page);
  await page.getByRole('radio', { name: LIGHTHOUSE_SIZE[size] }).check();
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await expect(page.getByRole('region', { name: 'Royalty-free sizes' }).getByRole('status')).toContainText('Added to your cart.');
  await expect(cartLink(page)).toHaveText(/Cart\s*1/);
  expect(await documentKept(page)).toBe(true);
}

/** Billing details of a consumer in Amsterdam (the seller's country, so Dutch VAT applies), then the review. */
export async function fillBilling(page: Page, fullName = 'Maeve Byrne') {
  await page.getByLabel('Full name').fill(fullName);
  await page.getByLabel(/^Address line 1/).fill('Prinsengracht 2');
  await page.getByLabel('Postal code').fill('1015 AB');
  await page.getByLabel('Town or city').fill('Amsterdam');
  await page.getByLabel('Country').selectOption('NL');
  await page.getByRole('button', { name: 'Show VAT and totals' }).click();
  await expect(page.getByRole('table', { name: /Licences with net amount/ })).toBeVisible();
}
