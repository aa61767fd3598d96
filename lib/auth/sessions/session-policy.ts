import 'server-only';
import type { TExecutor } from '@/lib/db/client';
import { getSetting } from '@/lib/settings/get-setting';

/** A plain session ends after the idle timeout or a day at most; "keep me signed in" lasts the remember period. */
const PLAIN_SESSION_MAX_HOURS = 24;

export async function sessionPolicy(executor?: TExecutor) {
  const [idleTimeoutMinutes, rememberDays] = await Promise.all([
    getSetting('accounts.idleTimeoutMinutes', executor),
    getSetting('accounts.rememberDays', executor),
  ]);
  return {
    idleTimeoutMs: idleTimeoutMinutes * 60_000,
    expiresAt: (remember: boolean, from = Date.now()) =>
      new Date(from + (remember ? rememberDays * 86_400_000 : PLAIN_SESSION_MAX_HOURS * 3_600_000)),
  };
}
