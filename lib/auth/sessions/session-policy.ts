import 'server-only';
import type { TExecutor } from '@/lib/db/client';
import { getSetting } from '@/lib/settings/get-setting';

/** A plain session ends after the idle timeout or a day at most; "keep me signed in" lasts the remember period. */
const PLAIN_SESSION_MAX_HOURS = 24;

export type TSessionKind = 'customer' | 'staff';

/**
 * When a session opened now ends at the latest. Staff sessions last the staff.sessionHours setting
 * and are never remembered; a customer's remember period is read only for a remembered session.
 */
export async function sessionExpiresAt(remember: boolean, from: number, executor?: TExecutor, kind: TSessionKind = 'customer'): Promise<Date> {
  if (kind === 'staff') return new Date(from + (await getSetting('staff.sessionHours', executor)) * 3_600_000);
  if (!remember) return new Date(from + PLAIN_SESSION_MAX_HOURS * 3_600_000);
  return new Date(from + (await getSetting('accounts.rememberDays', executor)) * 86_400_000);
}

/** How long a plain session may sit unused; read on every request of such a session, so only this setting. */
export async function idleTimeoutMs(executor?: TExecutor, kind: TSessionKind = 'customer'): Promise<number> {
  if (kind === 'staff') return (await getSetting('staff.idleTimeoutMinutes', executor)) * 60_000;
  return (await getSetting('accounts.idleTimeoutMinutes', executor)) * 60_000;
}
