import 'server-only';
import { and, asc, eq, gt, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { sessions, users } from '@/db/schema';
import { recordAuditEntry } from '@/lib/audit/record-audit-entry';
import { endSessionsOfUser } from '@/lib/auth/sessions/end-sessions';
import { db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { roleHasPermission } from './permissions';
import type { TStaffActor } from './require-staff';

/** Staff sessions open now, for the security page (security.read). */
export async function listOpenStaffSessions(actor: TStaffActor) {
  if (!roleHasPermission(actor.role, 'security.read')) throw new AppError('FORBIDDEN', 'You do not have permission to see this.');
  return db
    .select({
      sessionId: sessions.id,
      userId: users.id,
      fullName: users.fullName,
      email: users.email,
      role: users.staffRole,
      createdAt: sessions.createdAt,
      lastSeenAt: sessions.lastSeenAt,
      ip: sessions.ip,
      browser: sessions.browser,
      os: sessions.os,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(users.kind, 'staff'), isNull(sessions.endedAt), gt(sessions.expiresAt, new Date())))
    .orderBy(asc(users.fullName));
}

/** Ends every session of a staff account at once (its next request finds them ended); audited. */
export async function endStaffSessions(actor: TStaffActor, rawUserId: unknown): Promise<number> {
  if (!roleHasPermission(actor.role, 'security.manage')) throw new AppError('FORBIDDEN', 'You do not have permission to do this.');
  const userId = z.uuid().parse(rawUserId);
  return db.transaction(async (tx) => {
    const [account] = await tx.select({ kind: users.kind }).from(users).where(eq(users.id, userId));
    if (account?.kind !== 'staff') throw new AppError('NOT_FOUND', 'We could not find that staff account.');
    const ended = await endSessionsOfUser(userId, 'ended_by_staff', { executor: tx });
    await recordAuditEntry(tx, { actorKind: 'staff', actorUserId: actor.userId, action: 'staff.sessions-ended', subjectUserId: userId, objectType: 'user', objectId: userId, clientIp: actor.client.ip });
    return ended;
  });
}
