import 'server-only';
import { createHmac } from 'node:crypto';
import { and, eq, lt, sql, sum } from 'drizzle-orm';
import { throttleCounters } from '@/db/schema';
import { db, type TExecutor } from '@/lib/db/client';
import { secretsEnv } from '@/lib/env';

export type TThrottleRule = { scope: string; limit: number; windowSeconds: number };
export type TThrottleState = { allowed: boolean; hits: number; retryAfterSeconds: number };
/** One counted attempt: what takeBackThrottle needs to undo exactly this hit, even if the window has moved on. */
export type TThrottleHit = TThrottleState & { rule: TThrottleRule; key: string; windowStart: Date };

const keyHash = (scope: string, key: string) =>
  createHmac('sha256', secretsEnv().AUTH_SECRET).update(`${scope}\0${key.toLowerCase()}`).digest('base64url');

const windowStart = (rule: TThrottleRule, now: number) =>
  new Date(Math.floor(now / (rule.windowSeconds * 1000)) * rule.windowSeconds * 1000);

/**
 * Counts one attempt and says whether it is within the limit. Counters live in Postgres so every
 * server process sees them; if the database cannot be reached this throws, and callers refuse the
 * attempt (fail closed).
 */
export async function hitThrottle(rule: TThrottleRule, key: string, executor: TExecutor = db): Promise<TThrottleHit> {
  const now = Date.now();
  const start = windowStart(rule, now);
  const [row] = await executor
    .insert(throttleCounters)
    .values({ scope: rule.scope, keyHash: keyHash(rule.scope, key), windowStart: start, hits: 1 })
    .onConflictDoUpdate({
      target: [throttleCounters.scope, throttleCounters.keyHash, throttleCounters.windowStart],
      set: { hits: sql`${throttleCounters.hits} + 1` },
    })
    .returning({ hits: throttleCounters.hits });
  const hits = row?.hits ?? 1;
  return { allowed: hits <= rule.limit, hits, retryAfterSeconds: retryAfter(rule, start, now), rule, key, windowStart: start };
}

/**
 * Undoes one hitThrottle: for an attempt that turned out not to count (refused by another rule, or
 * the right password). Counting first and taking back afterwards is what keeps parallel attempts
 * from slipping past a limit: every attempt that gets through saw its own hit already counted.
 */
export async function takeBackThrottle(hit: TThrottleHit, executor: TExecutor = db) {
  await executor
    .update(throttleCounters)
    .set({ hits: sql`greatest(${throttleCounters.hits} - 1, 0)` })
    .where(
      and(
        eq(throttleCounters.scope, hit.rule.scope),
        eq(throttleCounters.keyHash, keyHash(hit.rule.scope, hit.key)),
        eq(throttleCounters.windowStart, hit.windowStart),
      ),
    );
}

/**
 * Reads the current count without adding to it: for looking, never for deciding whether to check
 * a password (a read before the check lets parallel requests through; count with hitThrottle).
 */
export async function peekThrottle(rule: TThrottleRule, key: string, executor: TExecutor = db): Promise<TThrottleState> {
  const now = Date.now();
  const start = windowStart(rule, now);
  const [row] = await executor
    .select({ hits: sum(throttleCounters.hits).mapWith(Number) })
    .from(throttleCounters)
    .where(
      and(
        eq(throttleCounters.scope, rule.scope),
        eq(throttleCounters.keyHash, keyHash(rule.scope, key)),
        eq(throttleCounters.windowStart, start),
      ),
    );
  const hits = row?.hits ?? 0;
  return { allowed: hits < rule.limit, hits, retryAfterSeconds: retryAfter(rule, start, now) };
}

export async function clearThrottle(rule: TThrottleRule, key: string, executor: TExecutor = db) {
  await executor
    .delete(throttleCounters)
    .where(and(eq(throttleCounters.scope, rule.scope), eq(throttleCounters.keyHash, keyHash(rule.scope, key))));
}

/** Counters older than a day have no use left (retention). */
export async function purgeThrottleCounters(executor: TExecutor = db) {
  await executor.delete(throttleCounters).where(lt(throttleCounters.windowStart, new Date(Date.now() - 86_400_000)));
}

const retryAfter = (rule: TThrottleRule, start: Date, now: number) =>
  Math.max(1, Math.ceil((start.getTime() + rule.windowSeconds * 1000 - now) / 1000));

