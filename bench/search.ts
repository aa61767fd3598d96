/**
 * bench/search: /search at a million images, against the production server under 16 concurrent
 * connections (autocannon), beside the same SQL run directly through pg. Prints a table and appends
 * it to bench/RESULTS.md. Run: npm run bench:search [-- --rows 1000000 --duration 20 --reseed]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import * as relations from '@/db/relations';
import * as tables from '@/db/schema';
import { childEnv, setEnv } from '@/lib/env';
import { COMMON_WORD, RARE_WORD, seedMillion } from './seed-million';

const CONNECTIONS = 16;

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '1000000' },
    duration: { type: 'string', default: '20' },
    reseed: { type: 'boolean', default: false },
  },
});
const ROWS = Number(values.rows);
const DURATION = Number(values.duration);

const scenarios: { name: string; params: Record<string, string> }[] = [
  { name: `common word ("${COMMON_WORD}")`, params: { q: COMMON_WORD } },
  { name: `rare word ("${RARE_WORD}")`, params: { q: RARE_WORD } },
  { name: 'filter only (portrait, royalty-free, no people)', params: { orientation: 'portrait', licence: 'royalty_free', people: 'without' } },
];

type TStats = { p50: number; p95: number; rps: number; requests: number; errors: number };

const log = (line: string) => console.log(`[bench] ${line}`);

function percentile(sorted: number[], fraction: number) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))]!;
}

function summarise(latencies: number[], seconds: number, errors: number): TStats {
  const sorted = [...latencies].sort((a, b) => a - b);
  return { p50: percentile(sorted, 0.5), p95: percentile(sorted, 0.95), rps: latencies.length / seconds, requests: latencies.length, errors };
}

/**
 * `repeat`: every request asks for the same URL, as visitors repeating a popular search do (after the
 * first, the page cache answers). `rendered`: every request carries a parameter the page ignores, so
 * no two URLs are alike and each one is rendered: the cost of a search nobody made in the last 30 s.
 */
async function benchServer(url: string, mode: 'repeat' | 'rendered'): Promise<TStats> {
  const latencies: number[] = [];
  let errors = 0;
  let sequence = 0;
  const { pathname, search } = new URL(url);
  const requests = mode === 'rendered' ? [{ setupRequest: (request: object) => ({ ...request, path: `${pathname}${search}&bench=${++sequence}` }) }] : undefined;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ url, connections: CONNECTIONS, duration: DURATION, timeout: 30, requests } as autocannon.Options, (error, done) =>
      error ? reject(error) : resolve(done),
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (statusCode === 200) latencies.push(responseTime);
      else errors++;
    });
  });
  return summarise(latencies, result.duration, errors + result.errors + result.timeouts);
}

/** Runs the captured statements of one search one after another, as 16 concurrent clients, for the same duration. */
async function benchSql(pool: pg.Pool, statements: { text: string; params: unknown[] }[]): Promise<TStats> {
  const latencies: number[] = [];
  const deadline = Date.now() + DURATION * 1000;
  const started = Date.now();
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      const client = await pool.connect();
      try {
        while (Date.now() < deadline) {
          const begin = performance.now();
          for (const statement of statements) await client.query(statement.text, statement.params);
          latencies.push(performance.now() - begin);
        }
      } finally {
        client.release();
      }
    }),
  );
  return summarise(latencies, (Date.now() - started) / 1000, 0);
}

/** Median time of one statement run alone, sequentially. */
async function medianMs(pool: pg.Pool, statement: { text: string; params: unknown[] }, runs: number) {
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const begin = performance.now();
    await pool.query(statement.text, statement.params);
    times.push(performance.now() - begin);
  }
  return percentile(times.sort((a, b) => a - b), 0.5);
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

async function main() {
  const { ensureProductionBuild } = await import('../scripts/production-build');
  ensureProductionBuild();
  const { resolveDatabase } = await import('@/lib/db/resolve-database');
  const { migrateDatabase } = await import('@/lib/db/migrate');
  const { createServerDatabase } = await import('./server-database');

  const server = await resolveDatabase({ dataDirName: 'postgres-bench', database: 'postgres' });
  const url = await createServerDatabase(server.url, 'stockroom_bench');
  await migrateDatabase(url);
  setEnv({ DATABASE_URL: url, AUTH_SECRET: randomBytes(32).toString('base64url'), DATA_ENCRYPTION_KEY: randomBytes(32).toString('base64') });

  const pool = new pg.Pool({ connectionString: url, max: CONNECTIONS });
  const { rows } = await pool.query<{ n: string }>('select count(*) as n from images');
  if (values.reseed || Number(rows[0]!.n) !== ROWS) {
    log(`seeding ${ROWS.toLocaleString('en')} images (COPY)…`);
    await seedMillion(url, ROWS, log);
  } else {
    log(`reusing ${ROWS.toLocaleString('en')} images in stockroom_bench`);
  }
  // Placeholder media have no files: mark them as rendered under the current watermark settings, or
  // the server's worker would start re-rendering a million derivatives while the bench measures.
  const { currentDerivativeSettings, derivativeStyle } = await import('@/lib/media/derivative-style');
  const marked = await pool.query('update image_media set derived_style = $1 where derived_style is distinct from $1', [derivativeStyle(await currentDerivativeSettings())]);
  if ((marked.rowCount ?? 0) > 0) await pool.query('vacuum analyze image_media');

  // The statements searchImages issues, captured through a drizzle logger on a separate connection.
  const { searchImages } = await import('@/lib/catalog/search-images');
  const { parseSearchQuery } = await import('@/lib/catalog/search-query');
  const captured: { text: string; params: unknown[] }[] = [];
  const capturing = drizzle({
    client: pool,
    schema: { ...tables, ...relations },
    logger: { logQuery: (text, params) => captured.push({ text, params }) },
  });

  const port = 3900 + Math.floor(Math.random() * 90);
  const child = spawn('tsx', ['--import', './scripts/register-hooks.mjs', 'scripts/start.ts'], {
    env: childEnv({ PORT: String(port), HOST: '127.0.0.1', STOCKROOM_LOG_LEVEL: 'warn', DATABASE_POOL_SIZE: String(CONNECTIONS) }),
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitForServer(`${base}/`, child);
    const table: string[] = [];
    for (const scenario of scenarios) {
      const path = `/search?${new URLSearchParams(scenario.params)}`;
      captured.length = 0;
      await searchImages(parseSearchQuery(scenario.params), capturing as never);
      // Per request the server runs everything but the capped count, which it remembers for 60 s
      // (lib/catalog/search-count-cache.ts); the count is timed on its own, once per scenario.
      const isCount = (text: string) => text.includes('as matched');
      const statements = captured.filter((statement) => !isCount(statement.text));
      const count = captured.find((statement) => isCount(statement.text));
      const countMs = count ? await medianMs(pool, count, 15) : 0;
      // Warm both paths (and every web process) before measuring.
      let lastCacheStatus = '';
      for (let i = 0; i < 20; i++) {
        const response = await fetch(`${base}${path}`);
        await response.arrayBuffer();
        lastCacheStatus = response.headers.get('x-stockroom-cache') ?? 'none';
      }
      log(`${scenario.name}: server, repeated URL (last warm-up request: cache ${lastCacheStatus})…`);
      const repeated = await benchServer(`${base}${path}`, 'repeat');
      log(`${scenario.name}: server, every request rendered…`);
      const rendered = await benchServer(`${base}${path}`, 'rendered');
      log(`${scenario.name}: SQL (${statements.length} statements)…`);
      const viaSql = await benchSql(pool, statements);
      const cells = [
        scenario.name,
        ...[repeated.p50, repeated.p95].map((ms) => ms.toFixed(1)),
        repeated.rps.toFixed(0),
        ...[rendered.p50, rendered.p95].map((ms) => ms.toFixed(1)),
        rendered.rps.toFixed(0),
        ...[viaSql.p50, viaSql.p95].map((ms) => ms.toFixed(1)),
        viaSql.rps.toFixed(0),
        (repeated.p95 / viaSql.p95).toFixed(2),
        (rendered.p95 / viaSql.p95).toFixed(2),
        countMs.toFixed(1),
        String(repeated.errors + rendered.errors),
      ];
      table.push(`| ${cells.join(' | ')} |`);
    }
    const header = [
      '| Query | repeated p50 ms | repeated p95 ms | repeated req/s | rendered p50 ms | rendered p95 ms | rendered req/s | SQL p50 ms | SQL p95 ms | SQL req/s | ratio p95 repeated/SQL | ratio p95 rendered/SQL | capped count ms (alone) | errors |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ];
    const pgVersion = (await pool.query<{ server_version: string }>('show server_version')).rows[0]!.server_version;
    const heading = `## ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC: ${ROWS.toLocaleString('en')} images, ${CONNECTIONS} connections, ${DURATION} s per run`;
    const { webConcurrency } = await import('@/lib/server/web-cluster');
    const workers = `${webConcurrency()} web processes`;
    const machine = `${workers}; ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, PostgreSQL ${pgVersion} (${server.embedded ? 'embedded' : 'DATABASE_URL'})`;
    const report = [heading, '', machine, '', ...header, ...table, ''].join('\n');
    console.log(`\n${report}`);
    const file = 'bench/RESULTS.md';
    if (!existsSync(file)) appendFileSync(file, '# Benchmark results\n\nAppended by the scripts in bench/. Targets are in the README of each benchmark.\n\n');
    appendFileSync(file, `${report}\n`);
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    await pool.end();
    // The watermark settings were read through the application's own pool: close it before the
    // embedded server stops, or its idle connection dies with an unhandled error.
    const { closeDatabase } = await import('@/lib/db/client');
    await closeDatabase();
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
