import 'server-only';
import { and, asc, eq, exists, isNull, sql } from 'drizzle-orm';
import { consentLedger, users } from '@/db/schema';
import { recordAuditEntry } from '@/lib/audit/record-audit-entry';
import { customerRowOrNotFound } from '@/lib/customers/customer-access';
import { db, type TExecutor } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { getSetting } from '@/lib/settings/get-setting';
import type { TStaffActor } from '@/lib/staff/require-staff';
import { assertPrivacyDesk } from './request-access';

/** Registered with the parental statement (the consent ledger says so), not yet confirmed, not erased. */
const awaitingConfirmation = () =>
  and(
    eq(users.kind, 'customer'),
    isNull(users.parentalConfirmedAt),
    isNull(users.erasedAt),
    exists(db.select({ one: sql`1` }).from(consentLedger).where(and(eq(consentLedger.subjectUserId, users.id), eq(consentLedger.purpose, 'parental_consent'), eq(consentLedger.action, 'given')))),
  );

/**
 * Whether the account may not sign in yet: the site owner requires a parent's confirmation
 * (accounts.requireParentalConfirmation) and none is recorded for this parental registration.
 */
export async function awaitsParentalConfirmation(userId: string, executor: TExecutor = db): Promise<boolean> {
  if (!(await getSetting('accounts.requireParentalConfirmation', executor))) return false;
  const [row] = await executor.select({ id: users.id }).from(users).where(and(eq(users.id, userId), awaitingConfirmation()));
  return Boolean(row);
}

export type TAwaitingParental = { id: string; fullName: string; email: string; createdAt: Date };

/** The accounts waiting for a privacy officer to record a parent's confirmation, oldest first. */
export async function listAwaitingParental(actor: TStaffActor): Promise<TAwaitingParental[]> {
  assertPrivacyDesk(actor);
  return db.select({ id: users.id, fullName: users.fullName, email: users.email, createdAt: users.createdAt }).from(users).where(awaitingConfirmation()).orderBy(asc(users.createdAt)).limit(200);
}

/**
 * A privacy officer records that a parent or guardian confirmed the registration (by whatever
 * means the site owner uses: a signed form, a call back). The time and the officer are kept on the
 * account and in the audit trail; from then on the account signs in like any other.
 */
export async function confirmParentalConsent(actor: TStaffActor, customerId: unknown, now = new Date()): Promise<void> {
  assertPrivacyDesk(actor);
  await db.transaction(async (tx) => {
    const user = await customerRowOrNotFound(tx, customerId, { forUpdate: true });
    const [waiting] = await tx.select({ id: users.id }).from(users).where(and(eq(users.id, user.id), awaitingConfirmation()));
    if (!waiting) throw new AppError('CONFLICT', user.parentalConfirmedAt ? "The parent's confirmation is recorded already." : 'This account was not registered with the parental statement.');
    await tx.update(users).set({ parentalConfirmedAt: now, parentalConfirmedByUserId: actor.userId, updatedAt: now }).where(eq(users.id, user.id));
    await recordAuditEntry(tx, {
      actorKind: 'staff',
      actorUserId: actor.userId,
      action: 'privacy.parental-consent-confirmed',
      subjectUserId: user.id,
      objectType: 'user',
      objectId: user.id,
      changedFields: ['parentalConfirmedAt'],
      clientIp: actor.client.ip,
    });
  });
}
