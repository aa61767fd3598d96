import { retentionRules, type TPersonalColumn, type TRetentionRule, type TTableEntry } from './classification';
import { personalDataMap } from './data-map';

/** The rules whose periods lib/privacy/apply-retention.ts applies, table by table, from the map. */
export const retentionRulesAppliedByMap = ['activity', 'login-ip', 'session-history', 'token-lifetime'] as const satisfies readonly TRetentionRule[];

/** Rules with a period that a job of their own applies (queue names in lib/jobs/queues.ts). */
export const retentionRulesAppliedElsewhere = {
  'mail-until-delivered': 'mail.purge',
  'access-log': 'security.purge-access-log',
  'audit-retention': 'audit.remove-expired',
  'guest-visit': 'visitors.remove-stale',
  'share-link': 'shares.remove-expired',
  'request-record': 'privacy.remove-closed-requests',
  'cookie-consent-proof': 'privacy.deidentify-cookie-consents',
} as const satisfies Partial<Record<TRetentionRule, string>>;

/**
 * Rules applied by the retention job outside the map's plan: the legal hold. Invoices are immutable
 * and their billing snapshot is redacted in place through invoice_redact_billing, not set to null.
 */
export const retentionRulesRedactedInPlace = {
  'tax-record': 'lib/privacy/redact-tax-records.ts (job privacy.apply-retention)',
} as const satisfies Partial<Record<TRetentionRule, string>>;

/**
 * Rules with a period that no job applies yet, and why. A test pins this list (empty now), so a new
 * entry is a deliberate choice.
 */
export const retentionRulesWithoutJob = {} as const satisfies Partial<Record<TRetentionRule, string>>;

/** Append-only tables: their triggers refuse changes, and their own rules and jobs keep them. */
export const tablesRetentionSkips = ['consent_ledger', 'audit_trail'] as const;

export type TRetentionWho = 'all' | 'customers' | 'guests';

export type TRetentionStep = {
  table: string;
  rule: TRetentionRule;
  /** 'delete' removes the row; 'redact' sets `columns` to null and keeps the row. */
  action: 'delete' | 'redact';
  /** Which rows: all, or only those with (customers) or without (guests) a subject. */
  who: TRetentionWho;
  subjectColumn?: string;
  clock: readonly string[];
  days: number;
  /** The columns the rule covers; for 'redact', the ones set to null. */
  columns: string[];
};

type TRuleShape = { days: number | null; guestDays?: number };

type TPlanInput = {
  map?: Record<string, TTableEntry>;
  rules?: Record<string, TRuleShape>;
};

const applied = new Set<string>(retentionRulesAppliedByMap);
const isKnownElsewhere = (rule: string) => rule in retentionRulesAppliedElsewhere || rule in retentionRulesRedactedInPlace || rule in retentionRulesWithoutJob;

/**
 * What the retention run does, derived from the map alone. A row is deleted once every personal
 * column in it is past its rule's period (and erasing each of them means deleting the row); until
 * then, a column whose own period is over is set to null. A rule with a period that is neither
 * applied here nor known to be applied elsewhere is refused, so a promise cannot ship without a job.
 */
export function planRetention(input: TPlanInput = {}): TRetentionStep[] {
  const map: Record<string, TTableEntry> = input.map ?? personalDataMap;
  const rules = input.rules ?? (retentionRules as Record<string, TRuleShape>);
  const steps: TRetentionStep[] = [];

  for (const [table, entry] of Object.entries(map)) {
    if ((tablesRetentionSkips as readonly string[]).includes(table)) continue;
    const columnsByRule = new Map<string, Array<[string, TPersonalColumn]>>();
    for (const [name, column] of Object.entries(entry.columns)) {
      if (!column.personal) continue;
      columnsByRule.set(column.retention, [...(columnsByRule.get(column.retention) ?? []), [name, column]]);
    }
    for (const rule of columnsByRule.keys()) {
      const days = rules[rule]?.days;
      if (days === undefined) throw new Error(`${table}: retention rule '${rule}' is not defined`);
      if (days !== null && !applied.has(rule) && !isKnownElsewhere(rule)) {
        throw new Error(`${table}: retention rule '${rule}' has a period (${days} days) that no job applies`);
      }
    }
    const ours = [...columnsByRule.keys()].filter((rule) => applied.has(rule));
    if (ours.length === 0) continue;
    const clock = entry.retentionClock;
    if (!clock || clock.length === 0) throw new Error(`${table}: rules ${ours.join(', ')} need a retentionClock in the map`);
    for (const name of clock) {
      if (!(name in entry.columns)) throw new Error(`${table}: retentionClock names '${name}', which is not a column`);
    }

    const splitsGuests = entry.subjectColumn !== undefined && ours.some((rule) => rules[rule]?.guestDays !== undefined);
    const groups: TRetentionWho[] = splitsGuests ? ['customers', 'guests'] : ['all'];
    const tableSteps: TRetentionStep[] = [];
    for (const who of groups) {
      const periodOf = (rule: string): number => {
        const shape = rules[rule]!;
        if (!applied.has(rule) || shape.days === null) return Number.POSITIVE_INFINITY;
        return who === 'guests' ? (shape.guestDays ?? shape.days) : shape.days;
      };
      const allDelete = [...columnsByRule.values()].every((columns) => columns.every(([, column]) => column.erasure === 'delete'));
      const rowDays = Math.max(...[...columnsByRule.keys()].map(periodOf));
      const rowRule = Number.isFinite(rowDays) && allDelete ? ours.find((rule) => periodOf(rule) === rowDays) : undefined;
      const base = { table, who, subjectColumn: who === 'all' ? undefined : entry.subjectColumn, clock };
      if (rowRule) {
        tableSteps.push({ ...base, rule: rowRule as TRetentionRule, action: 'delete', days: rowDays, columns: columnNames(columnsByRule, rowRule) });
      }
      for (const rule of ours) {
        const days = periodOf(rule);
        if (rowRule && days >= rowDays) continue;
        const columns = columnsByRule.get(rule)!;
        const notDeletable = columns.filter(([, column]) => column.erasure !== 'delete').map(([name]) => name);
        if (notDeletable.length > 0) throw new Error(`${table}: columns ${notDeletable.join(', ')} of rule '${rule}' cannot be removed by retention (erasure is not 'delete')`);
        tableSteps.push({ ...base, rule: rule as TRetentionRule, action: 'redact', days, columns: columnNames(columnsByRule, rule) });
      }
    }
    // Deletions first: a row about to go need not be redacted.
    steps.push(...tableSteps.filter((step) => step.action === 'delete'), ...tableSteps.filter((step) => step.action === 'redact'));
  }
  return steps;
}

function columnNames(columnsByRule: Map<string, Array<[string, TPersonalColumn]>>, rule: string): string[] {
  return (columnsByRule.get(rule) ?? []).map(([name]) => name);
}
