import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import type { TSubjectPath } from './subject-path';

/** The alias of the table being read; its parents are r1, r2, ... */
export const ROW_ALIAS = 'r0';

/**
 * `from <table> r0 join <parent> r1 on ... where rN.<subject column> = <subject>`: the rows of one
 * subject. Every identifier comes from the data map, never from a request; the subject id is a
 * bound parameter, or an expression (COPY takes no parameters). An empty subject id is a caller's bug, so it throws rather than read anything.
 */
export function subjectRowsFrom(table: string, path: TSubjectPath, subjectId: string | SQL): SQL {
  if (!subjectId) throw new Error('subjectRowsFrom needs a subject id');
  const joins = path.hops.map((hop, index) =>
    sql` join ${sql.identifier(hop.parentTable)} as ${sql.identifier(`r${index + 1}`)} on ${sql.identifier(`r${index + 1}`)}.${sql.identifier(hop.parentColumn)} = ${sql.identifier(`r${index}`)}.${sql.identifier(hop.column)}`,
  );
  const rootAlias = sql.identifier(`r${path.hops.length}`);
  return sql`from ${sql.identifier(table)} as ${sql.identifier(ROW_ALIAS)}${sql.join(joins)} where ${rootAlias}.${sql.identifier(path.subjectColumn)} = ${subjectId}`;
}
