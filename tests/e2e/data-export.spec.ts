/**
 * "Download my data" end to end in Chromium against the production build and its job worker: a
 * customer with rows in many groups (an order placed through the storefront, which issues its invoice
 * at once, plus activity, consents, a lightbox, a share, a link token, a licence download and a
 * payment), and a second customer with the same kinds of rows. The first asks for a copy (the password
 * again), waits until it is ready, downloads and unzips it. Checked against the personal-data map as
 * it is (read here, never a copied list): every group that can hold a person's rows has its CSV and
 * its key in data.json; each group holds every row of the person that existed when they asked, no row
 * that is not theirs, and nothing of the other customer. A name that a spreadsheet would run as a
 * formula comes out as text. The other customer gets 404 for the file, a guest the sign-in page.
 */
import { readFile } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { unzipSync } from 'fflate';
import type pg from 'pg';
import { personalDataMap } from '../../lib/privacy/data-map';
import { subjectPathOf, subjectTables } from '../../lib/privacy/subject-path';
import { expectNoAxeViolations } from './axe';
import { createCustomer, signIn, withDb, type TCustomer } from './customers';
import { seedOrder } from './orders';
import { e2eState } from './state';
import { addLighthouseToCart, fillBilling } from './storefront';

const FORMULA = '=HYPERLINK("http://x","y")';
/** The same text as a CSV cell: the leading quote makes a spreadsheet show it, and the quotes are doubled. */
const ESCAPED_FORMULA_CELL = `"'=HYPERLINK(""http://x"",""y"")"`;

const main = (page: Page) => page.getByRole('main');
const groups = subjectTables(personalDataMap);

/** Rows in many groups, each carrying the person's tag, so another person's copy would show them. */
async function seedGroups(client: pg.Client, customer: TCustomer, tag: string) {
  const imageId = e2eState().lighthouseImageId;
  await client.query(
    `insert into activity_events (kind, subject_user_id, image_id, search_query, search_filters, ip, browser, os, country)
     select (array['search','preview_view','comp_download'])[1 + n % 3]::activity_kind, $1, $2, 'search-' || $3 || '-' || n, '{"orientation":"landscape"}', '198.51.100.7', 'Firefox 128', 'Linux', 'IE'
     from generate_series(1, 30) n`,
    [customer.id, imageId, tag],
  );
  await client.query(
    `insert into consent_ledger (subject_user_id, purpose, action, text_version, text_sha256, ip) values ($1, 'marketing_email', 'given', $2, repeat('a', 64), '198.51.100.7')`,
    [customer.id, `v-${tag}`],
  );
  const { rows: lightboxes } = await client.query<{ id: string }>(`insert into lightboxes (owner_user_id, name) values ($1, $2) returning id`, [customer.id, `Lightbox ${tag}`]);
  await client.query(`insert into lightbox_items (lightbox_id, image_id, note) values ($1, $2, $3)`, [lightboxes[0]!.id, imageId, `note-${tag}`]);
  await client.query(
    `insert into shares (sender_user_id, image_id, recipient_email, message, token_sha256, expires_at) values ($1, $2, $3, $4, $5, now() + interval '1 day')`,
    [customer.id, imageId, `friend-${tag}@example.test`, `message-${tag}`, randomUUID().replaceAll('-', '').repeat(2)],
  );
  await client.query(
    `insert into account_tokens (user_id, purpose, token_sha256, new_email, expires_at) values ($1, 'email_change', $2, $3, now() + interval '1 day')`,
    [customer.id, randomUUID().replaceAll('-', '').repeat(2), `new-${tag}@example.test`],
  );
}

/** A payment on each of the person's invoices and a download of each order's first licence, as the order desk and the download route record them. */
async function seedPaymentsAndDownloads(client: pg.Client, customerId: string) {
  await client.query(
    `insert into invoice_payments (invoice_id, paid_on, amount_minor, method, reference) select id, current_date, 100, 'bank_transfer', 'part payment' from invoices where customer_user_id = $1`,
    [customerId],
  );
  await client.query(
    `insert into licence_downloads (customer_user_id, order_id, order_line_id, kind, ip)
     select o.customer_user_id, o.id, l.id, 'file', '198.51.100.7' from orders o join order_lines l on l.order_id = o.id where o.customer_user_id = $1`,
    [customerId],
  );
}

/** Each group's primary-key columns, from the database. */
async function primaryKeys(client: pg.Client): Promise<Map<string, string[]>> {
  const { rows } = await client.query<{ table_name: string; column_name: string }>(
    `select tc.table_name, kcu.column_name from information_schema.table_constraints tc
     join information_schema.key_column_usage kcu on kcu.constraint_name = tc.constraint_name and kcu.table_schema = tc.table_schema
     where tc.constraint_type = 'PRIMARY KEY' and tc.table_schema = current_schema() order by kcu.ordinal_position`,
  );
  const keys = new Map<string, string[]>();
  for (const row of rows) keys.set(row.table_name, [...(keys.get(row.table_name) ?? []), row.column_name]);
  return keys;
}

/** The keys of one person's rows in every group, found through the map's subject path. */
async function rowKeysOf(client: pg.Client, userId: string, keys: Map<string, string[]>): Promise<Map<string, Set<string>>> {
  const ident = (name: string) => client.escapeIdentifier(name);
  const found = new Map<string, Set<string>>();
  for (const table of groups) {
    const path = subjectPathOf(personalDataMap, table)!;
    const key = keys.get(table) ?? [];
    if (key.length === 0) continue;
    const joins = path.hops.map((hop, index) => ` join ${ident(hop.parentTable)} r${index + 1} on r${index + 1}.${ident(hop.parentColumn)} = r${index}.${ident(hop.column)}`).join('');
    const { rows } = await client.query<{ key: string }>(
      `select concat_ws('|', ${key.map((column) => `r0.${ident(column)}::text`).join(', ')}) as key from ${ident(table)} r0${joins} where r${path.hops.length}.${ident(path.subjectColumn)} = $1`,
      [userId],
    );
    found.set(table, new Set(rows.map((row) => row.key)));
  }
  return found;
}

test.describe('Download my data', () => {
  test('the copy holds every group of the map with the person’s rows and none of another person’s', async ({ page, browser }) => {
    // A checkout, a build by the worker (it polls every 2 s), six axe runs and three browsers on two shared cores.
    test.setTimeout(180_000);
    const me = await createCustomer();
    const other = await createCustomer();
    const myTag = `me${randomUUID().slice(0, 8)}`;
    const otherTag = `other${randomUUID().slice(0, 8)}`;
    await withDb(async (client) => {
      // So checkout issues the invoice at once, as for a customer the shop trusts.
      await client.query(`insert into customer_terms (user_id, download_without_approval) values ($1, true)`, [me.id]);
      await client.query(`update users set full_name = $2, phone = $3 where id = $1`, [me.id, FORMULA, `+353 1 ${myTag}`]);
      await client.query(`update users set phone = $2 where id = $1`, [other.id, `+353 1 ${otherTag}`]);
      await seedGroups(client, me, myTag);
      await seedGroups(client, other, otherTag);
    });
    await seedOrder(other.id, { billingName: `Buyer ${otherTag}` });
    await withDb((client) => seedPaymentsAndDownloads(client, other.id));

    // The first customer buys through the storefront, billing name and all.
    await signIn(page, me, '/account');
    await addLighthouseToCart(page);
    await page.goto('/checkout');
    await fillBilling(page, FORMULA);
    await page.getByLabel(/I accept the licence terms/).check();
    await page.getByRole('radio', { name: /Bank transfer/ }).check();
    await page.getByRole('button', { name: /^Place order, total/ }).click();
    await expect(page).toHaveURL(/\/account\/orders\/[0-9a-f-]{36}\?placed=1$/);
    await withDb(async (client) => {
      const { rows } = await client.query<{ count: string }>(`select count(*) from invoices where customer_user_id = $1`, [me.id]);
      expect(Number(rows[0]!.count)).toBe(1);
      await seedPaymentsAndDownloads(client, me.id);
    });

    const keys = await withDb(primaryKeys);
    const mineBefore = await withDb((client) => rowKeysOf(client, me.id, keys));

    await page.goto('/account/data');
    const section = main(page).getByRole('region', { name: 'Download my data' });
    await expect(section.getByRole('button', { name: 'Download my data' })).toBeVisible();
    await expectNoAxeViolations(page);

    await section.getByLabel('Your password').fill(other.password);
    await section.getByRole('button', { name: 'Download my data' }).click();
    await expect(section.getByText('That is not your current password.').first()).toBeVisible();
    await expectNoAxeViolations(page);

    await section.getByLabel('Your password').fill(me.password);
    await section.getByRole('button', { name: 'Download my data' }).click();
    await expect(section.getByText('Preparing your copy.')).toBeVisible();
    await expectNoAxeViolations(page);

    const link = section.getByRole('link', { name: 'Download ZIP of your data' });
    await expect(async () => {
      await page.reload();
      await expect(link).toBeVisible({ timeout: 1_000 });
    }).toPass({ timeout: 120_000, intervals: [2_000] });
    await expect(section.getByText('Your copy is ready')).toBeVisible();
    await expectNoAxeViolations(page);

    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toMatch(/^stockroom-my-data-\d{4}-\d{2}-\d{2}\.zip$/);
    const entries = unzipSync(new Uint8Array(await readFile((await download.path())!)));
    const text = (name: string) => Buffer.from(entries[name]!).toString('utf8');
    const mineAfter = await withDb((client) => rowKeysOf(client, me.id, keys));
    const others = await withDb((client) => rowKeysOf(client, other.id, keys));

    // Every group of the map that can hold a person's rows: its CSV and its key in data.json.
    expect(groups.length).toBeGreaterThan(20);
    expect(Object.keys(entries)).toEqual(expect.arrayContaining([...groups.map((table) => `${table}.csv`), 'data.json', 'index.html']));
    const data = JSON.parse(text('data.json')) as Record<string, Array<Record<string, unknown>>>;
    expect(Object.keys(data).sort()).toEqual([...groups].sort());

    // Each group: every row the person had when asking, only rows that are theirs, none of the other's.
    for (const table of groups) {
      const key = keys.get(table) ?? [];
      const exported = data[table]!;
      if (key.length > 0) {
        const exportedKeys = new Set(exported.map((row) => key.map((column) => String(row[column])).join('|')));
        for (const mine of mineBefore.get(table)!) expect(exportedKeys.has(mine), `${table}: the person's row ${mine} is missing`).toBe(true);
        for (const exportedKey of exportedKeys) {
          expect(mineAfter.get(table)!.has(exportedKey), `${table}: row ${exportedKey} is not the person's`).toBe(true);
          expect(others.get(table)!.has(exportedKey), `${table}: row ${exportedKey} is the other customer's`).toBe(false);
        }
      }
      const csv = text(`${table}.csv`);
      for (const trace of [other.id, other.email, otherTag]) expect(csv, `${table}.csv holds the other customer's ${trace}`).not.toContain(trace);
    }
    for (const name of ['data.json', 'index.html']) {
      for (const trace of [other.id, other.email, otherTag]) expect(text(name)).not.toContain(trace);
    }
    // The groups this test gave the person rows in are not empty: the checks above were not vacuous.
    const seeded = ['users', 'sessions', 'activity_events', 'consent_ledger', 'lightboxes', 'lightbox_items', 'shares', 'account_tokens', 'carts', 'orders', 'order_lines', 'order_events', 'invoices', 'invoice_lines', 'invoice_payments', 'licence_downloads', 'audit_trail'];
    for (const table of seeded.filter((name) => groups.includes(name))) expect(data[table]!.length, `${table} is empty`).toBeGreaterThan(0);
    expect(text('activity_events.csv')).toContain(`search-${myTag}-30`);
    expect(text('shares.csv')).toContain(`message-${myTag}`);
    expect(Object.keys(entries).filter((name) => /^invoices\/.+\.pdf$/.test(name))).toHaveLength(1);

    // The formula in the name and in the order's billing name is text in the CSVs; the JSON keeps the value as it is.
    for (const name of ['users.csv', 'orders.csv', 'invoices.csv']) {
      expect(text(name), name).toContain(ESCAPED_FORMULA_CELL);
      expect(text(name), name).not.toMatch(/(^|,)"?=HYPERLINK/m);
    }
    expect(data.users![0]!.full_name).toBe(FORMULA);

    // The address of the file: another signed-in customer gets not found, a guest the sign-in page.
    const href = new URL((await link.getAttribute('href'))!, page.url()).toString();
    const otherContext = await browser.newContext();
    const otherPage = await otherContext.newPage();
    await signIn(otherPage, other, '/account');
    const refused = await otherContext.request.get(href, { maxRedirects: 0 });
    expect(refused.status()).toBe(404);
    expect(refused.headers()['content-type'] ?? '').not.toContain('zip');
    await otherContext.close();
    const guest = await browser.newContext();
    const redirected = await guest.request.get(href, { maxRedirects: 0 });
    expect(redirected.status()).toBe(307);
    expect(new URL(redirected.headers()['location']!, href).pathname).toBe('/login');
    await guest.close();
  });
});
