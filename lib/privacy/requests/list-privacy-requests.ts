import 'server-only';
import { aliasedTable, and, asc, desc, eq, inArray, isNotNull, isNull, or, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { auditTrail, dataExports, privacyRequests, users } from '@/db/schema';
import { db } from '@/lib/db/client';
import type { TStaffActor } from '@/lib/staff/require-staff';
import { isOverdue } from './due-dates';
import { assertPrivacyDesk, requestRowOrNotFound } from './request-access';
import { privacyRequestKinds } from './request-kinds';

export const DESK_PAGE_SIZE = 100;

export const ZDeskFilters = z.object({
  show: z.enum(['open', 'closed', 'all']).catch('open'),
  kind: z.enum(['any', ...privacyRequestKinds]).catch('any'),
});
export type TDeskFilters = z.infer<typeof ZDeskFilters>;

/**
 * The desk: requests by due date, the most urgent first (closed ones most recently closed first),
 * filtered by open/closed and kind. Each row says whether it is overdue at `now`.
 */
export async function listPrivacyRequests(actor: TStaffActor, rawFilters: unknown, now = new Date()) {
  assertPrivacyDesk(actor);
  const filters = ZDeskFilters.parse(rawFilters ?? {});
  const conditions: SQL[] = [];
  if (filters.show === 'open') conditions.push(isNull(privacyRequests.closedAt));
  if (filters.show === 'closed') conditions.push(isNotNull(privacyRequests.closedAt));
  if (filters.kind !== 'any') conditions.push(eq(privacyRequests.kind, filters.kind));
  const rows = await db
    .select({
      id: privacyRequests.id,
      kind: privacyRequests.kind,
      state: privacyRequests.state,
      source: privacyRequests.source,
      receivedAt: privacyRequests.receivedAt,
      dueAt: privacyRequests.dueAt,
      extendedAt: privacyRequests.extendedAt,
      closedAt: privacyRequests.closedAt,
      contactName: privacyRequests.contactName,
      contactEmail: privacyRequests.contactEmail,
      accountName: users.fullName,
      accountEmail: users.email,
    })
    .from(privacyRequests)
    .leftJoin(users, eq(users.id, privacyRequests.subjectUserId))
    .where(and(...conditions))
    .orderBy(filters.show === 'closed' ? desc(privacyRequests.closedAt) : asc(privacyRequests.dueAt), asc(privacyRequests.id))
    .limit(DESK_PAGE_SIZE);
  return {
    filters,
    rows: rows.map((row) => ({
      ...row,
      person: row.accountName ?? row.contactName ?? '(erased)',
      email: row.accountEmail ?? row.contactEmail,
      overdue: isOverdue(row, now),
    })),
  };
}

/** Human names of the audit actions a request's timeline shows. */
export const timelineLabels: Record<string, string> = {
  'privacy.request-created': 'Request recorded',
  'privacy.identity-link-sent': 'Identity link mailed',
  'privacy.identity-verified': 'Identity confirmed through the link',
  'privacy.request-extended': 'Deadline extended; the person was mailed the reason',
  'privacy.request-completed': 'Completed; the person was told',
  'privacy.request-refused': 'Refused; the person was told why',
  'privacy.subject-export-requested': 'Copy of the data requested by staff',
  'privacy.subject-export-downloaded': 'Copy of the data downloaded by staff',
  'privacy.account-restricted': 'Account restricted',
  'privacy.restriction-lifted': 'Restriction lifted',
  'privacy.reminder-sent': 'Privacy officers reminded of the deadline',
  'privacy.export-requested': 'Copy asked for in My Account',
  'privacy.erasure-requested': 'Deletion asked for in My Account',
  'privacy.erasure-confirmed': 'Deletion confirmed through the mailed link',
  'privacy.erasure-cancelled': 'Deletion cancelled through the mailed link',
  'privacy.subject-erased': 'Account erased; the receipt was mailed and the request completed',
  'privacy.erasure-failed': 'Erasure failed; nothing was changed',
  'privacy.access-refused': 'Attempt refused (no permission, another account, or a replay); nothing was changed',
};

/**
 * One request for its page: the row, the account it is about (with its restriction), the copy made
 * for it, and the timeline from the audit trail (entries on the request, and on its copy).
 */
export async function getPrivacyRequest(actor: TStaffActor, rawId: unknown, now = new Date()) {
  assertPrivacyDesk(actor);
  const request = await requestRowOrNotFound(db, rawId);
  const [account] = request.subjectUserId
    ? await db
        .select({ id: users.id, fullName: users.fullName, email: users.email, restrictedAt: users.restrictedAt, erasedAt: users.erasedAt })
        .from(users)
        .where(eq(users.id, request.subjectUserId))
    : [];
  const [copy] = request.dataExportId
    ? await db
        .select({ id: dataExports.id, status: dataExports.status, requestedByUserId: dataExports.requestedByUserId, readyAt: dataExports.readyAt, expiresAt: dataExports.expiresAt, bytes: dataExports.bytes })
        .from(dataExports)
        .where(eq(dataExports.id, request.dataExportId))
    : [];
  const actorUser = aliasedTable(users, 'actor');
  const onRequest = and(eq(auditTrail.objectType, 'privacy-request'), eq(auditTrail.objectId, request.id));
  const onCopy = request.dataExportId ? and(eq(auditTrail.objectType, 'data-export'), eq(auditTrail.objectId, request.dataExportId)) : undefined;
  const timeline = await db
    .select({ id: auditTrail.id, occurredAt: auditTrail.occurredAt, action: auditTrail.action, actorKind: auditTrail.actorKind, actorUserId: auditTrail.actorUserId, actorName: actorUser.fullName, actorKindOfUser: actorUser.kind })
    .from(auditTrail)
    .leftJoin(actorUser, eq(actorUser.id, auditTrail.actorUserId))
    .where(onCopy ? or(onRequest, onCopy) : onRequest)
    .orderBy(asc(auditTrail.id));
  const [handler] = request.handledByUserId ? await db.select({ fullName: users.fullName }).from(users).where(eq(users.id, request.handledByUserId)) : [];
  return {
    request,
    overdue: isOverdue(request, now),
    account: account ?? null,
    copy: copy ? { ...copy, mine: copy.requestedByUserId === actor.userId, expired: copy.expiresAt <= now } : null,
    handlerName: handler?.fullName ?? null,
    timeline: timeline.map((entry) => ({
      id: entry.id,
      occurredAt: entry.occurredAt,
      label: timelineLabels[entry.action] ?? entry.action,
      // The person's own steps are named as such; staff by name; the system as the job; any other customer (a refused attempt) as such.
      by:
        entry.actorKind === 'system'
          ? entry.action === 'privacy.access-refused'
            ? 'Someone with the link'
            : 'Automatic'
          : entry.actorKindOfUser === 'staff'
            ? (entry.actorName ?? 'A staff member')
            : entry.actorUserId === request.subjectUserId
              ? 'The person'
              : 'Another customer',
    })),
  };
}

/** The open requests of one account, for the banner and links on the customer page. */
export async function openRequestsOf(actor: TStaffActor, customerId: string) {
  assertPrivacyDesk(actor);
  return db
    .select({ id: privacyRequests.id, kind: privacyRequests.kind, dueAt: privacyRequests.dueAt })
    .from(privacyRequests)
    .where(and(eq(privacyRequests.subjectUserId, customerId), isNull(privacyRequests.closedAt), inArray(privacyRequests.state, ['awaiting_identity', 'open', 'awaiting_confirmation', 'cooling_off', 'failed'])))
    .orderBy(asc(privacyRequests.dueAt));
}
