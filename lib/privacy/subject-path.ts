import type { TTableEntry } from './classification';
import { personalDataMap } from './data-map';

/** The personal-data map, or a map a test extends; every reader takes it as a parameter. */
export type TDataMap = Readonly<Record<string, TTableEntry>>;

export const defaultDataMap: TDataMap = personalDataMap;

/** One join from a table to the parent row that leads to the subject. */
export type TSubjectHop = { table: string; column: string; parentTable: string; parentColumn: string };

/** How a table's rows reach their subject: the joins to walk, then the column holding the user id. */
export type TSubjectPath = { hops: TSubjectHop[]; rootTable: string; subjectColumn: string };

export const isMappedTable = (map: TDataMap, table: string): boolean => Object.hasOwn(map, table);

/**
 * The join chain from a table to its subject column, or null when its rows belong to no person
 * (catalog, settings) or the chain is broken or loops. Lines of an invoice reach the buyer through
 * the invoice; a longer chain works the same way.
 */
export function subjectPathOf(map: TDataMap, table: string): TSubjectPath | null {
  const hops: TSubjectHop[] = [];
  const seen = new Set<string>();
  let current = table;
  while (isMappedTable(map, current) && !seen.has(current)) {
    seen.add(current);
    const entry = map[current]!;
    if (entry.subjectColumn) return { hops, rootTable: current, subjectColumn: entry.subjectColumn };
    if (!entry.subjectVia) return null;
    hops.push({ table: current, ...entry.subjectVia });
    current = entry.subjectVia.parentTable;
  }
  return null;
}

/** The tables that can hold rows about a person, in the map's order (the account first). */
export function subjectTables(map: TDataMap): string[] {
  return Object.keys(map).filter((table) => subjectPathOf(map, table) !== null);
}
