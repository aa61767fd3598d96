import 'server-only';
import { and, desc, eq, gt, isNull } from 'drizzle-orm';
import { accountTokens, consentLedger, sessions } from '@/db/schema';
import { recordAuditEntry } from '@/lib/audit/record-audit-entry';
import { db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { signInAttemptsOf } from '@/lib/security/access-log-query';
import { getSetting } from '@/lib/settings/get-setting';
import type { TStaffActor } from '@/lib/staff/require-staff';
import { assertStaffMay, customerRowOrNotFound } from './customer-access';
import { ZPurposeText } from './customer-purposes';

const RECENT_SESSIONS = 20;
const RECENT_ATTEMPTS = 20;

export type TCustomerRecord = Awaited<ReturnType<typeof openCustomer>>;

/**
 * Whether the id is a customer's, without showing or auditing anything: the page asks for a
 * purpose only for a customer that exists (an unknown id or a staff account is a 404).
 */
export async function assertCustomerExists(actor: TStaffActor, customerId: unknown): Promise<void> {
  assertStaffMay(actor, 'customers.read');
  await customerRowOrNotFound(db, customerId);
}

/**
 * A customer's data for the staff page, only with a purpose: every opening (and every reload
 * under the remembered purpose) writes 'customer.viewed' with the actor, the subject, the purpose
 * and the client address, in the same transaction that reads the data.
 */
export async function openCustomer(actor: TStaffActor, customerId: unknown, purpose: unknown) {
  assertStaffMay(actor, 'customers.read');
  const purposeText = ZPurposeText.safeParse(purpose);
  if (!purposeText.success) throw new AppError('FORBIDDEN', 'Choose why you open this customer first.');
  return db.transaction(async (tx) => {
    const user = await customerRowOrNotFound(tx, customerId);
    const now = new Date();
    // One after another: a transaction is one connection, which runs one query at a time anyway.
    const fieldDefinitions = await getSetting('registration.customFields', tx);
    const consents = await tx
        .select({ id: consentLedger.id, purpose: consentLedger.purpose, action: consentLedger.action, textVersion: consentLedger.textVersion, ip: consentLedger.ip, createdAt: consentLedger.createdAt })
        .from(consentLedger)
        .where(eq(consentLedger.subjectUserId, user.id))
        .orderBy(desc(consentLedger.createdAt), desc(consentLedger.id));
    const recentSessions = await tx
        .select({
          id: sessions.id,
          createdAt: sessions.createdAt,
          lastSeenAt: sessions.lastSeenAt,
          expiresAt: sessions.expiresAt,
          endedAt: sessions.endedAt,
          endReason: sessions.endReason,
          ip: sessions.ip,
          browser: sessions.browser,
          os: sessions.os,
          country: sessions.country,
        })
        .from(sessions)
        .where(eq(sessions.userId, user.id))
        .orderBy(desc(sessions.createdAt))
        .limit(RECENT_SESSIONS);
    const signInAttempts = await signInAttemptsOf(user.id, RECENT_ATTEMPTS, tx);
    const pendingEmailChange = await tx
        .select({ newEmail: accountTokens.newEmail, expiresAt: accountTokens.expiresAt })
        .from(accountTokens)
        .where(and(eq(accountTokens.userId, user.id), eq(accountTokens.purpose, 'email_change'), isNull(accountTokens.usedAt), gt(accountTokens.expiresAt, now)))
        .orderBy(desc(accountTokens.createdAt))
        .limit(1);
    await recordAuditEntry(tx, {
      actorKind: 'staff',
      actorUserId: actor.userId,
      action: 'customer.viewed',
      subjectUserId: user.id,
      objectType: 'user',
      objectId: user.id,
      purpose: purposeText.data,
      clientIp: actor.client.ip,
    });
    const answers = user.customFields;
    const known = new Set(fieldDefinitions.map((field) => field.id));
    return {
      purpose: purposeText.data,
      details: {
        id: user.id,
        fullName: user.fullName,
        email: user.email,
        company: user.company,
        addressLine1: user.addressLine1,
        addressLine2: user.addressLine2,
        postalCode: user.postalCode,
        city: user.city,
        countryCode: user.countryCode,
        phone: user.phone,
        status: user.status,
        createdAt: user.createdAt,
        activatedAt: user.activatedAt,
        lastLoginAt: user.lastLoginAt,
        restrictedAt: user.restrictedAt,
        parentalConfirmedAt: user.parentalConfirmedAt,
      },
      // Answers to fields the site owner has since removed are still the customer's data: shown under their id.
      customFields: [
        ...fieldDefinitions.filter((field) => field.id in answers).map((field) => ({ id: field.id, label: field.label, value: answers[field.id]! })),
        ...Object.entries(answers)
          .filter(([id]) => !known.has(id))
          .map(([id, value]) => ({ id, label: `${id} (field no longer asked)`, value })),
      ],
      consents,
      sessions: recentSessions.map((session) => ({ ...session, open: !session.endedAt && session.expiresAt > now })),
      signInAttempts,
      pendingEmailChange: pendingEmailChange[0] ?? null,
    };
  });
}
