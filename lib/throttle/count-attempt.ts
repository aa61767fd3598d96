import 'server-only';
import { logLine } from '@/lib/log/log-line';
import { errorSummary } from '@/lib/log/error-summary';
import { hitThrottle, takeBackThrottle, type TThrottleHit, type TThrottleRule } from './hit-throttle';

export type TCountedAttempt =
  | { ok: true; hits: TThrottleHit[] }
  | { ok: false; code: 'throttled'; retryAfterSeconds: number }
  | { ok: false; code: 'unavailable' };

/**
 * Counts one attempt on every counter before anything is checked, so parallel attempts get no more
 * checks than sequential ones. Over any limit: refused, and its hits on the other counters are taken
 * back (it guessed nothing). When the store cannot be reached: refused (fail closed).
 */
export async function countAttempt(counters: ReadonlyArray<readonly [TThrottleRule, string]>, area: string): Promise<TCountedAttempt> {
  let hits: TThrottleHit[];
  try {
    hits = await Promise.all(counters.map(([rule, key]) => hitThrottle(rule, key)));
  } catch (error) {
    logLine('error', area, `attempt refused: the throttle store is unavailable (${errorSummary(error)})`);
    return { ok: false, code: 'unavailable' };
  }
  const refusedBy = hits.filter((hit) => !hit.allowed);
  if (refusedBy.length === 0) return { ok: true, hits };
  await takeBackAttempt(hits.filter((hit) => hit.allowed), area);
  return { ok: false, code: 'throttled', retryAfterSeconds: Math.max(...refusedBy.map((hit) => hit.retryAfterSeconds)) };
}

/** For an attempt that turned out right: its hits were no failure. */
export async function takeBackAttempt(hits: TThrottleHit[], area: string) {
  try {
    await Promise.all(hits.map((hit) => takeBackThrottle(hit)));
  } catch (error) {
    // The count stays higher than it should: stricter, never looser.
    logLine('error', area, `an attempt could not be taken back from its counters (${errorSummary(error)})`);
  }
}
