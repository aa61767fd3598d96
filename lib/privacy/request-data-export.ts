import 'server-only';
import { and, desc, eq, gt, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { dataExports, privacyRequests, users } from '@/db/schema';
import { confirmCurrentPassword } from '@/lib/accounts/confirm-current-password';
import { recordAuditEntry } from '@/lib/audit/record-audit-entry';
import type { TCustomerActor } from '@/lib/auth/guards';
import { db } from '@/lib/db/client';
import { enqueueJob } from '@/lib/jobs/enqueue-job';
import { getSetting } from '@/lib/settings/get-setting';
import { dueDateFor } from './requests/due-dates';
import { countUsage } from '@/lib/usage/count-usage';

const ZRequestDataExport = z.object({ password: z.string().min(1, 'Enter your password.').max(1024) });

export type TRequestedDataExport = { exportId: string; reused: boolean };

/**
 * "Download my data" (art. 15 and 20). The person types their password again first: a session
 * left open must not be enough to carry off everything (wrong passwords are throttled like the
 * password change's). A pending or ready, unexpired export is reused; otherwise a pending row, the
 * build job (lib/privacy/build-data-export.ts) and an audit entry are written in one transaction,
 * with the account row locked, so two clicks at once make one export. The same transaction puts an
 * 'export' request on the privacy desk (or points the person's open one, whose copy failed, at the
 * new export); the build job marks it completed when the copy is ready.
 */
export async function requestDataExport(actor: TCustomerActor, form: Record<string, unknown>, now = new Date()): Promise<TRequestedDataExport> {
  const input = ZRequestDataExport.parse(form);
  await confirmCurrentPassword(actor, input.password, 'password');
  const requested = await db.transaction(async (tx): Promise<TRequestedDataExport> => {
    await tx.select({ id: users.id }).from(users).where(eq(users.id, actor.userId)).for('update');
    const [current] = await tx
      .select({ id: dataExports.id })
      .from(dataExports)
      .where(and(eq(dataExports.subjectUserId, actor.userId), eq(dataExports.requestedByUserId, actor.userId), inArray(dataExports.status, ['pending', 'ready']), gt(dataExports.expiresAt, now)))
      .orderBy(desc(dataExports.createdAt))
      .limit(1);
    if (current) return { exportId: current.id, reused: true };

    // A pending export expires too, so one whose job never ran is cleared away; the job resets the
    // expiry from the moment the file is ready.
    const days = await getSetting('privacy.exportDays', tx);
    const [created] = await tx
      .insert(dataExports)
      .values({ subjectUserId: actor.userId, requestedByUserId: actor.userId, status: 'pending', createdAt: now, expiresAt: new Date(now.getTime() + days * 86_400_000) })
      .returning({ id: dataExports.id });
    await enqueueJob(tx, 'privacy.build-export', { exportId: created!.id });
    const [retried] = await tx
      .update(privacyRequests)
      .set({ dataExportId: created!.id, updatedAt: now })
      .where(and(eq(privacyRequests.subjectUserId, actor.userId), eq(privacyRequests.source, 'self_service'), eq(privacyRequests.kind, 'export'), eq(privacyRequests.state, 'open')))
      .returning({ id: privacyRequests.id });
    if (!retried) {
      const [request] = await tx.insert(privacyRequests).values({
        kind: 'export',
        state: 'open',
        source: 'self_service',
        subjectUserId: actor.userId,
        receivedAt: now,
        dueAt: dueDateFor(now),
        // Signed in and the password typed again: the identity is checked.
        identityVerifiedAt: now,
        dataExportId: created!.id,
        updatedAt: now,
      }).returning({ id: privacyRequests.id });
      await recordAuditEntry(tx, { actorKind: 'customer', actorUserId: actor.userId, action: 'privacy.request-created', subjectUserId: actor.userId, objectType: 'privacy-request', objectId: request!.id });
    }
    await recordAuditEntry(tx, {
      actorKind: 'customer',
      actorUserId: actor.userId,
      action: 'privacy.export-requested',
      subjectUserId: actor.userId,
      objectType: 'data-export',
      objectId: created!.id,
    });
    return { exportId: created!.id, reused: false };
  });
  if (!requested.reused) countUsage('data-export');
  return requested;
}
