import 'server-only';
import type { TExecutor } from '@/lib/db/client';
import { getSetting } from '@/lib/settings/get-setting';

/** A plain session ends after the idle timeout or a day at most; "keep me signed in" lasts the remember period. */
const PLAIN_SESSION_MAX_HOURS = 24;

/** When a session opened now ends at the latest. Reads the remember period only for a remembered session. */
export async function sessionExpiresAt(remember: boolean, from: number, executor?: TExecutor): Promise<Date> {
  if (!remember) return new Date(from + PLAIN_SESSION_MAX_HOURS * 3_600_000);
  return new Date(from + (await getSetting('accounts.rememberDays', executor)) * 86_400_000);
}

/** How long a plain session may sit unused; read on every request of such a session, so only this setting. */
export async function idleTimeoutMs(executor?: TExecutor): Promise<number> {
  return (await getSetting('accounts.idleTimeoutMinutes', executor)) * 60_000;
}
