import 'server-only';
import { z } from 'zod';
import { accessKind, accessLog, accessOutcome, accessStep } from '@/db/schema';
import { db, type TExecutor } from '@/lib/db/client';
import type { TClientInfo } from '@/lib/http/client-info';
import { canonicalIp } from '@/lib/http/ip-address';

export type TAccessKind = (typeof accessKind.enumValues)[number];
export type TAccessStep = (typeof accessStep.enumValues)[number];
export type TAccessOutcome = (typeof accessOutcome.enumValues)[number];

export type TAccessEntry = {
  kind: TAccessKind;
  step: TAccessStep;
  outcome: TAccessOutcome;
  /** Only when an account matched: a typed e-mail that matched nothing is never recorded. */
  userId?: string | null;
  /** For a refused staff request: the route or action name. Its query string is cut off here. */
  target?: string | null;
  client: TClientInfo;
};

const TARGET_MAX = 200;

const ZAccessEntry = z.object({
  kind: z.enum(accessKind.enumValues),
  step: z.enum(accessStep.enumValues),
  outcome: z.enum(accessOutcome.enumValues),
  userId: z.uuid().nullish(),
  target: z.string().nullish(),
});

/**
 * The route or action as a name: no query string or fragment (they can carry tokens, e-mail
 * addresses or search words), no control characters, at most 200 characters.
 */
export function accessTarget(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const path = raw.split(/[?#]/, 1)[0] ?? '';
  const clean = path.replace(/[\u0000-\u001f\u007f\u0085\u2028\u2029]/g, '').trim().slice(0, TARGET_MAX);
  return clean || null;
}

/**
 * Writes one access-log row: a sign-in attempt (each step) or a refused staff request. There is no
 * field for what was typed (e-mail, password, PIN, code), so none can be stored. The address is
 * kept in its canonical form (IPv4-mapped IPv6 as IPv4), so one address is one value when searched.
 * Pass the use case's transaction to make the row commit with what it records (a sign-in's session).
 */
export async function recordAccess(entry: TAccessEntry, executor: TExecutor = db): Promise<void> {
  const parsed = ZAccessEntry.parse(entry);
  const ip = entry.client.ip ? canonicalIp(entry.client.ip) : null;
  await executor.insert(accessLog).values({
    kind: parsed.kind,
    step: parsed.step,
    outcome: parsed.outcome,
    userId: parsed.userId ?? null,
    target: accessTarget(parsed.target),
    ip,
    browser: entry.client.browser?.slice(0, 100) ?? null,
    os: entry.client.os?.slice(0, 100) ?? null,
    country: entry.client.country?.slice(0, 2) ?? null,
  });
}
