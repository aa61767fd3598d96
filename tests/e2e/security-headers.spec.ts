import { expect, test } from '@playwright/test';
import { e2eState } from './state';

test.describe('security headers', () => {
  test('pages carry a nonce CSP that Next.js applies to every script, and nothing is blocked', async ({ page }) => {
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
    });
    const response = await page.goto('/search?q=lighthouse');
    const policy = response?.headers()['content-security-policy'] ?? '';
    const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
    expect(nonce).toBeTruthy();
    expect(policy).not.toContain('unsafe-inline');
    expect(policy).toContain("frame-ancestors 'none'");

    const scriptNonces = await page.locator('script').evaluateAll((scripts) => scripts.map((script) => (script as HTMLScriptElement).nonce));
    expect(scriptNonces.length).toBeGreaterThan(0);
    for (const scriptNonce of scriptNonces) expect(scriptNonce).toBe(nonce);

    // Hydration worked under the policy: client navigation happens without a full reload.
    await page.getByRole('link', { name: 'Stockroom', exact: true }).click();
    await expect(page).toHaveURL(/\/$/);
    expect(violations).toEqual([]);
  });

  test('every response type gets nosniff, a referrer policy and no framing', async ({ request }) => {
    const { publishedImageId } = e2eState();
    for (const path of ['/', '/search?q=x', `/images/${publishedImageId}`, '/images/999999999', `/media/thumb/${publishedImageId}`, '/media/thumb/0']) {
      const response = await request.get(path, { maxRedirects: 0 });
      const headers = response.headers();
      expect.soft(headers['x-content-type-options'], path).toBe('nosniff');
      expect.soft(headers['referrer-policy'], path).toBe('strict-origin-when-cross-origin');
      expect.soft(headers['content-security-policy'], path).toContain("frame-ancestors 'none'");
      expect.soft(headers['x-powered-by'], path).toBeUndefined();
      // Served over plain HTTP here: HSTS would be wrong (it is sent when APP_URL is https://).
      expect.soft(headers['strict-transport-security'], path).toBeUndefined();
    }
  });

  test('each page view gets a different nonce', async ({ request }) => {
    const first = (await request.get('/')).headers()['content-security-policy'];
    const second = (await request.get('/')).headers()['content-security-policy'];
    expect(first).not.toBe(second);
  });
});
