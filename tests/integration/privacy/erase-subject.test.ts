/**
 * Erasure through the map: a customer with rows in every personal table is erased, then every
 * text, varchar, jsonb, inet and bytea column of every table is searched for what identified them.
 */
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { erasureTombstones, users } from '@/db/schema';
import { verifyAuditChain } from '@/lib/audit/verify-audit-chain';
import { closeDatabase, db, type TExecutor } from '@/lib/db/client';
import { storageEnv } from '@/lib/env';
import { eraseSubject } from '@/lib/privacy/erase-subject';
import { readTombstoneFile } from '@/lib/privacy/erasure-tombstones';
import { planErasure } from '@/lib/privacy/plan-erasure';
import { replayErasures } from '@/lib/privacy/replay-erasures';
import { subjectPathOf, subjectTables, type TDataMap } from '@/lib/privacy/subject-path';
import { subjectRowsFrom } from '@/lib/privacy/subject-rows';
import { seedSubjectEverywhere, TABLES_NO_CUSTOMER_HAS, type TSubjectEverywhere } from '../../helpers/erasure-factory';
import { setTestSeller } from '../../helpers/order-factory';
import { classifiedPetsTable, dropPetsTable } from '../../helpers/personal-data-factory';

const PETS_TABLE = 'erasure_test_pets';

let me: TSubjectEverywhere;
let other: TSubjectEverywhere;
let map: TDataMap;

beforeAll(async () => {
  await setTestSeller();
  me = await seedSubjectEverywhere(`me-${randomUUID().slice(0, 8)}`);
  other = await seedSubjectEverywhere(`other-${randomUUID().slice(0, 8)}`);
  map = await classifiedPetsTable(PETS_TABLE, [
    { ownerUserId: me.userId, name: `Rex of ${me.fullName}` },
    { ownerUserId: other.userId, name: `Tom of ${other.fullName}` },
  ]);
});
afterAll(async () => {
  await dropPetsTable(PETS_TABLE);
  await closeDatabase();
});

async function rowsPerTable(executor: TExecutor, subjectUserId: string, tables: string[]): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const result = await executor.execute<{ n: number }>(sql`select count(*)::int as n ${subjectRowsFrom(table, subjectPathOf(map, table)!, subjectUserId)}`);
    counts[table] = result.rows[0]!.n;
  }
  return counts;
}

type THit = { table: string; column: string; needle: string };

/** Every hit of any needle in any text-like column of any table of the schema. */
async function scanDatabase(needles: string[]): Promise<THit[]> {
  const { rows: columns } = await db.execute<{ table_name: string; column_name: string; data_type: string }>(sql`
    select c.table_name, c.column_name, c.data_type from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE'
    where c.table_schema = current_schema() and c.data_type in ('text', 'character varying', 'jsonb', 'json', 'inet', 'cidr', 'bytea', 'ARRAY')`);
  const hits: THit[] = [];
  for (const column of columns) {
    const value = column.data_type === 'bytea' ? sql`encode(${sql.identifier(column.column_name)}, 'escape')` : sql`${sql.identifier(column.column_name)}::text`;
    for (const needle of needles) {
      const { rows } = await db.execute<{ n: number }>(sql`select count(*)::int as n from ${sql.identifier(column.table_name)} where strpos(lower(${value}), lower(${needle})) > 0`);
      if (rows[0]!.n > 0) hits.push({ table: column.table_name, column: column.column_name, needle });
    }
  }
  return hits;
}

const invoiceSnapshot = async (invoiceId: string) => ({
  invoice: (await db.execute(sql`select * from invoices where id = ${invoiceId}`)).rows,
  lines: (await db.execute(sql`select * from invoice_lines where invoice_id = ${invoiceId} order by position`)).rows,
  payments: (await db.execute(sql`select id, amount_minor, paid_on from invoice_payments where invoice_id = ${invoiceId}`)).rows,
  order: (await db.execute(sql`select number, status, net_total_minor, vat_total_minor, gross_total_minor, billing_name, billing_email from orders where id = (select order_id from invoices where id = ${invoiceId})`)).rows,
});

describe('eraseSubject', () => {
  it('the subject has rows in every personal table a customer can have rows in', async () => {
    const tables = subjectTables(map).filter((table) => !TABLES_NO_CUSTOMER_HAS.includes(table));
    const counts = await rowsPerTable(db, me.userId, tables);
    expect(Object.entries(counts).filter(([, n]) => n === 0).map(([table]) => table)).toEqual([]);
    // The scan finds what is there: the needles sit in ordinary columns before erasure.
    const before = (await scanDatabase([me.email, me.ips[0]!, 'Rex of'])).map((hit) => `${hit.table}.${hit.column}`);
    expect(before).toEqual(expect.arrayContaining(['users.email', 'access_log.ip', 'audit_trail.client_ip', `${PETS_TABLE}.pet_name`]));
  });

  it("erases everything the map says, leaves the legal-hold snapshot and nobody else's rows; the scan finds nothing else", async () => {
    const tables = subjectTables(map);
    const otherBefore = await rowsPerTable(db, other.userId, tables);
    const invoiceBefore = await invoiceSnapshot(me.invoiceId);
    const otherInvoiceBefore = await invoiceSnapshot(other.invoiceId);

    await db.transaction((tx) => eraseSubject(tx, me.userId, { map }));

    const needles = [me.email, me.fullName, me.phone, me.addressLine1, me.city, me.ips[0]!, `referral-${me.tag}`, `search-${me.tag}`, `Rex of`];
    const legalHold = new Set(planErasure(map).kept.filter((kept) => kept.erasure === 'legal-hold').flatMap((kept) => kept.columns.map((column) => `${kept.table}.${column}`)));
    const hits = await scanDatabase(needles);
    expect(hits.filter((hit) => !legalHold.has(`${hit.table}.${hit.column}`))).toEqual([]);
    // The snapshot the law requires is still there, and only there.
    expect(hits.map((hit) => `${hit.table}.${hit.column}`)).toEqual(expect.arrayContaining(['invoices.buyer_name', 'orders.billing_email']));

    expect(await invoiceSnapshot(me.invoiceId)).toEqual(invoiceBefore);
    expect(await invoiceSnapshot(other.invoiceId)).toEqual(otherInvoiceBefore);
    expect(await rowsPerTable(db, other.userId, tables)).toEqual(otherBefore);

    const [account] = await db.select().from(users).where(eq(users.id, me.userId));
    expect(account).toMatchObject({ status: 'disabled', fullName: `Deleted customer ${me.userId.replaceAll('-', '').slice(0, 8)}`, phone: null, customFields: {} });
    expect(account!.email).toBe(`erased-${me.userId}@erased.invalid`);
    expect(account!.erasedAt).toBeInstanceOf(Date);
    expect(await db.select().from(erasureTombstones).where(eq(erasureTombstones.subjectUserId, me.userId))).toHaveLength(1);
  });

  it('leaves the audit trail verifiable and the consent proof in place, without the addresses', async () => {
    // Files run one after another on a worker's database: another file's entries may be in the chain too.
    expect(await verifyAuditChain(db)).toMatchObject({ intact: true });
    const { rows: consents } = await db.execute<{ purpose: string; ip: string | null }>(sql`select purpose, ip from consent_ledger where subject_user_id = ${me.userId}`);
    expect(consents.length).toBeGreaterThan(0);
    expect(consents.every((row) => row.ip === null)).toBe(true);
    const { rows: otherConsents } = await db.execute<{ ip: string | null }>(sql`select ip from consent_ledger where subject_user_id = ${other.userId}`);
    expect(otherConsents.every((row) => row.ip !== null)).toBe(true);
  });

  it('the append-only tables still refuse every other change, even with the de-identification flag set by hand', async () => {
    await expect(
      db.transaction(async (tx) => {
        await tx.execute(sql`select set_config('stockroom.consent_ledger_deidentify', 'on', true)`);
        await tx.execute(sql`update consent_ledger set purpose = 'privacy_notice', ip = null where subject_user_id = ${other.userId}`);
      }),
    ).rejects.toThrow();
    await expect(
      db.transaction(async (tx) => {
        await tx.execute(sql`select set_config('stockroom.audit_trail_deidentify', 'on', true)`);
        await tx.execute(sql`update audit_trail set action = 'x.y', client_ip = null, client_ip_salt = null, deidentified_at = now() where subject_user_id = ${other.userId}`);
      }),
    ).rejects.toThrow();
    await expect(db.execute(sql`update consent_ledger set ip = null where subject_user_id = ${other.userId}`)).rejects.toThrow();
  });

  it('replays erasures after a restore: a subject the tombstones name is erased again, an erased one is left alone', async () => {
    // A restore of a backup taken before the erasure brings the account back; simulated here by
    // putting the old values back into the erased row.
    await db.update(users).set({ email: me.email, fullName: me.fullName, phone: me.phone, erasedAt: null, status: 'active' }).where(eq(users.id, me.userId));
    await db.execute(sql`insert into sessions (user_id, token_sha256, ip, expires_at) values (${me.userId}, ${randomUUID()}, ${me.ips[0]}, now() + interval '1 day')`);
    // The restored table predates the tombstone, too: only the file remembers it.
    await db.delete(erasureTombstones).where(eq(erasureTombstones.subjectUserId, me.userId)).catch(() => undefined);
    const file = `${storageEnv().ERASURE_TOMBSTONES_FILE}.replay`;
    await rm(file, { force: true });
    const { appendTombstone } = await import('@/lib/privacy/erasure-tombstones');
    await appendTombstone(me.userId, new Date(), file);

    // Other files of the run share the database: their erasures are in the table too, already done.
    const result = await replayErasures({ file });
    expect(result.reErased).toBe(1);
    const [account] = await db.select().from(users).where(eq(users.id, me.userId));
    expect(account!.email).toBe(`erased-${me.userId}@erased.invalid`);
    expect(await scanDatabase([me.ips[0]!, me.phone])).toEqual([]);

    const again = await replayErasures({ file });
    expect(again.reErased).toBe(0);
    expect(again.alreadyErased).toBeGreaterThanOrEqual(1);
    expect(await readTombstoneFile(file)).toContain(me.userId);
    await rm(file, { force: true });
  });
});
