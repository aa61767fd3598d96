import 'server-only';
import type { TCustomerActor } from '@/lib/auth/guards';
import type { TStaffActor } from '@/lib/staff/require-staff';
import { logLine } from '@/lib/log/log-line';

/** How an action ended: done, input refused by its schema, failed (refused by the use case, or a bug), or left by a redirect or not-found. */
export type TActionOutcome = 'succeeded' | 'invalid-input' | 'failed' | 'navigated';

export type TActionRecord = {
  /** The action's name from its metadata, e.g. `account.save-details`. */
  name: string;
  outcome: TActionOutcome;
  /** Who acted; null for a public action or a caller the guard sent to the sign-in page. */
  actor: TCustomerActor | TStaffActor | null;
  durationMs: number;
};

/**
 * The one function every action's outcome goes through (lib/actions/action-client.ts calls it for
 * each call). Today it writes one log line: the name, the outcome and the time taken, never who
 * acted nor what was sent (log lines carry no personal values). What an action does to personal
 * data is audited by the use case itself, in its own transaction (lib/audit/record-audit-entry.ts);
 * a refused staff action is in the access log (lib/staff/require-staff.ts).
 */
export function recordActionOutcome(record: TActionRecord): void {
  logLine('info', 'action', `${record.name} ${record.outcome} in ${Math.round(record.durationMs)} ms`);
}
