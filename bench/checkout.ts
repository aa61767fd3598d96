/**
 * bench/checkout: 500 checkouts from 32 concurrent clients against the production server. First
 * every customer signs in through next-auth as the login form does (not timed: signing in is not
 * checking out). Then each client opens /checkout and posts the form as a browser without scripts
 * would (the server action's hidden fields as rendered), following nothing: the 303 to the order is
 * the answer. Customers may download without approval, so every checkout also issues an invoice:
 * the run checks that the numbers have no gap or duplicate. Timed: the /checkout page and the POST
 * that places the order. Two scenarios, each with its own 500 customers: buyers who pause 1 to 3 s
 * to fill in the form, and clients that post back to back (the server's capacity). Carts are filled in the database beforehand (adding to the cart is not
 * what is measured). Appends a table to bench/RESULTS.md.
 * Run: npm run bench:checkout [-- --checkouts 500 --clients 32]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import bcrypt from 'bcrypt';
import pg from 'pg';
import { childEnv, setEnv } from '@/lib/env';

const { values } = parseArgs({ options: { checkouts: { type: 'string', default: '500' }, clients: { type: 'string', default: '32' } } });
const CHECKOUTS = Number(values.checkouts);
const CLIENTS = Number(values.clients);

const log = (line: string) => console.log(`[bench] ${line}`);
const percentile = (sorted: number[], fraction: number) => (sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))]!);

/** A cookie jar for one client: name → value, from Set-Cookie headers. */
class Jar {
  private readonly cookies = new Map<string, string>();
  take(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const index = pair.indexOf('=');
      this.cookies.set(pair.slice(0, index).trim(), pair.slice(index + 1).trim());
    }
  }
  header() {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

const decodeHtml = (text: string) =>
  text.replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** The hidden inputs of the checkout form as rendered: the checkout key, the terms version and React's action fields. */
function hiddenFields(html: string): Array<[string, string]> {
  const fields: Array<[string, string]> = [];
  for (const match of html.matchAll(/<input([^>]*?)\/?>/g)) {
    const attributes = match[1]!;
    if (!/type="hidden"/.test(attributes)) continue;
    const name = /name="([^"]*)"/.exec(attributes)?.[1];
    if (!name) continue;
    fields.push([decodeHtml(name), decodeHtml(/value="([^"]*)"/.exec(attributes)?.[1] ?? '')]);
  }
  return fields;
}

type TClient = { email: string; password: string; jar: Jar };

/** Signs the customer in through next-auth as the login form does; the session cookie lands in the client's jar. */
async function signInOnce(base: string, client: TClient): Promise<boolean> {
  const csrfResponse = await fetch(`${base}/api/auth/csrf`);
  client.jar.take(csrfResponse);
  const { csrfToken } = (await csrfResponse.json()) as { csrfToken: string };
  const signIn = await fetch(`${base}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: client.jar.header(), origin: base },
    body: new URLSearchParams({ csrfToken, email: client.email, password: client.password, json: 'true', callbackUrl: `${base}/checkout` }),
  });
  client.jar.take(signIn);
  await signIn.arrayBuffer();
  return client.jar.header().includes('stockroom.session=');
}

/** Opens /checkout and, after `thinkMs` (filling in the form), posts it; the page and the post are timed. */
async function checkoutOnce(base: string, client: TClient, thinkMs: number): Promise<{ pageMs: number; placeMs: number; ok: boolean }> {
  const pageStarted = performance.now();
  const page = await fetch(`${base}/checkout`, { headers: { cookie: client.jar.header() }, redirect: 'manual' });
  const html = await page.text();
  const pageMs = performance.now() - pageStarted;
  if (page.status !== 200 || !html.includes('name="checkoutKey"')) return { pageMs, placeMs: NaN, ok: false };
  const form = new FormData();
  for (const [name, value] of hiddenFields(html)) form.append(name, value);
  for (const [name, value] of Object.entries({ name: 'Bench Buyer', addressLine1: 'Prinsengracht 2', postalCode: '1015 AB', city: 'Amsterdam', countryCode: 'NL', vatNumber: '', acceptTerms: 'on', paymentMethod: 'invoice' })) {
    form.append(name, value);
  }
  if (thinkMs > 0) await new Promise((resolve) => setTimeout(resolve, thinkMs));
  const started = performance.now();
  const placed = await fetch(`${base}/checkout`, { method: 'POST', redirect: 'manual', headers: { cookie: client.jar.header(), origin: base }, body: form });
  await placed.arrayBuffer();
  const placeMs = performance.now() - started;
  return { pageMs, placeMs, ok: placed.status === 303 && /\/account\/orders\/[0-9a-f-]{36}/.test(placed.headers.get('location') ?? '') };
}

/** Runs `work` over every item with CLIENTS concurrent workers. */
async function withClients<T>(items: T[], work: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      for (let index = next++; index < items.length; index = next++) await work(items[index]!);
    }),
  );
}

async function waitForServer(url: string, child: ChildProcess) {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error('The server exited before it answered.');
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error('The server did not answer within two minutes.');
}

async function seed(pool: pg.Pool, runId: string) {
  const { updateSetting } = await import('@/lib/settings/update-setting');
  const { ensureDefaultPriceList } = await import('@/lib/catalog/price-lists/ensure-default-price-list');
  await updateSetting('seller.details', { name: 'Bench Picture Agency B.V.', address: 'Keizersgracht 1\n1015 AA Amsterdam', countryCode: 'NL', vatNumber: 'NL853746333B01' });
  const priceListId = await ensureDefaultPriceList();
  const { rows: images } = await pool.query<{ id: string }>(
    `insert into images (title, width, height, licence_model, price_list_id, model_release, published, published_at)
     values ('Bench harbour', 6000, 4000, 'royalty_free', $1, 'released', true, now()) returning id`,
    [priceListId],
  );
  const imageId = images[0]!.id;
  const password = `bench-${randomUUID()}`;
  const hash = await bcrypt.hash(password, 4);
  const customers: Array<{ email: string; password: string }> = [];
  for (let index = 0; index < CHECKOUTS; index++) {
    const email = `bench-${runId}-${index}@example.test`;
    const { rows } = await pool.query<{ id: string }>(
      `insert into users (email, password_hash, full_name, status, activated_at, country_code) values ($1, $2, 'Bench Buyer', 'active', now(), 'NL') returning id`,
      [email, hash],
    );
    const userId = rows[0]!.id;
    await pool.query(`insert into customer_terms (user_id, download_without_approval) values ($1, true)`, [userId]);
    const { rows: carts } = await pool.query<{ id: string }>(`insert into carts (owner_user_id) values ($1) returning id`, [userId]);
    await pool.query(`insert into cart_items (cart_id, image_id, tier) values ($1, $2, 'M'), ($1, $2, 'L')`, [carts[0]!.id, imageId]);
    customers.push({ email, password });
  }
  return customers;
}

async function main() {
  const { ensureProductionBuild } = await import('../scripts/production-build');
  ensureProductionBuild();
  const { resolveDatabase } = await import('@/lib/db/resolve-database');
  const { migrateDatabase } = await import('@/lib/db/migrate');
  const { createServerDatabase } = await import('./server-database');

  const server = await resolveDatabase({ dataDirName: 'postgres-bench', database: 'postgres' });
  const url = await createServerDatabase(server.url, 'stockroom_bench_checkout');
  await migrateDatabase(url);
  setEnv({ DATABASE_URL: url, AUTH_SECRET: randomBytes(32).toString('base64url'), DATA_ENCRYPTION_KEY: randomBytes(32).toString('base64') });
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  const year = new Date().getUTCFullYear();
  const before = await pool.query<{ max: number | null }>(`select max(sequence) as max from invoices where kind = 'invoice' and year = $1`, [year]);
  const firstSequence = (before.rows[0]!.max ?? 0) + 1;

  const scenarios = [
    // A buyer reads the order and fills in the billing form before placing it: 1 to 3 seconds here, a
    // generous lower bound (people take longer), so 32 buyers at once is a busy shop, not a flood.
    { name: '32 buyers, 1–3 s filling in the form', thinkMs: [1000, 3000] as const },
    // No pause at all: every client posts as soon as the page is read. This is the server's capacity,
    // and its latencies are queueing (32 requests in flight on 2 cores), not the checkout's own time.
    { name: 'back to back, no pause (capacity)', thinkMs: [0, 0] as const },
  ];
  log(`seeding ${scenarios.length} × ${CHECKOUTS} customers with a cart of two licences…`);
  const runId = randomUUID().slice(0, 8);
  const customersOf = await Promise.all(scenarios.map((_, index) => seed(pool, `${runId}-${index}`)));

  const port = 3900 + Math.floor(Math.random() * 90);
  const child = spawn('tsx', ['--import', './scripts/register-hooks.mjs', 'scripts/start.ts'], {
    env: childEnv({ PORT: String(port), HOST: '127.0.0.1', STOCKROOM_LOG_LEVEL: 'warn', DATABASE_POOL_SIZE: String(CLIENTS) }),
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitForServer(`${base}/`, child);
    const rows: string[] = [];
    let sequence = firstSequence;
    for (const [index, scenario] of scenarios.entries()) {
      // Signing in is not checkout: every client signs in first, so the timed phase is what a signed-in buyer meets.
      log(`${scenario.name}: signing in ${CHECKOUTS} customers…`);
      const clients: TClient[] = customersOf[index]!.map((customer) => ({ ...customer, jar: new Jar() }));
      let errors = 0;
      const signedIn: TClient[] = [];
      await withClients(clients, async (client) => {
        if (await signInOnce(base, client).catch(() => false)) signedIn.push(client);
        else errors++;
      });
      log(`${scenario.name}: ${signedIn.length} checkouts from ${CLIENTS} concurrent clients…`);
      const latencies: number[] = [];
      const pageLatencies: number[] = [];
      const started = performance.now();
      await withClients(signedIn, async (client) => {
        try {
          const [least, most] = scenario.thinkMs;
          const result = await checkoutOnce(base, client, least + Math.random() * (most - least));
          pageLatencies.push(result.pageMs);
          if (result.ok) latencies.push(result.placeMs);
          else errors++;
        } catch {
          errors++;
        }
      });
      const seconds = (performance.now() - started) / 1000;
      const sorted = [...latencies].sort((a, b) => a - b);
      const pageSorted = [...pageLatencies].sort((a, b) => a - b);
      const { rows: issued } = await pool.query<{ sequence: number }>(`select sequence from invoices where kind = 'invoice' and year = $1 and sequence >= $2 order by sequence`, [year, sequence]);
      const sequences = issued.map((row) => row.sequence);
      const gapless = sequences.length === latencies.length && sequences.every((number, position) => number === sequence + position);
      const numbers = gapless ? `gapless (${sequences.length}, ${sequence} to ${sequence + sequences.length - 1})` : `NOT gapless: ${sequences.length} numbers for ${latencies.length} orders`;
      sequence += sequences.length;
      const ms = (sortedValues: number[], fraction: number) => percentile(sortedValues, fraction).toFixed(1);
      rows.push(
        `| ${scenario.name} | ${latencies.length} | ${(latencies.length / seconds).toFixed(1)} | ${ms(sorted, 0.5)} | ${ms(sorted, 0.95)} | ${ms(pageSorted, 0.5)} | ${ms(pageSorted, 0.95)} | ${errors} | ${numbers} |`,
      );
    }

    const pgVersion = (await pool.query<{ server_version: string }>('show server_version')).rows[0]!.server_version;
    const { webConcurrency } = await import('@/lib/server/web-cluster');
    const report = [
      `## ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC: bench/checkout, ${CHECKOUTS} checkouts per scenario, ${CLIENTS} concurrent clients`,
      '',
      `${webConcurrency()} web processes; ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, PostgreSQL ${pgVersion} (${server.embedded ? 'embedded' : 'DATABASE_URL'}). Every customer signs in first (not timed); then each client opens /checkout and posts it. Timed: the page and the POST that places the order (two licences, invoice issued at once).`,
      '',
      '| Scenario | orders | orders/s | place p50 ms | place p95 ms | /checkout p50 ms | /checkout p95 ms | errors | invoice numbers |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
      ...rows,
      '',
    ].join('\n');
    console.log(`\n${report}`);
    appendFileSync('bench/RESULTS.md', `${report}\n`);
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    await pool.end();
    await server.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
