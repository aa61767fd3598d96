import type { TErasureAction, TPersonalColumn, TRetentionRule } from './classification';
import { retentionDescriptions, type TRetentionDescriptions } from './retention-descriptions';
import { subjectPathOf, type TDataMap, type TSubjectPath } from './subject-path';

/**
 * The append-only tables: their rows about a person are de-identified only through their own
 * database function (migration 0012), the single UPDATE their triggers let through.
 */
export const deidentifyFunctions = {
  consent_ledger: 'consent_ledger_deidentify',
  audit_trail: 'audit_trail_deidentify',
} as const;

export type TErasureStep =
  /** The subject's rows go. */
  | { kind: 'delete-rows'; table: string; path: TSubjectPath; depth: number }
  /** The subject's rows stay with these columns replaced by neutral values. */
  | { kind: 'anonymize'; table: string; path: TSubjectPath; columns: string[] }
  /** A staff member's id in someone else's row: the row stays, the reference is removed (or, for 'delete', the row goes). */
  | { kind: 'unlink'; table: string; column: string; action: 'set-null' | 'delete-rows' }
  | { kind: 'function'; table: string; name: (typeof deidentifyFunctions)[keyof typeof deidentifyFunctions] };

/** What erasure leaves in place, and why: the preview shows it, the whole-database scan allows exactly it. */
export type TErasureKept = { table: string; columns: string[]; erasure: Extract<TErasureAction, 'legal-hold' | 'none'>; retention: TRetentionRule; until: string };

export type TErasurePlan = { steps: TErasureStep[]; kept: TErasureKept[] };

/**
 * What erasing one person does, from the map alone: a table classified later is erased by what
 * its columns say, with no code here. Per table, on the rows that lead to the person (subjectColumn
 * or a subjectVia chain): when every personal column says 'delete', the rows go; otherwise columns
 * that say 'anonymize' (or 'delete') are replaced and 'legal-hold' and 'none' columns stay. Columns of
 * category 'staff' name a staff member in rows about others: they are unlinked wherever they name
 * the person. Deeper tables come first, so an item goes before the row it belongs to. `retention`:
 * the descriptions with the periods in force, for what the preview and receipt say is kept until when.
 */
export function planErasure(map: TDataMap, retention: TRetentionDescriptions = retentionDescriptions()): TErasurePlan {
  const deletes: Array<Extract<TErasureStep, { kind: 'delete-rows' }>> = [];
  const others: TErasureStep[] = [];
  const kept: TErasureKept[] = [];

  for (const [table, entry] of Object.entries(map)) {
    const personal = Object.entries(entry.columns).filter((pair): pair is [string, TPersonalColumn] => pair[1].personal);
    const keptBy = (action: 'legal-hold' | 'none') => {
      const byRule = new Map<TRetentionRule, string[]>();
      for (const [name, column] of personal) {
        if (column.erasure === action && column.category !== 'staff') byRule.set(column.retention, [...(byRule.get(column.retention) ?? []), name]);
      }
      for (const [rule, columns] of byRule) kept.push({ table, columns, erasure: action, retention: rule, until: retention[rule] });
    };

    if (table in deidentifyFunctions) {
      others.push({ kind: 'function', table, name: deidentifyFunctions[table as keyof typeof deidentifyFunctions] });
      keptBy('none');
      continue;
    }

    const path = subjectPathOf(map, table);
    const aboutSubject = personal.filter(([, column]) => column.category !== 'staff');
    if (path && aboutSubject.length > 0) {
      if (aboutSubject.every(([, column]) => column.erasure === 'delete')) {
        deletes.push({ kind: 'delete-rows', table, path, depth: path.hops.length });
      } else {
        const columns = aboutSubject.filter(([, column]) => column.erasure === 'anonymize' || column.erasure === 'delete').map(([name]) => name);
        if (columns.length > 0) others.push({ kind: 'anonymize', table, path, columns });
        keptBy('legal-hold');
        keptBy('none');
      }
    }

    for (const [column, classification] of personal) {
      if (classification.category !== 'staff' || classification.erasure === 'none' || classification.erasure === 'legal-hold') continue;
      // The subject's own rows in a table deleted above need no separate unlinking.
      if (path && path.hops.length === 0 && path.subjectColumn === column && deletes.some((step) => step.table === table)) continue;
      others.push({ kind: 'unlink', table, column, action: classification.erasure === 'delete' ? 'delete-rows' : 'set-null' });
    }
  }

  deletes.sort((a, b) => b.depth - a.depth);
  return { steps: [...deletes, ...others], kept };
}
