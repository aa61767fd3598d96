import 'server-only';
import { and, desc, eq, gte, lt, lte, ne, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { accessKind, accessLog, accessOutcome } from '@/db/schema';
import type { TCustomerActor } from '@/lib/auth/guards';
import { db, type TExecutor } from '@/lib/db/client';
import { canonicalIp } from '@/lib/http/ip-address';
import { normalizeNetwork } from './network';
import type { TAccessOutcome } from './record-access';

export type TAccessLogRow = typeof accessLog.$inferSelect;

/** An exact address, or a range written with a prefix (10.0.0.0/8, 2001:db8::/48). */
const ZIpFilter = z
  .string()
  .trim()
  .max(100)
  .transform((value, context) => {
    const exact = value.includes('/') ? null : canonicalIp(value);
    if (exact) return { exact } as const;
    const network = value.includes('/') ? normalizeNetwork(value) : null;
    if (network) return { network } as const;
    context.addIssue({ code: 'custom', message: 'Enter an IP address or a range like 203.0.113.0/24.' });
    return z.NEVER;
  });

export const ZAccessLogFilters = z.strictObject({
  userId: z.uuid().optional(),
  ip: ZIpFilter.optional(),
  outcome: z.enum(accessOutcome.enumValues).optional(),
  kind: z.enum(accessKind.enumValues).optional(),
  from: z.date().optional(),
  to: z.date().optional(),
});

export type TAccessLogFilters = z.input<typeof ZAccessLogFilters>;

const ZPage = z.strictObject({ limit: z.number().int().min(1).max(500), before: z.number().int().positive().optional() });

/**
 * The access log for the staff page, newest first, filtered by account, address (exact or a range),
 * outcome, kind and time. Paged by id: `nextBefore` is the `before` of the next page (null at the end),
 * which stays right while new rows arrive, unlike an offset.
 */
export async function listAccessLog(
  filters: TAccessLogFilters,
  page: { limit: number; before?: number },
  executor: TExecutor = db,
): Promise<{ rows: TAccessLogRow[]; nextBefore: number | null }> {
  const f = ZAccessLogFilters.parse(filters);
  const p = ZPage.parse(page);
  const conditions: SQL[] = [];
  if (f.userId) conditions.push(eq(accessLog.userId, f.userId));
  // Rows hold canonical addresses (recordAccess), so an exact match is a text comparison the index serves.
  if (f.ip?.exact) conditions.push(eq(accessLog.ip, f.ip.exact));
  if (f.ip?.network) conditions.push(sql`${accessLog.ip} is not null and ${accessLog.ip}::inet <<= ${f.ip.network}::cidr`);
  if (f.outcome) conditions.push(eq(accessLog.outcome, f.outcome));
  if (f.kind) conditions.push(eq(accessLog.kind, f.kind));
  if (f.from) conditions.push(gte(accessLog.occurredAt, f.from));
  if (f.to) conditions.push(lte(accessLog.occurredAt, f.to));
  if (p.before) conditions.push(lt(accessLog.id, p.before));
  const rows = await executor
    .select()
    .from(accessLog)
    .where(and(...conditions))
    .orderBy(desc(accessLog.id))
    .limit(p.limit + 1);
  const more = rows.length > p.limit;
  const shown = more ? rows.slice(0, p.limit) : rows;
  return { rows: shown, nextBefore: more ? (shown.at(-1)?.id ?? null) : null };
}

export type TSignInAttempt = {
  id: number;
  occurredAt: Date;
  outcome: TAccessOutcome;
  ip: string | null;
  browser: string | null;
  os: string | null;
  country: string | null;
};

/** The sign-in attempts on one account (not its staff requests), newest first. */
export async function signInAttemptsOf(userId: string, limit = 50, executor: TExecutor = db): Promise<TSignInAttempt[]> {
  const id = z.uuid().parse(userId);
  const max = z.number().int().min(1).max(500).parse(limit);
  return executor
    .select({
      id: accessLog.id,
      occurredAt: accessLog.occurredAt,
      outcome: accessLog.outcome,
      ip: accessLog.ip,
      browser: accessLog.browser,
      os: accessLog.os,
      country: accessLog.country,
    })
    .from(accessLog)
    .where(and(eq(accessLog.userId, id), ne(accessLog.kind, 'staff_request')))
    .orderBy(desc(accessLog.occurredAt), desc(accessLog.id))
    .limit(max);
}

/** My Account: the signed-in customer's own attempts; the id comes from the session, never from the request. */
export async function listMySignInAttempts(actor: TCustomerActor, limit = 50): Promise<TSignInAttempt[]> {
  return signInAttemptsOf(actor.userId, limit);
}
