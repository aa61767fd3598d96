import 'server-only';
import { sql } from 'drizzle-orm';
import type { TCustomerActor } from '@/lib/auth/guards';
import { db } from '@/lib/db/client';
import { describeDataGroup, type TDataGroupDescription } from './describe-data-group';
import { retentionDescriptionsInForce } from './retention-periods';
import { defaultDataMap, subjectPathOf, subjectTables, type TDataMap } from './subject-path';
import { subjectRowsFrom } from './subject-rows';

export type TMyDataGroup = TDataGroupDescription & { rowCount: number };

/**
 * Every kind of data the shop can hold about the signed-in person, with how many rows it holds
 * now: one group per table of the map that can belong to a person, empty ones included, so the
 * person also sees what could be held. The counts come from one query over the map's tables.
 */
export async function listMyData(actor: TCustomerActor, map: TDataMap = defaultDataMap): Promise<TMyDataGroup[]> {
  const tables = subjectTables(map);
  if (tables.length === 0) return [];
  const counts = tables.map(
    (table) => sql`select ${table}::text as table_name, count(*)::int as row_count ${subjectRowsFrom(table, subjectPathOf(map, table)!, actor.userId)}`,
  );
  const result = await db.execute<{ table_name: string; row_count: number }>(sql.join(counts, sql` union all `));
  const countByTable = new Map(result.rows.map((row) => [row.table_name, Number(row.row_count)]));
  const retention = await retentionDescriptionsInForce();
  return tables.map((table) => ({ ...describeDataGroup(map, table, retention), rowCount: countByTable.get(table) ?? 0 }));
}
