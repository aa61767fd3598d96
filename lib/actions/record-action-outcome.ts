import 'server-only';
import type { TCustomerActor } from '@/lib/auth/guards';
import { logLine } from '@/lib/log/log-line';

/** How an action ended: done, input refused by its schema, failed (refused by the use case, or a bug), or left by a redirect or not-found. */
export type TActionOutcome = 'succeeded' | 'invalid-input' | 'failed' | 'navigated';

export type TActionRecord = {
  /** The action's name from its metadata, e.g. `account.save-details`. */
  name: string;
  outcome: TActionOutcome;
  /** Who acted; null for a public action or a caller the guard sent to the sign-in page. */
  actor: TCustomerActor | null;
  durationMs: number;
};

/**
 * The one function every action's outcome goes through (lib/actions/action-client.ts calls it for
 * each call). Today it writes one log line: the name, the outcome and the time taken, never who
 * acted nor what was sent (log lines carry no personal values). Issue 8 plugs its writer in here.
 */
export function recordActionOutcome(record: TActionRecord): void {
  logLine('info', 'action', `${record.name} ${record.outcome} in ${Math.round(record.durationMs)} ms`);
}
