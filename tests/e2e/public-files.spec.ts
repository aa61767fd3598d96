/**
 * The files every site is asked for: /favicon.ico, /robots.txt and /.well-known/security.txt, over
 * HTTP from the production server (status, type, contents), with the baseline security headers.
 */
import { expect, test } from '@playwright/test';
import { withDb } from './customers';

test.describe('public files', () => {
  test('the favicon is a real icon, linked from every page, and the browser asks for nothing that 404s', async ({ page, request }) => {
    const ico = await request.get('/favicon.ico');
    expect(ico.status()).toBe(200);
    expect(ico.headers()['content-type']).toBe('image/x-icon');
    // An ICO header: reserved 0, type 1 (icon), at least one image.
    const bytes = await ico.body();
    expect(bytes.readUInt16LE(0)).toBe(0);
    expect(bytes.readUInt16LE(2)).toBe(1);
    expect(bytes.readUInt16LE(4)).toBeGreaterThan(0);

    const svg = await request.get('/favicon.svg');
    expect(svg.status()).toBe(200);
    expect(svg.headers()['content-type']).toContain('image/svg+xml');
    expect(svg.headers()['x-content-type-options']).toBe('nosniff');

    const missing: string[] = [];
    page.on('response', (response) => {
      if (response.status() >= 400) missing.push(`${response.status()} ${response.url()}`);
    });
    await page.goto('/');
    await expect(page.locator('link[rel="icon"][href^="/favicon.ico"]')).toHaveCount(1);
    await expect(page.locator('link[rel="icon"][href^="/favicon.svg"]')).toHaveAttribute('type', 'image/svg+xml');
    expect(missing).toEqual([]);
  });

  test('robots.txt keeps crawlers out of accounts, sign-in, the back office, downloads and the API', async ({ request }) => {
    const response = await request.get('/robots.txt');
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toMatch(/^text\/plain/);
    expect(response.headers()['x-content-type-options']).toBe('nosniff');
    const text = await response.text();
    expect(text).toMatch(/^User-agent: \*$/m);
    const disallowed = [...text.matchAll(/^Disallow: (\S+)$/gm)].map((match) => match[1]);
    for (const path of ['/account', '/staff', '/api/', '/dev/', '/login', '/register', '/activate', '/reset-password', '/images/*/comp']) {
      expect(disallowed, path).toContain(path);
    }
    // The catalogue stays open.
    expect(disallowed).not.toContain('/');
    expect(disallowed).not.toContain('/images');
    expect(disallowed).not.toContain('/search');
  });

  test('security.txt names the security address with an Expires a year ahead (RFC 9116)', async ({ request, baseURL }) => {
    const response = await request.get('/.well-known/security.txt');
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toBe('text/plain; charset=utf-8');
    expect(response.headers()['x-content-type-options']).toBe('nosniff');
    const text = await response.text();
    expect(text).toMatch(/^Contact: mailto:security@localhost$/m);
    expect(text).toContain(`Canonical: ${baseURL}/.well-known/security.txt`);
    const expires = Date.parse(/^Expires: (\S+)$/m.exec(text)?.[1] ?? '');
    const inDays = (expires - Date.now()) / 86_400_000;
    expect(inDays).toBeGreaterThan(364);
    expect(inDays).toBeLessThanOrEqual(366);
    // Every line is a field or blank: nothing else (RFC 9116 section 4).
    for (const line of text.split('\n')) expect(line).toMatch(/^([A-Z][A-Za-z-]+: \S.*)?$/);
  });

  test('security.txt follows the security.contactEmail setting', async ({ request }) => {
    await withDb((client) =>
      client.query(
        `insert into site_settings (key, value) values ('security.contactEmail', $1) on conflict (key) do update set value = excluded.value`,
        [JSON.stringify('psirt@shop.example')],
      ),
    );
    try {
      expect(await (await request.get('/.well-known/security.txt')).text()).toMatch(/^Contact: mailto:psirt@shop\.example$/m);
    } finally {
      await withDb((client) => client.query(`delete from site_settings where key = 'security.contactEmail'`));
    }
  });
});
