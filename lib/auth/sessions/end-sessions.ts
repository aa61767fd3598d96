import 'server-only';
import { and, eq, isNull, ne } from 'drizzle-orm';
import { sessions } from '@/db/schema';
import { db, type TExecutor } from '@/lib/db/client';

type TEndReason = NonNullable<(typeof sessions.$inferSelect)['endReason']>;

export async function endSession(sessionId: string, reason: TEndReason, executor: TExecutor = db) {
  await executor
    .update(sessions)
    .set({ endedAt: new Date(), endReason: reason })
    .where(and(eq(sessions.id, sessionId), isNull(sessions.endedAt)));
}

/** Ends every open session of the user except `keepSessionId` (none kept when it is omitted). */
export async function endSessionsOfUser(
  userId: string,
  reason: TEndReason,
  options: { keepSessionId?: string; executor?: TExecutor } = {},
) {
  const executor = options.executor ?? db;
  const conditions = [eq(sessions.userId, userId), isNull(sessions.endedAt)];
  if (options.keepSessionId) conditions.push(ne(sessions.id, options.keepSessionId));
  const ended = await executor
    .update(sessions)
    .set({ endedAt: new Date(), endReason: reason })
    .where(and(...conditions))
    .returning({ id: sessions.id });
  return ended.length;
}
