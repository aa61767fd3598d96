import 'server-only';
import { sql } from 'drizzle-orm';
import { db, type TExecutor } from '@/lib/db/client';
import { retentionDays } from '@/lib/privacy/retention-periods';

/**
 * The retention job of visitors' cookie choices: blanks the anonymous consent id of ledger rows
 * without a subject older than the cookie-consent-proof period (privacy.retentionDays, read at each
 * run), through consent_ledger_deidentify_guests_before(), the one path the ledger's trigger lets
 * such an UPDATE through. The rows stay (the ledger is append-only; what was chosen, under which
 * text and when is no personal data once nothing ties it to a browser).
 */
export async function deidentifyGuestCookieConsents(options: { now?: Date; executor?: TExecutor } = {}): Promise<{ deidentified: number }> {
  const executor = options.executor ?? db;
  const cutoff = new Date((options.now ?? new Date()).getTime() - (await retentionDays('cookie-consent-proof', executor)) * 86_400_000);
  const result = await executor.execute<{ changed: string }>(sql`select consent_ledger_deidentify_guests_before(${cutoff.toISOString()}::timestamptz) as changed`);
  return { deidentified: Number(result.rows[0]?.changed ?? 0) };
}
