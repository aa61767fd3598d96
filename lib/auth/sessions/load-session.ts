import 'server-only';
import { and, eq, isNull, lt } from 'drizzle-orm';
import { sessions, users } from '@/db/schema';
import { db } from '@/lib/db/client';
import { sha256Hex } from '../secret-tokens';
import { endSession } from './end-sessions';
import { idleTimeoutMs } from './session-policy';

export type TLoadedSession =
  | {
      state: 'active';
      sessionId: string;
      userId: string;
      remember: boolean;
      kind: 'customer' | 'staff';
      staffRole: string | null;
      fullName: string;
      email: string;
    }
  | { state: 'ended'; reason: string; kind: 'customer' | 'staff' }
  | { state: 'none' };

/** Only touch last_seen_at when it is this stale, so browsing does not write on every request. */
const TOUCH_AFTER_MS = 60_000;

/** The check every page, action and route makes: the row decides, not the cookie. */
export async function loadSession(rawSessionId: string | null): Promise<TLoadedSession> {
  if (!rawSessionId) return { state: 'none' };
  const [row] = await db
    .select({
      sessionId: sessions.id,
      userId: sessions.userId,
      remember: sessions.remember,
      lastSeenAt: sessions.lastSeenAt,
      expiresAt: sessions.expiresAt,
      endedAt: sessions.endedAt,
      endReason: sessions.endReason,
      status: users.status,
      kind: users.kind,
      staffRole: users.staffRole,
      fullName: users.fullName,
      email: users.email,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.tokenSha256, sha256Hex(rawSessionId)));
  if (!row) return { state: 'none' };
  if (row.endedAt) return { state: 'ended', reason: row.endReason ?? 'logout', kind: row.kind };

  const now = Date.now();
  if (row.status !== 'active') {
    await endSession(row.sessionId, 'account_disabled');
    return { state: 'ended', reason: 'account_disabled', kind: row.kind };
  }
  if (row.expiresAt.getTime() <= now) {
    await endSession(row.sessionId, 'expired');
    return { state: 'ended', reason: 'expired', kind: row.kind };
  }
  // Remembered sessions have no idle timeout: they skip the setting's query altogether. Staff sessions are never remembered.
  if (!row.remember && row.lastSeenAt.getTime() + (await idleTimeoutMs(undefined, row.kind)) <= now) {
    await endSession(row.sessionId, 'idle_timeout');
    return { state: 'ended', reason: 'idle_timeout', kind: row.kind };
  }
  if (now - row.lastSeenAt.getTime() > TOUCH_AFTER_MS) {
    await db
      .update(sessions)
      .set({ lastSeenAt: new Date(now) })
      .where(and(eq(sessions.id, row.sessionId), isNull(sessions.endedAt), lt(sessions.lastSeenAt, new Date(now - TOUCH_AFTER_MS))));
  }
  return {
    state: 'active',
    sessionId: row.sessionId,
    userId: row.userId,
    remember: row.remember,
    kind: row.kind,
    staffRole: row.staffRole,
    fullName: row.fullName,
    email: row.email,
  };
}
