/**
 * Shared by the mail integration tests: reading rows and jobs, waiting for the worker, and
 * searching the whole database for a value that must not be stored.
 */
import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { mailOutbox } from '@/db/schema';
import { db } from '@/lib/db/client';
import { getBoss } from '@/lib/jobs/boss';

/** A recipient no other test uses, so a message can be told apart from earlier ones. */
export const uniqueAddress = (label: string) => `${label}-${randomUUID().slice(0, 8)}@example.test`;

export const uniqueLink = (path: string) => `https://stockroom.example/${path}/${randomUUID()}`;

export async function outboxRow(id: string) {
  const [row] = await db.select().from(mailOutbox).where(eq(mailOutbox.id, id));
  return row ?? null;
}

export async function outboxCount() {
  const [row] = await db.select({ count: sql<number>`count(*)::int` }).from(mailOutbox);
  return row?.count ?? 0;
}

export async function deliveryJobsFor(outboxId: string) {
  const boss = await getBoss();
  return boss.findJobs<{ outboxId: string }>('mail.deliver', { data: { outboxId } });
}

export async function deliveryJobCount() {
  const boss = await getBoss();
  return (await boss.findJobs('mail.deliver')).length;
}

/** Polls until `check` returns a value other than undefined/false, or fails after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T | undefined | false>, timeoutMs = 15_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Every table (application and pg-boss) whose rows, read as text, contain `needle`. */
export async function tablesContaining(needle: string): Promise<string[]> {
  const tables = await db.execute<{ table_schema: string; table_name: string }>(sql`
    select table_schema, table_name from information_schema.tables
    where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')`);
  const found: string[] = [];
  for (const { table_schema, table_name } of tables.rows) {
    const result = await db.execute<{ n: number }>(
      sql`select count(*)::int as n from ${sql.identifier(table_schema)}.${sql.identifier(table_name)} t where position(${needle} in t::text) > 0`,
    );
    if ((result.rows[0]?.n ?? 0) > 0) found.push(`${table_schema}.${table_name}`);
  }
  return found;
}

/** Short retries so an outage test takes seconds: 1 s doubling to at most 2 s. */
export const fastRetries = (retryLimit: number) => ({
  'mail.deliver': { retryLimit, retryDelay: 1, retryBackoff: true, retryDelayMax: 2 },
});

/**
 * The run's test files share one database: deliveries earlier files queued and left (the order
 * tests leave hundreds) would go first once a worker with SMTP starts. Drop them before a file
 * queues its own.
 */
export async function dropEarlierDeliveries() {
  await (await getBoss()).deleteQueuedJobs('mail.deliver');
}
