import 'server-only';
import { eq, sql, type SQL } from 'drizzle-orm';
import { erasureTombstones, users } from '@/db/schema';
import type { TTransaction } from '@/lib/db/client';
import { planErasure, type TErasureStep } from './plan-erasure';
import { defaultDataMap, type TDataMap } from './subject-path';
import { ROW_ALIAS, subjectRowsFrom } from './subject-rows';

export type TErasureCount = { table: string; kind: TErasureStep['kind']; rows: number };

export type TErasureResult = { subjectUserId: string; counts: TErasureCount[] };

type TColumnInfo = { column_name: string; data_type: string; is_nullable: 'YES' | 'NO' };

/**
 * Erases one person in the caller's transaction, as the personal-data map says (planErasure):
 * rows deleted, values replaced, staff references removed, the consent ledger and the audit trail
 * de-identified through their functions; orders and invoices keep their numbers, dates, lines,
 * amounts and legal-hold billing snapshot. The account row stays, anonymized and marked erased, so
 * invoices still point at a subject id; the id is recorded as a tombstone. Safe to run again on an
 * erased subject (a replay after a restore): each step finds nothing left or rewrites the same values.
 *
 * Whether the person may be erased (an unpaid invoice) is the caller's question; this does it.
 */
export async function eraseSubject(tx: TTransaction, subjectUserId: string, options: { map?: TDataMap; now?: Date } = {}): Promise<TErasureResult> {
  const map = options.map ?? defaultDataMap;
  const now = options.now ?? new Date();
  const [account] = await tx.select({ id: users.id }).from(users).where(eq(users.id, subjectUserId)).for('update');
  if (!account) throw new Error(`eraseSubject: no account ${subjectUserId}`);

  const counts: TErasureCount[] = [];
  for (const step of planErasure(map).steps) {
    counts.push({ table: step.table, kind: step.kind, rows: await runStep(tx, step, subjectUserId) });
  }
  await tx.update(users).set({ status: 'disabled', erasedAt: now, updatedAt: now }).where(eq(users.id, subjectUserId));
  await tx.insert(erasureTombstones).values({ subjectUserId, erasedAt: now }).onConflictDoNothing();
  return { subjectUserId, counts };
}

async function runStep(tx: TTransaction, step: TErasureStep, subjectUserId: string): Promise<number> {
  const table = sql.identifier(step.table);
  switch (step.kind) {
    case 'delete-rows': {
      const rows = sql`select ${sql.identifier(ROW_ALIAS)}.ctid ${subjectRowsFrom(step.table, step.path, subjectUserId)}`;
      return rowCount(await tx.execute(sql`delete from ${table} where ctid in (${rows})`));
    }
    case 'anonymize': {
      const columns = await columnInfo(tx, step.table);
      const assignments = step.columns.map((name) => sql`${sql.identifier(name)} = ${replacement(step.table, columns.get(name), subjectUserId)}`);
      const rows = sql`select ${sql.identifier(ROW_ALIAS)}.ctid ${subjectRowsFrom(step.table, step.path, subjectUserId)}`;
      return rowCount(await tx.execute(sql`update ${table} set ${sql.join(assignments, sql`, `)} where ctid in (${rows})`));
    }
    case 'unlink': {
      const column = sql.identifier(step.column);
      const change = step.action === 'delete-rows' ? sql`delete from ${table}` : sql`update ${table} set ${column} = null`;
      return rowCount(await tx.execute(sql`${change} where ${column} = ${subjectUserId}`));
    }
    case 'function': {
      const result = await tx.execute<{ changed: string }>(sql`select ${sql.identifier(step.name)}(${subjectUserId}::uuid)::text as changed`);
      return Number(result.rows[0]?.changed ?? 0);
    }
  }
}

const rowCount = (result: { rowCount?: number | null }) => result.rowCount ?? 0;

async function columnInfo(tx: TTransaction, table: string): Promise<Map<string, TColumnInfo>> {
  const result = await tx.execute<TColumnInfo>(
    sql`select column_name, data_type, is_nullable from information_schema.columns where table_schema = current_schema() and table_name = ${table}`,
  );
  return new Map(result.rows.map((row) => [row.column_name, row]));
}

/**
 * The neutral value of an anonymized column: null where the column allows it; otherwise a value
 * that says what happened and still satisfies the constraints: a unique address at the reserved
 * .invalid domain (RFC 2606, never delivered), "Deleted customer" and a short id for a name, an
 * empty object, or a marker no password or token can match.
 */
function replacement(table: string, column: TColumnInfo | undefined, subjectUserId: string): SQL {
  if (!column) throw new Error(`eraseSubject: ${table} has no such column`);
  if (column.is_nullable === 'YES') return sql`null`;
  const name = column.column_name;
  const shortId = subjectUserId.replaceAll('-', '').slice(0, 8);
  if (column.data_type === 'jsonb' || column.data_type === 'json') return sql`'{}'::jsonb`;
  if (column.data_type !== 'text' && column.data_type !== 'character varying') {
    throw new Error(`eraseSubject: ${table}.${name} (${column.data_type}, not null) has no neutral value; make it nullable or 'delete'`);
  }
  if (name.includes('email')) return sql`${`erased-${subjectUserId}@erased.invalid`}`;
  if (name.includes('name')) return sql`${`Deleted customer ${shortId}`}`;
  if (name.includes('hash') || name.includes('secret')) return sql`'!erased'`;
  return sql`''`;
}
