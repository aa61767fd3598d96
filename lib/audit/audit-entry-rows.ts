import 'server-only';
import { and, eq } from 'drizzle-orm';
import { auditTrail, users } from '@/db/schema';
import type { TExecutor } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { roleHasPermission } from '@/lib/staff/permissions';
import type { TStaffActor } from '@/lib/staff/require-staff';

/** One entry as the back office shows and exports it. */
export type TAuditListRow = {
  id: number;
  occurredAt: Date;
  actorKind: 'customer' | 'staff' | 'system';
  actorUserId: string | null;
  /** Only for a staff actor (staff data); a customer actor is shown by id alone. */
  actorName: string | null;
  actorEmail: string | null;
  action: string;
  subjectUserId: string | null;
  objectType: string | null;
  objectId: string | null;
  clientIp: string | null;
  purpose: string | null;
  /** Field NAMES the entry lists as changed (never values). */
  changedFields: string[];
  /** A refused attempt (privacy.access-refused): the name of what was attempted. */
  attempted: string | null;
};

/**
 * The read both the page and the export use. The actor's name and e-mail come from a LEFT JOIN
 * that matches only a staff entry whose user is still a staff account, so a customer's name or
 * e-mail can never be joined in; the subject is never joined at all (the trail holds ids only).
 */
export function selectAuditRows(executor: TExecutor) {
  return executor
    .select({
      id: auditTrail.id,
      occurredAt: auditTrail.occurredAt,
      actorKind: auditTrail.actorKind,
      actorUserId: auditTrail.actorUserId,
      actorName: users.fullName,
      actorEmail: users.email,
      action: auditTrail.action,
      subjectUserId: auditTrail.subjectUserId,
      objectType: auditTrail.objectType,
      objectId: auditTrail.objectId,
      clientIp: auditTrail.clientIp,
      purpose: auditTrail.purpose,
      details: auditTrail.details,
    })
    .from(auditTrail)
    .leftJoin(users, and(eq(auditTrail.actorKind, 'staff'), eq(users.id, auditTrail.actorUserId), eq(users.kind, 'staff')));
}

type TSelectedRow = Awaited<ReturnType<ReturnType<typeof selectAuditRows>['execute']>>[number];

export function toAuditListRow({ details, ...row }: TSelectedRow): TAuditListRow {
  const changed = details?.changedFields;
  return {
    ...row,
    changedFields: Array.isArray(changed) ? changed.filter((name): name is string => typeof name === 'string') : [],
    attempted: typeof details?.attempted === 'string' ? details.attempted : null,
  };
}

/**
 * The actor parameter means a checked staff member called; this re-check means a lib caller that
 * got an actor for another permission still cannot read the trail.
 */
export function assertCanReadAudit(actor: TStaffActor): void {
  if (!roleHasPermission(actor.role, 'audit.read')) throw new AppError('FORBIDDEN', 'You do not have permission to read the audit trail.');
}
