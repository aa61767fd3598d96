import 'server-only';
import { desc, eq } from 'drizzle-orm';
import { consentLedger } from '@/db/schema';
import type { TExecutor } from '@/lib/db/client';
import { categoryLedgerPurpose, optionalCookieCategories } from './categories';
import { validConsentId } from './record-cookie-choice';

const cookiePurposes = optionalCookieCategories.map((category) => categoryLedgerPurpose[category]);

/**
 * At sign-in (in its transaction): the cookie choice in force under this browser's consent id is
 * recorded again with the account as subject (via 'sign_in'), so the account's consent record shows
 * it. The ledger is append-only, so the guest rows stay as they were. Nothing when the browser has
 * no consent id, or when its latest choice is already the account's.
 */
export async function linkCookieConsent(executor: TExecutor, consentId: string | null | undefined, userId: string): Promise<{ linked: number }> {
  const id = validConsentId(consentId);
  if (!id) return { linked: 0 };
  const rows = await executor
    .select()
    .from(consentLedger)
    .where(eq(consentLedger.consentId, id))
    .orderBy(desc(consentLedger.createdAt), desc(consentLedger.id));
  const latest = new Map<string, (typeof rows)[number]>();
  for (const row of rows) if ((cookiePurposes as string[]).includes(row.purpose) && !latest.has(row.purpose)) latest.set(row.purpose, row);
  // In the categories' order, so the account's record reads like the choice did.
  const inForce = cookiePurposes.flatMap((purpose) => latest.get(purpose) ?? []);
  if (inForce.length === 0 || inForce.every((row) => row.subjectUserId === userId)) return { linked: 0 };
  await executor.insert(consentLedger).values(
    inForce.map((row) => ({
      subjectUserId: userId,
      purpose: row.purpose,
      action: row.action,
      textVersion: row.textVersion,
      textSha256: row.textSha256,
      ip: null,
      consentId: id,
      cookieChoiceVia: 'sign_in' as const,
      gpc: row.gpc,
    })),
  );
  return { linked: inForce.length };
}
