/**
 * The customers section's use cases (lib/customers) with real staff actors, customers, sessions
 * and the audit trail: searching, opening with a purpose, locking, ending sessions, reset mails.
 */
import { randomUUID } from 'node:crypto';
import { and, desc, eq, gt } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { auditTrail, consentLedger, mailOutbox, users } from '@/db/schema';
import { loadSession } from '@/lib/auth/sessions/load-session';
import { endCustomerSessions } from '@/lib/customers/end-customer-sessions';
import { lockCustomer, unlockCustomer } from '@/lib/customers/lock-customer';
import { assertCustomerExists, openCustomer } from '@/lib/customers/open-customer';
import { decodePurposeGrant, encodePurposeGrant } from '@/lib/customers/purpose-grant';
import { searchCustomers } from '@/lib/customers/search-customers';
import { sendCustomerPasswordReset } from '@/lib/customers/send-customer-password-reset';
import { closeDatabase, db } from '@/lib/db/client';
import { recordAccess } from '@/lib/security/record-access';
import { staffRoles } from '@/lib/staff/permissions';
import { createCustomer, signIn, TEST_CLIENT } from '../../helpers/actor-factory';
import { sessionRowsOf } from '../../helpers/accounts-factory';
import { staffActorFor } from '../../helpers/staff-actor';

afterAll(closeDatabase);

const tag = () => randomUUID().slice(0, 8);

async function entriesBy(actorUserId: string) {
  return db.select().from(auditTrail).where(eq(auditTrail.actorUserId, actorUserId)).orderBy(auditTrail.id);
}

describe('searching customers', () => {
  it('finds by name, e-mail or company, case-insensitively, never staff, and pages', async () => {
    const officer = await staffActorFor('privacy_officer');
    const word = `Quokka${tag()}`;
    const byName = await createCustomer({ fullName: `Ana ${word} Silva` });
    const byEmail = await createCustomer({ email: `${word.toLowerCase()}@example.test` });
    const byCompany = await createCustomer({ company: `${word.toUpperCase()} Ltd` });
    await db.insert(users).values({ email: `staff-${word}@example.test`, passwordHash: 'x', fullName: word, kind: 'staff', staffRole: 'sales', status: 'active' });
    const found = await searchCustomers(officer, { q: word.toLowerCase() });
    expect(found.rows.map((row) => row.id).sort()).toEqual([byName.userId, byEmail.userId, byCompany.userId].sort());
    expect(found.rows[0]).toMatchObject({ status: 'active', createdAt: expect.any(Date) });
    expect(found.hasMore).toBe(false);

    const many = `Wombat${tag()}`;
    for (let i = 0; i < 26; i++) await createCustomer({ company: many });
    const first = await searchCustomers(officer, { q: many });
    const second = await searchCustomers(officer, { q: many, page: '2' });
    expect([first.rows.length, first.hasMore, second.rows.length, second.hasMore]).toEqual([25, true, 1, false]);
  });

  it('takes % and _ literally', async () => {
    const officer = await staffActorFor('privacy_officer');
    const word = tag();
    const literal = await createCustomer({ company: `Save 100%_${word}` });
    await createCustomer({ company: `Save 1000x${word}` });
    const found = await searchCustomers(officer, { q: `100%_${word}` });
    expect(found.rows.map((row) => row.id)).toEqual([literal.userId]);
    expect((await searchCustomers(officer, { q: '%%' })).rows.every((row) => `${row.fullName}${row.email}${row.company}`.includes('%%'))).toBe(true);
    expect((await searchCustomers(officer, { q: '\\_' })).rows.every((row) => `${row.fullName}${row.email}${row.company}`.includes('\\_'))).toBe(true);
  });

  it('audits each search without the text searched for', async () => {
    const officer = await staffActorFor('privacy_officer');
    const secret = `Zebedee${tag()}`;
    await searchCustomers(officer, { q: secret });
    const entries = await entriesBy(officer.userId);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ action: 'customers.searched', actorKind: 'staff', clientIp: TEST_CLIENT.ip, subjectUserId: null, purpose: null });
    expect(JSON.stringify(entries[0])).not.toContain(secret);
  });

  it('refuses bad input and every role without customers.read', async () => {
    const officer = await staffActorFor('privacy_officer');
    await expect(searchCustomers(officer, { q: 'a' })).rejects.toThrow(/at least 2/);
    await expect(searchCustomers(officer, { q: 'ab', page: '0' })).rejects.toThrow(/page/);
    await expect(searchCustomers(officer, { q: 'x'.repeat(101) })).rejects.toThrow(/under 100/);
    for (const role of staffRoles.filter((r) => r !== 'privacy_officer' && r !== 'superadmin')) {
      const other = await staffActorFor(role);
      await expect(searchCustomers(other, { q: 'anyone' }), role).rejects.toMatchObject({ code: 'FORBIDDEN' });
      expect(await entriesBy(other.userId)).toHaveLength(0);
    }
  });
});

describe('opening a customer', () => {
  it('shows nothing without a purpose, and audits the opening with subject, purpose and address', async () => {
    const officer = await staffActorFor('privacy_officer');
    const customer = await createCustomer({ company: 'Kite Works', phone: '+353 1 555 0100', city: 'Cork', countryCode: 'IE', customFields: { vat: 'IE123' } });
    await db.insert(consentLedger).values({ subjectUserId: customer.userId, purpose: 'privacy_notice', action: 'given', textVersion: 'v1', textSha256: 'a'.repeat(64), ip: '198.51.100.1' });
    await signIn(customer.userId);
    await recordAccess({ kind: 'customer_sign_in', step: 'password', outcome: 'invalid', userId: customer.userId, client: TEST_CLIENT });

    for (const purpose of [undefined, null, '', '   ', 42]) {
      await expect(openCustomer(officer, customer.userId, purpose)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    expect(await entriesBy(officer.userId)).toHaveLength(0);

    const record = await openCustomer(officer, customer.userId, 'Order or invoice question');
    expect(record.details).toMatchObject({ email: customer.email, company: 'Kite Works', phone: '+353 1 555 0100', city: 'Cork', countryCode: 'IE' });
    expect(record.customFields).toEqual([{ id: 'vat', label: 'vat (field no longer asked)', value: 'IE123' }]);
    expect(record.consents).toMatchObject([{ purpose: 'privacy_notice', action: 'given' }]);
    expect(record.sessions).toMatchObject([{ open: true }]);
    expect(record.signInAttempts).toMatchObject([{ outcome: 'invalid' }]);
    const entries = await entriesBy(officer.userId);
    expect(entries).toMatchObject([{ action: 'customer.viewed', subjectUserId: customer.userId, purpose: 'Order or invoice question', clientIp: TEST_CLIENT.ip }]);
  });

  it('answers NOT_FOUND for an unknown id, a malformed id and a staff account', async () => {
    const officer = await staffActorFor('privacy_officer');
    const staff = await staffActorFor('sales');
    for (const id of [randomUUID(), 'not-an-id', staff.userId]) {
      await expect(openCustomer(officer, id, 'Fraud or security check')).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(assertCustomerExists(officer, id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }
    expect(await entriesBy(officer.userId)).toHaveLength(0);
  });

  it('refuses roles without customers.read', async () => {
    const customer = await createCustomer();
    for (const role of ['admin', 'sales', 'catalog'] as const) {
      const other = await staffActorFor(role);
      await expect(openCustomer(other, customer.userId, 'Data-subject request'), role).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(assertCustomerExists(other, customer.userId), role).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
  });

  it('remembers the purpose for one staff session and one customer, for 15 minutes', async () => {
    const officer = await staffActorFor('privacy_officer');
    const otherOfficer = await staffActorFor('privacy_officer');
    const customer = await createCustomer();
    const other = await createCustomer();
    const now = Date.now();
    const grant = encodePurposeGrant(officer, customer.userId, 'Data-subject request', now);
    expect(decodePurposeGrant(officer, customer.userId, grant, now + 60_000)).toBe('Data-subject request');
    expect(decodePurposeGrant(officer, other.userId, grant, now)).toBeNull();
    expect(decodePurposeGrant(otherOfficer, customer.userId, grant, now)).toBeNull();
    expect(decodePurposeGrant(officer, customer.userId, grant, now + 15 * 60_000 + 1)).toBeNull();
    const [body, signature] = grant.split('.');
    const forged = Buffer.from(Buffer.from(body!, 'base64url').toString().replace('Data-subject request', 'Other: anything')).toString('base64url');
    expect(decodePurposeGrant(officer, customer.userId, `${forged}.${signature}`, now)).toBeNull();
  });
});

describe('managing a customer', () => {
  it('locking ends every session at once (checklist 24), unlocking lets the customer in again', async () => {
    const officer = await staffActorFor('privacy_officer');
    const customer = await createCustomer();
    const { token } = await signIn(customer.userId, { remember: true });
    expect(await lockCustomer(officer, customer.userId)).toEqual({ endedSessions: 1 });
    expect(await loadSession(token)).toMatchObject({ state: 'ended', reason: 'account_disabled' });
    expect((await sessionRowsOf(customer.userId)).every((row) => row.endedAt !== null)).toBe(true);
    await expect(lockCustomer(officer, customer.userId)).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await unlockCustomer(officer, customer.userId)).toEqual({ status: 'active' });
    const [row] = await db.select({ status: users.status }).from(users).where(eq(users.id, customer.userId));
    expect(row!.status).toBe('active');
    expect((await entriesBy(officer.userId)).map((entry) => [entry.action, entry.subjectUserId, entry.clientIp])).toEqual([
      ['customer.locked', customer.userId, TEST_CLIENT.ip],
      ['customer.unlocked', customer.userId, TEST_CLIENT.ip],
    ]);
  });

  it('unlocking an account never activated puts it back to pending', async () => {
    const officer = await staffActorFor('privacy_officer');
    const customer = await createCustomer({ status: 'pending', activatedAt: null });
    await lockCustomer(officer, customer.userId);
    expect(await unlockCustomer(officer, customer.userId)).toEqual({ status: 'pending' });
  });

  it('ends sessions with reason ended_by_staff; audited', async () => {
    const officer = await staffActorFor('superadmin');
    const customer = await createCustomer();
    const { token } = await signIn(customer.userId);
    expect(await endCustomerSessions(officer, customer.userId)).toBe(1);
    expect(await loadSession(token)).toMatchObject({ state: 'ended', reason: 'ended_by_staff' });
    expect(await entriesBy(officer.userId)).toMatchObject([{ action: 'customer.sessions-ended', subjectUserId: customer.userId }]);
  });

  it('queues a password-reset mail to the customer, audited; refuses a locked account', async () => {
    const officer = await staffActorFor('privacy_officer');
    const customer = await createCustomer();
    const since = new Date(Date.now() - 1000);
    await sendCustomerPasswordReset(officer, customer.userId);
    const mails = await db.select().from(mailOutbox).where(and(eq(mailOutbox.subjectUserId, customer.userId), gt(mailOutbox.createdAt, since)));
    expect(mails.map((mail) => mail.template)).toEqual(['password-reset']);
    expect(await entriesBy(officer.userId)).toMatchObject([{ action: 'customer.password-reset-sent', subjectUserId: customer.userId }]);
    await lockCustomer(officer, customer.userId);
    await expect(sendCustomerPasswordReset(officer, customer.userId)).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('refuses every change to staff without customers.manage, and touches nothing', async () => {
    const customer = await createCustomer();
    const { token } = await signIn(customer.userId);
    for (const role of ['admin', 'sales', 'catalog'] as const) {
      const other = await staffActorFor(role);
      for (const change of [lockCustomer, unlockCustomer, endCustomerSessions, sendCustomerPasswordReset]) {
        await expect(change(other, customer.userId), `${role} ${change.name}`).rejects.toMatchObject({ code: 'FORBIDDEN' });
      }
      expect(await entriesBy(other.userId)).toHaveLength(0);
    }
    expect(await loadSession(token)).toMatchObject({ state: 'active' });
    const [latest] = await db.select().from(mailOutbox).where(eq(mailOutbox.subjectUserId, customer.userId)).orderBy(desc(mailOutbox.createdAt)).limit(1);
    expect(latest).toBeUndefined();
  });
});
