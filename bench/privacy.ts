/**
 * bench/privacy: "Download my data" and erasure for a heavy subject: 100,000 activity rows and
 * 1,000 orders (two licences each, the order events checkout writes, the invoice issued by the real
 * issueInvoice with its audit entry, paid in full), plus a few rows in each of the person's other
 * groups (sessions, consents, sign-in attempts, lightbox, share, cart, link token). Other customers
 * hold many more rows, so a query that does not find the subject through an index shows.
 *
 * Measured, each run first (the subject's rows were just written, so mostly in Postgres' buffers) and
 * then repeated:
 * - the export job end to end: buildDataExport, the function the worker runs (every CSV, data.json,
 *   index.html, the invoice PDFs, ZIP and encryption to the storage folder), with RSS and heap
 *   sampled every 10 ms: growth is the peak over the level just before the run;
 * - the invoice PDFs drawn alone: the same reads (invoiceViewsWithIds, 100 a batch, in a transaction) and renderer
 *   for the subject's invoices, drained;
 * - the floor: `COPY (select <the export's columns> <the export's joins>) TO STDOUT` of every one of
 *   the subject's tables through pg-copy-streams, as CSV and as JSON lines (the two forms the export
 *   writes every row in), bytes counted and dropped;
 * - the export again with the subject's stored invoice PDFs deleted first: the uncached figure;
 * - erasure: eraseSubject in a transaction rolled back (repeatable), then eraseAccount for real (the
 *   request's one transaction: receipt, erasure, request closed, audit).
 * Appends a table to bench/RESULTS.md. Run: npm run bench:privacy [-- --activity 100000 --orders 1000 --runs 3 --database stockroom_bench_privacy]
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parseArgs } from 'node:util';
import bcrypt from 'bcrypt';
import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { setEnv } from '@/lib/env';

const { values } = parseArgs({
  options: {
    activity: { type: 'string', default: '100000' },
    orders: { type: 'string', default: '1000' },
    runs: { type: 'string', default: '3' },
    others: { type: 'string', default: '50' },
    'cpu-profile': { type: 'string' },
    // Its own database, so two people benching at once do not drop each other's rows.
    database: { type: 'string', default: 'stockroom_bench_privacy' },
  },
});
const ACTIVITY = Number(values.activity);
const ORDERS = Number(values.orders);
const RUNS = Math.max(1, Number(values.runs));
const OTHERS = Number(values.others);

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

const log = (line: string) => console.log(`[bench] ${line}`);
const MB = 2 ** 20;

/** Samples RSS and heap every 10 ms while `work` runs; growth is the peak over the level before it. */
async function measured<T>(work: () => Promise<T>): Promise<{ result: T; ms: number; rssMb: number; heapMb: number }> {
  collectGarbage();
  const before = process.memoryUsage();
  let peakRss = before.rss;
  let peakHeap = before.heapUsed;
  const sample = () => {
    const now = process.memoryUsage();
    peakRss = Math.max(peakRss, now.rss);
    peakHeap = Math.max(peakHeap, now.heapUsed);
  };
  const timer = setInterval(sample, 10);
  const started = performance.now();
  try {
    const result = await work();
    const ms = performance.now() - started;
    sample();
    return { result, ms, rssMb: (peakRss - before.rss) / MB, heapMb: (peakHeap - before.heapUsed) / MB };
  } finally {
    clearInterval(timer);
  }
}

const devNull = () => {
  let bytes = 0;
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      done();
    },
  });
  return { sink, bytes: () => bytes };
};

/** Other customers with orders and lines, so the subject's rows are a small part of each table (their activity: seedActivity). */
async function seedOthers(client: pg.Client, imageId: number, hash: string) {
  const { rows } = await client.query<{ id: string }>(
    `insert into users (email, password_hash, full_name, status, activated_at, country_code)
     select 'bench-other-' || gen_random_uuid() || '@example.test', $1, 'Other Customer ' || n, 'active', now(), 'IE' from generate_series(1, $2::int) n
     returning id`,
    [hash, OTHERS],
  );
  const ids = rows.map((row) => row.id);
  await insertOrders(client, ids, imageId, Math.round((ORDERS * 2) / Math.max(1, OTHERS)));
  return ids;
}

/**
 * Orders as placeOrder leaves them for a customer who may download without approval: the order with
 * its billing snapshot and totals, two lines (M and L at the standard price, VAT 23 % per line), and
 * the two events (submitted, approved). Returns the ids, oldest first.
 */
async function insertOrders(client: pg.Client, customerIds: string[], imageId: number, perCustomer: number): Promise<string[]> {
  const { rows } = await client.query<{ id: string }>(
    `with placed as (
       insert into orders (customer_user_id, idempotency_key, status, billing_name, billing_email, billing_address_line1, billing_postal_code,
         billing_city, billing_country_code, vat_treatment, ip_country_code, licence_terms_version, licence_accepted_at, payment_method,
         net_total_minor, vat_total_minor, gross_total_minor, submitted_at)
       select u, gen_random_uuid()::text, 'approved', 'Bench Buyer', 'bench.buyer@example.test', '1 Harbour Road', 'D02 X285', 'Dublin', 'IE',
         'domestic', 'IE', 'bench-terms-1', now(), 'invoice', 3900 + 6900, 897 + 1587, 3900 + 6900 + 897 + 1587, now() - n * interval '1 hour'
       from unnest($1::uuid[]) u, generate_series(1, $2::int) n
       returning id, submitted_at)
     select id from placed order by submitted_at`,
    [customerIds, perCustomer],
  );
  const orderIds = rows.map((row) => row.id);
  await client.query(
    `insert into order_lines (order_id, position, image_id, image_title, licence_model, tier, width_px, height_px, list_price_minor, net_minor, vat_rate_basis_points, vat_minor)
     select o, 1, $2::bigint, 'Bench harbour', 'royalty_free'::licence_model, 'M'::size_tier, 1600, 1067, 3900, 3900, 2300, 897 from unnest($1::uuid[]) o
     union all
     select o, 2, $2::bigint, 'Bench harbour', 'royalty_free'::licence_model, 'L'::size_tier, 3000, 2000, 6900, 6900, 2300, 1587 from unnest($1::uuid[]) o`,
    [orderIds, imageId],
  );
  await client.query(
    `insert into order_events (order_id, status, note, actor_user_id, occurred_at)
     select o.id, s.status::order_status, s.note, case when s.status = 'submitted' then o.customer_user_id end, o.submitted_at
     from orders o join unnest($1::uuid[]) ids(id) on ids.id = o.id,
       (values ('submitted', 'Pay by invoice within the payment term.'), ('approved', 'Approved at once: your account may download without approval.')) s(status, note)`,
    [orderIds],
  );
  return orderIds;
}

/**
 * The subject's activity and twice as much of the others', in one insert in time order: as on a
 * live site, the subject's rows are spread through the table among everyone else's, not one block.
 */
async function seedActivity(client: pg.Client, subjectUserId: string, otherIds: string[], imageId: number) {
  await client.query(
    `insert into activity_events (kind, subject_user_id, image_id, search_query, search_filters, ip, browser, os, country, created_at)
     select kind, subject, $3::bigint, query, filters, ip, 'Firefox 128', 'Linux', country, at from (
       select (array['search','preview_view','comp_download','login'])[1 + n % 4]::activity_kind as kind, $1::uuid as subject,
         case when n % 4 = 0 then 'harbour at night ' || n end as query, case when n % 4 = 0 then '{"orientation":"landscape"}'::jsonb end as filters,
         '198.51.100.77' as ip, 'IE' as country, now() - n * (interval '1 year' / $4::int) as at
       from generate_series(1, $4::int) n
       union all
       select 'search', others.id, 'other search ' || n, '{"orientation":"portrait"}', '203.0.113.9', 'DE', now() - random() * interval '1 year'
       from unnest($2::uuid[]) others(id), generate_series(1, $5::int) n) rows
     order by at`,
    [subjectUserId, otherIds, imageId, ACTIVITY, Math.round((ACTIVITY * 2) / Math.max(1, otherIds.length))],
  );
}

async function seedSubject(client: pg.Client, imageId: number, hash: string): Promise<{ subjectUserId: string; orderIds: string[] }> {
  const tag = randomUUID().slice(0, 8);
  const { rows } = await client.query<{ id: string }>(
    `insert into users (email, password_hash, full_name, status, activated_at, country_code, address_line1, postal_code, city, phone, custom_fields)
     values ($1, $2, 'Bench Subject', 'active', now(), 'IE', '1 Harbour Road', 'D02 X285', 'Dublin', '+353 1 555 0100', '{"referral":"bench"}') returning id`,
    [`bench-subject-${tag}@example.test`, hash],
  );
  const userId = rows[0]!.id;
  await client.query(`insert into customer_terms (user_id, download_without_approval) values ($1, true)`, [userId]);
  await client.query(
    `insert into sessions (token_sha256, user_id, remember, created_at, last_seen_at, expires_at, ip, browser, os, country)
     select encode(sha256(gen_random_bytes(32)), 'hex'), $1, n % 2 = 0, now() - n * interval '1 day', now() - n * interval '1 day', now() + interval '30 days', '198.51.100.77', 'Firefox 128', 'Linux', 'IE'
     from generate_series(1, 20) n`,
    [userId],
  ).catch(async () => {
    // pgcrypto may be missing: the same with md5-derived hashes.
    await client.query(
      `insert into sessions (token_sha256, user_id, remember, created_at, last_seen_at, expires_at, ip, browser, os, country)
       select md5(random()::text) || md5(random()::text), $1, n % 2 = 0, now() - n * interval '1 day', now() - n * interval '1 day', now() + interval '30 days', '198.51.100.77', 'Firefox 128', 'Linux', 'IE'
       from generate_series(1, 20) n`,
      [userId],
    );
  });
  await client.query(
    `insert into consent_ledger (subject_user_id, purpose, action, text_version, text_sha256, ip)
     values ($1, 'marketing_email', 'given', 'bench-1', repeat('a', 64), '198.51.100.77'), ($1, 'marketing_email', 'withdrawn', 'bench-1', repeat('a', 64), '198.51.100.77')`,
    [userId],
  );
  const { rows: lightboxes } = await client.query<{ id: string }>(`insert into lightboxes (owner_user_id, name) values ($1, 'Harbours') returning id`, [userId]);
  await client.query(`insert into lightbox_items (lightbox_id, image_id, note) values ($1, $2, 'for the brochure')`, [lightboxes[0]!.id, imageId]);
  await client.query(
    `insert into shares (sender_user_id, image_id, recipient_email, message, token_sha256, expires_at) values ($1, $2, 'friend@example.test', 'Look at this', $3, now() + interval '1 day')`,
    [userId, imageId, randomBytes(32).toString('hex')],
  );
  const { rows: carts } = await client.query<{ id: string }>(`insert into carts (owner_user_id) values ($1) returning id`, [userId]);
  await client.query(`insert into cart_items (cart_id, image_id, tier) values ($1, $2, 'S')`, [carts[0]!.id, imageId]);
  await client.query(
    `insert into account_tokens (user_id, purpose, token_sha256, new_email, expires_at) values ($1, 'email_change', $2, 'new-address@example.test', now() + interval '1 day')`,
    [userId, randomBytes(32).toString('hex')],
  );

  const orderIds = await insertOrders(client, [userId], imageId, ORDERS);
  return { subjectUserId: userId, orderIds };
}

/** Every order's invoice through the real issueInvoice, with checkout's audit entry, 50 orders a transaction; then paid in full. */
async function issueInvoices(client: pg.Client, subjectUserId: string, orderIds: string[]) {
  const { db } = await import('@/lib/db/client');
  const { issueInvoice } = await import('@/lib/invoices/issue-invoice');
  const { recordAuditEntry } = await import('@/lib/audit/record-audit-entry');
  for (let start = 0; start < orderIds.length; start += 50) {
    await db.transaction(async (tx) => {
      for (const orderId of orderIds.slice(start, start + 50)) {
        await issueInvoice(tx, orderId);
        await recordAuditEntry(tx, { actorKind: 'customer', actorUserId: subjectUserId, action: 'order.placed', subjectUserId, objectType: 'order', objectId: orderId });
      }
    });
  }
  await client.query(
    `insert into invoice_payments (invoice_id, paid_on, amount_minor, method, reference)
     select id, current_date, gross_total_minor, 'bank_transfer', 'bench ' || number from invoices where customer_user_id = $1 and kind = 'invoice'`,
    [subjectUserId],
  );
  await client.query(`update orders set status = 'paid' where customer_user_id = $1`, [subjectUserId]);
  // What registerPayment does after its commit: the PDF showing the payment is drawn and stored.
  const { refreshInvoicePdfs } = await import('@/lib/invoices/invoice-pdfs');
  const { rows } = await client.query<{ id: string }>(`select id from invoices where customer_user_id = $1 order by number`, [subjectUserId]);
  const started = performance.now();
  for (let start = 0; start < rows.length; start += 100) await refreshInvoicePdfs(rows.slice(start, start + 100).map((row) => row.id));
  const { rows: stored } = await client.query<{ count: string }>(`select count(*) from invoice_pdfs p join invoices i on i.id = p.invoice_id where i.customer_user_id = $1`, [subjectUserId]);
  log(`stored ${stored[0]!.count} invoice PDFs after the payments in ${(performance.now() - started).toFixed(0)} ms`);
}

/**
 * The same rows the export reads, as text: `from <table> r0 join ... where rN.<subject column> = '<id>'`,
 * through COPY, as CSV (csvMs) and as JSON lines (jsonMs, row_to_json as data.json holds them): the
 * export writes every row in both forms, so the floor of its files is the two together (ms).
 */
async function copyFloor(client: pg.Client, subjectUserId: string) {
  const { defaultDataMap, subjectPathOf, subjectTables } = await import('@/lib/privacy/subject-path');
  const ident = (name: string) => client.escapeIdentifier(name);
  let bytes = 0;
  let rows = 0;
  const selects = subjectTables(defaultDataMap).map((table) => {
    const subjectPath = subjectPathOf(defaultDataMap, table)!;
    const joins = subjectPath.hops
      .map((hop, index) => ` join ${ident(hop.parentTable)} r${index + 1} on r${index + 1}.${ident(hop.parentColumn)} = r${index}.${ident(hop.column)}`)
      .join('');
    const columns = Object.keys(defaultDataMap[table]!.columns).map((name) => `r0.${ident(name)}`).join(', ');
    return `select ${columns} from ${ident(table)} r0${joins} where r${subjectPath.hops.length}.${ident(subjectPath.subjectColumn)} = ${client.escapeLiteral(subjectUserId)}`;
  });
  const timed = async (queryOf: (select: string) => string) => {
    const started = performance.now();
    for (const select of selects) {
      const { sink, bytes: counted } = devNull();
      const stream = client.query(copyTo(queryOf(select)));
      await pipeline(stream, sink);
      bytes += counted();
      rows += stream.rowCount;
    }
    return performance.now() - started;
  };
  const csvMs = await timed((select) => `copy (${select}) to stdout (format csv, header)`);
  const csvRows = rows;
  const jsonMs = await timed((select) => `copy (select row_to_json(r)::text from (${select}) r) to stdout (format csv, delimiter E'\\x02', quote E'\\x01')`);
  return { csvMs, jsonMs, ms: csvMs + jsonMs, bytes, rows: csvRows };
}

/**
 * What Postgres spends writing the export's own files: the export's COPY queries (every CSV with its
 * cell rules, then every group's data.json lines) in its transaction, bytes counted and dropped.
 * Nothing of the ZIP, compression or encryption: the part of the export no JavaScript can speed up.
 */
async function exportCopiesOnce(client: pg.Client, subjectUserId: string) {
  const { db } = await import('@/lib/db/client');
  const { beginExportTransaction, exportTables } = await import('@/lib/privacy/build-data-export');
  const { csvCopyQuery, jsonLinesCopyQuery } = await import('@/lib/privacy/export-copy-queries');
  const { defaultDataMap } = await import('@/lib/privacy/subject-path');
  const tables = await exportTables(db, defaultDataMap);
  const timed = async (queryOf: (table: (typeof tables)[number]) => string) => {
    await beginExportTransaction(client, subjectUserId);
    const started = performance.now();
    for (const table of tables) {
      const { sink } = devNull();
      await pipeline(client.query(copyTo(queryOf(table))), sink);
    }
    const ms = performance.now() - started;
    await client.query('commit');
    return ms;
  };
  return { csvMs: await timed(csvCopyQuery), jsonMs: await timed(jsonLinesCopyQuery) };
}

/** A CPU profile of one export alone (--cpu-profile file.cpuprofile), for finding where its time goes. */
async function startProfile() {
  const { Session } = await import('node:inspector/promises');
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 500 });
  await session.post('Profiler.start');
  return {
    stop: async (file: string) => {
      const { profile } = await session.post('Profiler.stop');
      writeFileSync(file, JSON.stringify(profile));
      session.disconnect();
    },
  };
}

let profiled = 0;

async function exportOnce(client: pg.Client, subjectUserId: string) {
  const { buildDataExport } = await import('@/lib/privacy/build-data-export');
  const { rows } = await client.query<{ id: string }>(
    `insert into data_exports (subject_user_id, requested_by_user_id, status, expires_at) values ($1, $1, 'pending', now() + interval '7 days') returning id`,
    [subjectUserId],
  );
  const exportId = rows[0]!.id;
  const profile = values['cpu-profile'] ? await startProfile() : null;
  const run = await measured(() => buildDataExport(exportId));
  // One file per export: name.cpuprofile, name-2.cpuprofile, … in the order they ran.
  if (profile) await profile.stop(values['cpu-profile']!.replace(/(\.cpuprofile)?$/, ++profiled === 1 ? '$1' : `-${profiled}$1`));
  if (run.result !== 'ready') throw new Error(`The export ended ${run.result}`);
  const { rows: made } = await client.query<{ bytes: string }>(`select bytes from data_exports where id = $1`, [exportId]);
  return { ...run, bytes: Number(made[0]!.bytes) };
}

async function pdfsOnce(subjectUserId: string) {
  const { db } = await import('@/lib/db/client');
  const { sql } = await import('drizzle-orm');
  const { invoiceViewsWithIds } = await import('@/lib/invoices/invoice-views-with-ids');
  const { renderInvoicePdf } = await import('@/lib/invoices/render-invoice-pdf');
  return measured(() =>
    db.transaction(async (tx) => {
      const { rows } = await tx.execute<{ id: string }>(sql`select id from invoices where customer_user_id = ${subjectUserId} order by number`);
      let bytes = 0;
      for (let start = 0; start < rows.length; start += 100) {
        for (const view of await invoiceViewsWithIds(tx, rows.slice(start, start + 100).map((row) => row.id))) {
          const { sink, bytes: counted } = devNull();
          await pipeline(renderInvoicePdf(view), sink);
          bytes += counted();
        }
      }
      return { count: rows.length, bytes };
    }),
  );
}

async function erasureRolledBack(subjectUserId: string) {
  const { db } = await import('@/lib/db/client');
  const { eraseSubject } = await import('@/lib/privacy/erase-subject');
  const rollback = new Error('rolled back on purpose');
  let ms = 0;
  await db
    .transaction(async (tx) => {
      const started = performance.now();
      await eraseSubject(tx, subjectUserId);
      ms = performance.now() - started;
      throw rollback;
    })
    .catch((error: unknown) => {
      if (error !== rollback) throw error;
    });
  return ms;
}

async function main() {
  const { resolveDatabase } = await import('@/lib/db/resolve-database');
  const { migrateDatabase } = await import('@/lib/db/migrate');
  const { createServerDatabase } = await import('./server-database');

  const server = await resolveDatabase({ dataDirName: 'postgres-bench', database: 'postgres' });
  const url = await createServerDatabase(server.url, values.database);
  await migrateDatabase(url);
  const mediaDir = mkdtempSync(path.join(os.tmpdir(), 'stockroom-bench-privacy-'));
  setEnv({ DATABASE_URL: url, AUTH_SECRET: randomBytes(32).toString('base64url'), DATA_ENCRYPTION_KEY: randomBytes(32).toString('base64'), MEDIA_DIR: mediaDir });
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { closeDatabase } = await import('@/lib/db/client');
  try {
    const { updateSetting } = await import('@/lib/settings/update-setting');
    const { ensureDefaultPriceList } = await import('@/lib/catalog/price-lists/ensure-default-price-list');
    await updateSetting('seller.details', { name: 'Bench Picture Agency B.V.', address: 'Keizersgracht 1\n1015 AA Amsterdam', countryCode: 'NL', vatNumber: 'NL853746333B01' });
    const priceListId = await ensureDefaultPriceList();
    const { rows: images } = await client.query<{ id: number }>(
      `insert into images (title, width, height, licence_model, price_list_id, model_release, published, published_at)
       values ('Bench harbour', 6000, 4000, 'royalty_free', $1, 'released', true, now()) returning id`,
      [priceListId],
    );
    const imageId = images[0]!.id;
    const hash = await bcrypt.hash(`bench-${randomUUID()}`, 4);

    let started = performance.now();
    log(`seeding ${OTHERS} other customers (${(ACTIVITY * 2).toLocaleString('en')} activity rows, ${(ORDERS * 2).toLocaleString('en')} orders between them)…`);
    const otherIds = await seedOthers(client, imageId, hash);
    log(`seeding the subject: ${ACTIVITY.toLocaleString('en')} activity rows, ${ORDERS.toLocaleString('en')} orders…`);
    const subject = await seedSubject(client, imageId, hash);
    await seedActivity(client, subject.subjectUserId, otherIds, imageId);
    log(`issuing ${ORDERS.toLocaleString('en')} invoices through issueInvoice…`);
    await issueInvoices(client, subject.subjectUserId, subject.orderIds);
    // The same activity and orders for a second person whose orders were never invoiced: their export
    // is the rows part alone (CSVs, data.json, ZIP, encryption) without a single PDF.
    log('seeding a second subject with the same rows but no invoices…');
    const withoutInvoices = await seedSubject(client, imageId, hash);
    await seedActivity(client, withoutInvoices.subjectUserId, [], imageId);
    for (const table of ['activity_events', 'orders', 'order_lines', 'order_events', 'invoices', 'invoice_lines', 'invoice_payments', 'audit_trail', 'users']) {
      await client.query(`vacuum analyze ${client.escapeIdentifier(table)}`);
    }
    log(`seeded in ${((performance.now() - started) / 1000).toFixed(1)} s`);

    const floors: Array<Awaited<ReturnType<typeof copyFloor>>> = [];
    const exports: Array<Awaited<ReturnType<typeof exportOnce>>> = [];
    const undrawnExports: Array<Awaited<ReturnType<typeof exportOnce>>> = [];
    const pdfs: Array<Awaited<ReturnType<typeof pdfsOnce>>> = [];
    const rowFloors: Array<Awaited<ReturnType<typeof copyFloor>>> = [];
    const rowExports: Array<Awaited<ReturnType<typeof exportOnce>>> = [];
    const rowCopies: Array<Awaited<ReturnType<typeof exportCopiesOnce>>> = [];
    for (let run = 0; run < RUNS; run++) {
      floors.push(await copyFloor(client, subject.subjectUserId));
      log(`run ${run + 1}: floor CSV ${floors.at(-1)!.csvMs.toFixed(0)} ms + JSON ${floors.at(-1)!.jsonMs.toFixed(0)} ms (${floors.at(-1)!.rows} rows)`);
      exports.push(await exportOnce(client, subject.subjectUserId));
      log(`run ${run + 1}: export ${exports.at(-1)!.ms.toFixed(0)} ms, RSS +${exports.at(-1)!.rssMb.toFixed(1)} MB, heap +${exports.at(-1)!.heapMb.toFixed(1)} MB`);
      // The uncached figure: no PDF stored (as after a layout change), so the export draws and stores all of them.
      await client.query(`delete from invoice_pdfs where invoice_id in (select id from invoices where customer_user_id = $1)`, [subject.subjectUserId]);
      undrawnExports.push(await exportOnce(client, subject.subjectUserId));
      log(`run ${run + 1}: export with no PDF stored ${undrawnExports.at(-1)!.ms.toFixed(0)} ms, RSS +${undrawnExports.at(-1)!.rssMb.toFixed(1)} MB`);
      pdfs.push(await pdfsOnce(subject.subjectUserId));
      log(`run ${run + 1}: ${pdfs.at(-1)!.result.count} PDFs ${pdfs.at(-1)!.ms.toFixed(0)} ms`);
      rowFloors.push(await copyFloor(client, withoutInvoices.subjectUserId));
      rowExports.push(await exportOnce(client, withoutInvoices.subjectUserId));
      rowCopies.push(await exportCopiesOnce(client, withoutInvoices.subjectUserId));
      log(
        `run ${run + 1}: without invoices: floor ${rowFloors.at(-1)!.csvMs.toFixed(0)} + ${rowFloors.at(-1)!.jsonMs.toFixed(0)} ms, export ${rowExports.at(-1)!.ms.toFixed(0)} ms, RSS +${rowExports.at(-1)!.rssMb.toFixed(1)} MB; the export's COPYs alone: CSVs ${rowCopies.at(-1)!.csvMs.toFixed(0)} ms, data.json ${rowCopies.at(-1)!.jsonMs.toFixed(0)} ms`,
      );
    }

    started = performance.now();
    const rolledBack = [await erasureRolledBack(subject.subjectUserId), await erasureRolledBack(subject.subjectUserId)];
    log(`eraseSubject (rolled back): ${rolledBack.map((ms) => ms.toFixed(0)).join(' ms, ')} ms`);
    const { rows: requests } = await client.query<{ id: string }>(
      `insert into privacy_requests (kind, state, source, subject_user_id, due_at, confirmed_at, erase_after)
       values ('erasure', 'cooling_off', 'self_service', $1, now() + interval '1 month', now() - interval '8 days', now() - interval '1 second') returning id`,
      [subject.subjectUserId],
    );
    const { eraseAccount } = await import('@/lib/privacy/erase-account');
    started = performance.now();
    const outcome = await eraseAccount(requests[0]!.id);
    const eraseMs = performance.now() - started;
    if (outcome !== 'erased') throw new Error(`eraseAccount ended ${outcome}`);
    const { rows: left } = await client.query<{ count: string }>(`select count(*) from activity_events where subject_user_id = $1`, [subject.subjectUserId]);
    if (Number(left[0]!.count) !== 0) throw new Error('The subject still has activity after erasure');
    log(`eraseAccount: ${eraseMs.toFixed(0)} ms`);

    const pgVersion = (await client.query<{ server_version: string }>('show server_version')).rows[0]!.server_version;
    const f = (value: number, digits = 0) => value.toFixed(digits);
    const rows = floors.map((floor, index) => {
      const exported = exports[index]!;
      const undrawn = undrawnExports[index]!;
      const pdf = pdfs[index]!;
      const rowFloor = rowFloors[index]!;
      const rowExport = rowExports[index]!;
      const rowCopy = rowCopies[index]!;
      const cells = [
        index === 0 ? 'first' : `repeat ${index}`,
        `${f(floor.csvMs)} + ${f(floor.jsonMs)}`,
        f(exported.ms),
        f(exported.ms / floor.ms, 1),
        f(exported.ms / floor.csvMs, 1),
        f(exported.rssMb, 1),
        f(exported.heapMb, 1),
        `${f(undrawn.ms)} (${f(undrawn.ms / floor.ms, 1)}x, RSS +${f(undrawn.rssMb, 1)} MB)`,
        f(pdf.ms),
        `${f(rowFloor.csvMs)} + ${f(rowFloor.jsonMs)}`,
        `${f(rowCopy.csvMs)} + ${f(rowCopy.jsonMs)}`,
        f(rowExport.ms),
        f(rowExport.ms / rowFloor.ms, 1),
        f(rowExport.rssMb, 1),
        f(exported.bytes / MB, 1),
      ];
      return `| ${cells.join(' | ')} |`;
    });
    const report = [
      `## ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC: bench/privacy, ${ACTIVITY.toLocaleString('en')} activity rows and ${ORDERS.toLocaleString('en')} orders`,
      '',
      `${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, PostgreSQL ${pgVersion} (${server.embedded ? 'embedded' : 'DATABASE_URL'}). The subject's ${floors[0]!.rows.toLocaleString('en')} rows across the groups, ${ORDERS.toLocaleString('en')} invoiced orders among them; ${OTHERS} other customers hold twice as many activity rows and orders, interleaved in time. Floor: COPY of the same columns and rows of every group through pg-copy-streams, bytes dropped, as CSV and as JSON lines (row_to_json): the export writes every row in both forms (its CSV files and data.json), so the floor is the two together; "/ CSV floor" compares with the CSV COPY alone. Export: buildDataExport end to end (CSVs, data.json, index.html, ${pdfs[0]!.result.count} invoice PDFs, ZIP, AES-GCM to disk) with the PDFs stored when the payments were registered, as the shop stores them; "no PDF stored" is the same export after deleting them (as after a layout change), which draws and stores them again. PDFs drawn: the same reads and renderer for the subject's invoices, one after the other, drained. "No invoices": a second person with the same activity and orders, never invoiced, so the rows part alone (${rowFloors[0]!.rows.toLocaleString('en')} rows); "its COPYs" are the export's own queries for the CSVs and for data.json, bytes dropped. Memory: peak growth over the level before the run, sampled every 10 ms.`,
      '',
      '| Run | floor ms (CSV + JSON) | export ms | export / floor | export / CSV floor | export RSS growth MB | export heap growth MB | export, no PDF stored ms | 1,000 PDFs drawn ms | no invoices: floor ms (CSV + JSON) | no invoices: its COPYs ms (CSVs + data.json) | no invoices: export ms | no invoices: export / floor | no invoices: RSS growth MB | ZIP MB |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
      ...rows,
      '',
      `Erasure of the subject: eraseSubject ${rolledBack.map((ms) => `${f(ms)} ms`).join(' and ')} (rolled back, first and repeat); eraseAccount (the request's one transaction, committed) ${f(eraseMs)} ms.`,
      '',
    ].join('\n');
    console.log(`\n${report}`);
    appendFileSync('bench/RESULTS.md', `${report}\n`);
  } finally {
    await client.end();
    await closeDatabase();
    await server.stop();
    rmSync(mediaDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(1);
  },
);
