import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { auditTrail } from '@/db/schema';
import { auditEntryHash, GENESIS_HASH } from '@/lib/audit/audit-hash';
import { recordAuditEntry } from '@/lib/audit/record-audit-entry';
import { verifyAuditChain } from '@/lib/audit/verify-audit-chain';
import { closeDatabase, db } from '@/lib/db/client';
import { databaseEnv } from '@/lib/env';
import { appendEntry, entryCount, withTamperedAction } from './audit-helpers';

afterAll(async () => {
  await closeDatabase();
});

/** A connection of its own, outside the application's pool and drizzle. */
async function rawQuery(text: string) {
  const client = new pg.Client({ connectionString: databaseEnv().DATABASE_URL });
  await client.connect();
  try {
    return await client.query(text);
  } finally {
    await client.end();
  }
}

const refused = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught as Error & { cause?: Error },
  );
  expect(error).not.toBeNull();
  expect(`${error!.message} ${error!.cause?.message ?? ''}`).toMatch(/audit_trail is append-only: (UPDATE|DELETE|TRUNCATE) refused/);
};

describe('the audit trail', () => {
  it('chains each entry to the one before it, from the genesis value', async () => {
    const first = await appendEntry();
    const second = await appendEntry();
    const rows = await db.select().from(auditTrail).where(sql`${auditTrail.id} in (${first}, ${second})`).orderBy(auditTrail.id);
    expect(rows[1]!.prevHash).toBe(rows[0]!.hash);
    expect(rows[0]!.hash).toMatch(/^[0-9a-f]{64}$/);
    const [genesis] = await db.select().from(auditTrail).orderBy(auditTrail.id).limit(1);
    if (genesis!.id === 1) expect(genesis!.prevHash).toBe(GENESIS_HASH);
    expect(await verifyAuditChain(db)).toMatchObject({ intact: true, entries: await entryCount() });
  });

  it('refuses UPDATE, DELETE and TRUNCATE, through the application and on a raw connection', async () => {
    const id = await appendEntry();
    await refused(db.execute(sql`update audit_trail set action = 'x.y' where id = ${id}`));
    await refused(db.execute(sql`delete from audit_trail where id = ${id}`));
    await refused(db.execute(sql`truncate audit_trail`));
    await refused(rawQuery(`update audit_trail set purpose = 'changed' where id = ${id}`));
    await refused(rawQuery(`delete from audit_trail`));
    await refused(rawQuery(`truncate audit_trail`));
    expect(await verifyAuditChain(db)).toMatchObject({ intact: true });
  });

  it('reports a changed entry at exactly its id', async () => {
    await appendEntry();
    const tampered = await appendEntry();
    await appendEntry();
    const report = await withTamperedAction(tampered, () => verifyAuditChain(db));
    expect(report).toMatchObject({ intact: false, brokenId: tampered });
    expect(await verifyAuditChain(db)).toMatchObject({ intact: true });
  });

  it('keeps one unbroken chain when 20 transactions append at the same time', async () => {
    const before = await entryCount();
    await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        db.transaction((tx) => recordAuditEntry(tx, { actorKind: 'system', actorUserId: null, action: 'test.concurrent-append', objectType: 'test', objectId: String(index) })),
      ),
    );
    expect(await entryCount()).toBe(before + 20);
    expect(await verifyAuditChain(db)).toEqual(expect.objectContaining({ intact: true, entries: before + 20 }));
    // Small batches: the walk continues across batch boundaries in id order (ids 9, 10 and 100 included).
    expect(await verifyAuditChain(db, { batchSize: 3 })).toEqual(expect.objectContaining({ intact: true, entries: before + 20 }));
  });

  it('an entry rolls back with the transaction that made it', async () => {
    const before = await entryCount();
    await db
      .transaction(async (tx) => {
        await recordAuditEntry(tx, { actorKind: 'system', actorUserId: null, action: 'test.rolled-back' });
        throw new Error('the change failed');
      })
      .catch(() => undefined);
    expect(await entryCount()).toBe(before);
  });

  it('refuses personal values where only names belong, and a system entry with a user id', async () => {
    const entry = { actorKind: 'customer' as const, actorUserId: randomUUID(), action: 'account.profile-updated' };
    const attempt = (input: Parameters<typeof recordAuditEntry>[1]) => db.transaction((tx) => recordAuditEntry(tx, input));
    await expect(attempt({ ...entry, changedFields: ['ada@example.com'] })).rejects.toThrow();
    await expect(attempt({ ...entry, changedFields: ['Ada Lovelace'] })).rejects.toThrow();
    await expect(attempt({ ...entry, objectId: 'Ada Lovelace' })).rejects.toThrow();
    await expect(attempt({ actorKind: 'system', actorUserId: randomUUID(), action: 'test.bad' })).rejects.toThrow();
    await expect(attempt({ ...entry, details: { fullName: 'Ada' } } as never)).rejects.toThrow();
  });

  it('the retention function removes only the entries before the cutoff; the chain verifies from the new first entry', async () => {
    await appendEntry();
    await appendEntry();
    await new Promise((resolve) => setTimeout(resolve, 20));
    const [{ cutoff }] = (await db.execute<{ cutoff: string }>(sql`select now()::text as cutoff`)).rows as [{ cutoff: string }];
    await new Promise((resolve) => setTimeout(resolve, 20));
    const kept = await appendEntry();
    const newest = await appendEntry();
    const [older] = (await db.execute<{ count: number }>(sql`select count(*)::int as count from audit_trail where id < ${kept}`)).rows;

    const { rows } = await db.execute<{ removed: string }>(sql`select audit_trail_remove_before(${cutoff}::timestamptz)::text as removed`);
    expect(Number(rows[0]!.removed)).toBe(older!.count);
    const remaining = await db.select({ id: auditTrail.id }).from(auditTrail).orderBy(auditTrail.id);
    expect(remaining.map((row) => row.id)).toEqual([kept, newest]);
    expect(await verifyAuditChain(db)).toEqual({ intact: true, entries: 2, firstId: kept, anchored: true, unverifiableErased: 0 });

    // Nothing is before the cutoff any more, and the newest entry always stays as the chain's head.
    const again = await db.execute<{ removed: string }>(sql`select audit_trail_remove_before(now() + interval '1 day')::text as removed`);
    expect(again.rows[0]!.removed).toBe('1');
    const next = await appendEntry();
    expect(await verifyAuditChain(db)).toEqual({ intact: true, entries: 2, firstId: newest, anchored: true, unverifiableErased: 0 });
    expect(next).toBeGreaterThan(newest);
  });
  it('erasure blanks the addresses of a person through audit_trail_deidentify, and the chain still verifies', async () => {
    const person = randomUUID();
    const staff = randomUUID();
    const entry = (actorKind: 'customer' | 'staff', actorUserId: string, clientIp: string) =>
      db.transaction((tx) => recordAuditEntry(tx, { actorKind, actorUserId, action: 'account.profile-updated', subjectUserId: person, clientIp }));
    await entry('customer', person, '192.0.2.41');
    await entry('staff', staff, '192.0.2.42');
    // An entry written before hash format 2, which hashed the address itself.
    await db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext('audit_trail'))`);
      const [last] = await tx.select({ hash: auditTrail.hash }).from(auditTrail).orderBy(sql`${auditTrail.id} desc`).limit(1);
      const occurredAt = new Date();
      const fields = { occurredAt: occurredAt.toISOString(), actorUserId: person, actorKind: 'customer' as const, action: 'account.profile-updated', subjectUserId: person, objectType: null, objectId: null, clientIp: '192.0.2.43', purpose: null, details: {}, prevHash: last!.hash };
      await tx.insert(auditTrail).values({ ...fields, occurredAt, hash: auditEntryHash(fields) });
    });
    expect(await verifyAuditChain(db)).toMatchObject({ intact: true, unverifiableErased: 0 });

    const { rows } = await db.execute<{ changed: string }>(sql`select audit_trail_deidentify(${person}::uuid)::text as changed`);
    expect(rows[0]!.changed).toBe('2');
    const left = await db.select({ clientIp: auditTrail.clientIp, actorUserId: auditTrail.actorUserId }).from(auditTrail).where(sql`${auditTrail.subjectUserId} = ${person}`);
    expect(left.filter((row) => row.clientIp !== null)).toEqual([{ clientIp: '192.0.2.42', actorUserId: staff }]);
    expect(await verifyAuditChain(db)).toMatchObject({ intact: true, unverifiableErased: 1 });
  });
});
