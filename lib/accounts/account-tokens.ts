import 'server-only';
import { and, eq, gt, isNull } from 'drizzle-orm';
import { accountTokens } from '@/db/schema';
import type { TExecutor } from '@/lib/db/client';
import { createSecretToken, isWellFormedToken, sha256Hex } from '@/lib/auth/secret-tokens';

type TPurpose = 'activation' | 'password_reset' | 'staff_invitation' | 'email_change';

export const TOKEN_LIFETIME_MS: Record<TPurpose, number> = {
  activation: 24 * 3_600_000,
  password_reset: 3_600_000,
  // A staff invitation: long enough to be read the next working day, short enough to go stale fast.
  staff_invitation: 24 * 3_600_000,
  email_change: 24 * 3_600_000,
};

/**
 * Issues a single-use link token, retiring earlier unused ones of the same purpose (so only the
 * latest e-mail change request can take effect). `newEmail` only for an e-mail change.
 */
export async function issueAccountToken(executor: TExecutor, userId: string, purpose: TPurpose, options: { newEmail?: string } = {}): Promise<string> {
  await executor
    .update(accountTokens)
    .set({ usedAt: new Date() })
    .where(and(eq(accountTokens.userId, userId), eq(accountTokens.purpose, purpose), isNull(accountTokens.usedAt)));
  const { token, sha256 } = createSecretToken();
  await executor.insert(accountTokens).values({
    userId,
    purpose,
    tokenSha256: sha256,
    newEmail: options.newEmail ?? null,
    expiresAt: new Date(Date.now() + TOKEN_LIFETIME_MS[purpose]),
  });
  return token;
}

/** Unused, unexpired, of this purpose: the only tokens a link may use. */
const usableToken = (token: string, purpose: TPurpose) =>
  and(
    eq(accountTokens.tokenSha256, sha256Hex(token)),
    eq(accountTokens.purpose, purpose),
    isNull(accountTokens.usedAt),
    gt(accountTokens.expiresAt, new Date()),
  );

/**
 * Uses a token once: a single UPDATE marks it used only if it is unused and unexpired, so two
 * requests racing with the same link cannot both succeed. Returns the user id, or null.
 */
export async function consumeAccountToken(executor: TExecutor, token: string, purpose: TPurpose): Promise<string | null> {
  return (await consumeAccountTokenRow(executor, token, purpose))?.userId ?? null;
}

/** consumeAccountToken with the row's new e-mail (for an e-mail change link). */
export async function consumeAccountTokenRow(executor: TExecutor, token: string, purpose: TPurpose): Promise<{ userId: string; newEmail: string | null } | null> {
  if (!isWellFormedToken(token)) return null;
  const [row] = await executor
    .update(accountTokens)
    .set({ usedAt: new Date() })
    .where(usableToken(token, purpose))
    .returning({ userId: accountTokens.userId, newEmail: accountTokens.newEmail });
  return row ?? null;
}

/** Whether a token could still be used, without using it (to show the right form). */
export async function isAccountTokenUsable(executor: TExecutor, token: string, purpose: TPurpose): Promise<boolean> {
  if (!isWellFormedToken(token)) return false;
  const [row] = await executor
    .select({ id: accountTokens.id })
    .from(accountTokens)
    .where(usableToken(token, purpose));
  return Boolean(row);
}
