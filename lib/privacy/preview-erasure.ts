import 'server-only';
import { sql } from 'drizzle-orm';
import { db, type TExecutor } from '@/lib/db/client';
import { legalBases, type TPersonalColumn } from './classification';
import { planErasure, type TErasureStep } from './plan-erasure';
import { retentionDescriptionsInForce } from './retention-periods';
import { defaultDataMap, subjectPathOf, type TDataMap } from './subject-path';
import { subjectRowsFrom } from './subject-rows';

export type TErasureLine = { what: string; detail: string };

export type TErasurePreview = { erased: TErasureLine[]; kept: TErasureLine[] };

const DEIDENTIFIED: Record<string, string> = {
  consent_ledger: 'the addresses they were given from and the consent id of your cookie choices are erased; what you agreed to, to which text and when is kept as proof, tied only to the anonymized account',
  audit_trail: 'the addresses of your own actions are erased; the record of what was done to your data stays, tied only to the anonymized account',
};

/**
 * What erasing this person does and leaves, in words, from the same plan eraseSubject carries out
 * and the person's own rows: shown before "Delete my account" is confirmed and sent as the receipt.
 * Only groups the person has rows in are named.
 */
export async function previewErasure(subjectUserId: string, options: { executor?: TExecutor; map?: TDataMap } = {}): Promise<TErasurePreview> {
  const executor = options.executor ?? db;
  const map = options.map ?? defaultDataMap;
  // "Kept until" in the site owner's periods (privacy.retentionDays), not the defaults.
  const plan = planErasure(map, await retentionDescriptionsInForce(executor));
  const countOf = async (table: string) => {
    const path = subjectPathOf(map, table);
    if (!path) return 0;
    const result = await executor.execute<{ n: number }>(sql`select count(*)::int as n ${subjectRowsFrom(table, path, subjectUserId)}`);
    return result.rows[0]?.n ?? 0;
  };
  const counts = new Map<string, number>();
  const rowsOf = async (table: string) => {
    if (!counts.has(table)) counts.set(table, await countOf(table));
    return counts.get(table)!;
  };

  const erased: TErasureLine[] = [];
  for (const step of plan.steps) {
    if (step.kind === 'unlink') continue;
    const rows = await rowsOf(step.table);
    if (rows === 0) continue;
    erased.push({ what: map[step.table]!.purpose, detail: describeStep(step, rows, map) });
  }

  const kept: TErasureLine[] = [];
  for (const entry of plan.kept) {
    if (entry.table in DEIDENTIFIED || (await rowsOf(entry.table)) === 0) continue;
    const columns = entry.columns.map((name) => map[entry.table]!.columns[name] as TPersonalColumn);
    const why = [...new Set(columns.map((column) => legalBases[column.legalBasis]))].join('; ');
    const what = [...new Set(columns.map((column) => column.purpose))].join(', ');
    kept.push({ what: `${map[entry.table]!.purpose}: ${what}`, detail: `${why}. Kept: ${entry.until}.` });
  }
  return { erased, kept };
}

function describeStep(step: Exclude<TErasureStep, { kind: 'unlink' }>, rows: number, map: TDataMap): string {
  const records = `${rows} ${rows === 1 ? 'record' : 'records'}`;
  switch (step.kind) {
    case 'delete-rows':
      return `${records}, deleted`;
    case 'anonymize': {
      const purposes = [...new Set(step.columns.map((name) => (map[step.table]!.columns[name] as TPersonalColumn).purpose))];
      return `${records}, kept without: ${purposes.join('; ')}`;
    }
    case 'function':
      return `${records}: ${DEIDENTIFIED[step.table] ?? 'de-identified'}`;
  }
}
