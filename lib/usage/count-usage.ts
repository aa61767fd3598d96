import 'server-only';
import { sql } from 'drizzle-orm';
import { db } from '@/lib/db/client';
import { errorSummary } from '@/lib/log/error-summary';
import { logLine } from '@/lib/log/log-line';
import type { TUsageFeature } from './usage-features';

const FLUSH_DELAY_MS = 5_000;

type TTally = { counts: Map<string, number>; timer: NodeJS.Timeout | undefined; writing: Promise<void> | undefined };
type TGlobalWithTally = typeof globalThis & { __stockroomUsageTally?: TTally };

/** One tally per process, shared by Next's bundle and the launcher (which flushes it on shutdown). */
function tally(): TTally {
  const global = globalThis as TGlobalWithTally;
  return (global.__stockroomUsageTally ??= { counts: new Map(), timer: undefined, writing: undefined });
}

const utcDay = (now: Date) => now.toISOString().slice(0, 10);

/**
 * Counts one use of a function today (UTC). Only the function's name and the day are kept: no
 * account, address or cookie reaches the tally. Uses are added up in memory and written every few
 * seconds as one upsert, so counting costs a request nothing and a hot counter row is not a lock
 * every request waits on. Never throws: a count that cannot be written is logged and kept for the
 * next try, and a crash loses at most the last few seconds of counts.
 */
export function countUsage(feature: TUsageFeature, now = new Date()): void {
  const state = tally();
  const key = `${utcDay(now)}|${feature}`;
  state.counts.set(key, (state.counts.get(key) ?? 0) + 1);
  if (!state.timer) {
    state.timer = setTimeout(() => void flushUsageCounts(), FLUSH_DELAY_MS);
    // Counting never keeps a command or a test process alive.
    state.timer.unref();
  }
}

/** Writes every count waiting (the launcher calls it on shutdown; tests before they read). */
export async function flushUsageCounts(): Promise<void> {
  const state = tally();
  if (state.writing) await state.writing;
  clearTimeout(state.timer);
  state.timer = undefined;
  if (state.counts.size === 0) return;
  const rows = [...state.counts].map(([key, count]) => {
    const [day, feature] = key.split('|');
    return { day, feature, count };
  });
  state.counts.clear();
  state.writing = (async () => {
    try {
      await db.execute(sql`
        insert into usage_counts (day, feature, count)
        select r.day::date, r.feature, r.count
        from json_to_recordset(${JSON.stringify(rows)}::json) as r(day text, feature text, count bigint)
        on conflict (day, feature) do update set count = usage_counts.count + excluded.count`);
    } catch (error) {
      logLine('warn', 'usage', `writing ${rows.length} usage counts failed, kept for the next try: ${errorSummary(error)}`);
      for (const row of rows) {
        const key = `${row.day}|${row.feature}`;
        state.counts.set(key, (state.counts.get(key) ?? 0) + row.count);
      }
      state.timer ??= setTimeout(() => void flushUsageCounts(), FLUSH_DELAY_MS);
      state.timer.unref();
    } finally {
      state.writing = undefined;
    }
  })();
  await state.writing;
}
