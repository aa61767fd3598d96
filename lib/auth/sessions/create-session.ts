import 'server-only';
import { eq } from 'drizzle-orm';
import { sessions, users } from '@/db/schema';
import type { TExecutor } from '@/lib/db/client';
import type { TClientInfo } from '@/lib/http/client-info';
import { createSecretToken } from '../secret-tokens';
import { endSessionsOfUser } from './end-sessions';
import { sessionExpiresAt, type TSessionKind } from './session-policy';

/**
 * Opens a session and ends every other one of the account (one computer at a time): the other
 * browser's next request finds its row ended with 'signed_in_elsewhere'. Returns the raw session
 * id for the cookie; only its hash is stored.
 */
export async function createSession(
  executor: TExecutor,
  input: { userId: string; remember: boolean; client: TClientInfo; kind?: TSessionKind },
): Promise<{ sessionId: string; token: string }> {
  await endSessionsOfUser(input.userId, 'signed_in_elsewhere', { executor });
  const { token, sha256 } = createSecretToken();
  const now = new Date();
  const [session] = await executor
    .insert(sessions)
    .values({
      tokenSha256: sha256,
      userId: input.userId,
      remember: input.kind === 'staff' ? false : input.remember,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: await sessionExpiresAt(input.kind === 'staff' ? false : input.remember, now.getTime(), executor, input.kind),
      ip: input.client.ip,
      browser: input.client.browser,
      os: input.client.os,
      country: input.client.country,
    })
    .returning({ id: sessions.id });
  await executor.update(users).set({ lastLoginAt: now }).where(eq(users.id, input.userId));
  return { sessionId: session!.id, token };
}

/** Gives the current session a new id (after a password change), so an old copy of the cookie is worthless. */
export async function rotateSessionToken(executor: TExecutor, sessionId: string): Promise<string> {
  const { token, sha256 } = createSecretToken();
  await executor.update(sessions).set({ tokenSha256: sha256 }).where(eq(sessions.id, sessionId));
  return token;
}
