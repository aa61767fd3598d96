/**
 * The privacy request desk (lib/privacy/requests) with real staff actors, customers, the audit
 * trail and mail delivered by the real worker to the SMTP sink: a request by mail and its identity
 * link, deadlines and the one extension, closing, the list and timeline, the daily reminders, and
 * the self-service "Download my data" request on the desk.
 */
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { auditTrail, dataExports, privacyRequests } from '@/db/schema';
import { closeDatabase, db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { buildDataExport } from '@/lib/privacy/build-data-export';
import { requestDataExport } from '@/lib/privacy/request-data-export';
import { closePrivacyRequest } from '@/lib/privacy/requests/close-privacy-request';
import { createPrivacyRequest } from '@/lib/privacy/requests/create-privacy-request';
import { addCalendarMonths } from '@/lib/privacy/requests/due-dates';
import { extendPrivacyRequest } from '@/lib/privacy/requests/extend-privacy-request';
import { isIdentityLinkUsable, resendIdentityLink, verifyIdentity } from '@/lib/privacy/requests/identity-link';
import { getPrivacyRequest, listPrivacyRequests } from '@/lib/privacy/requests/list-privacy-requests';
import { remindDueRequests } from '@/lib/privacy/requests/remind-due-requests';
import type { TStaffRole } from '@/lib/staff/permissions';
import { createCustomer, signIn, TEST_CLIENT } from '../../helpers/actor-factory';
import { messagesTo, startMailDelivery, uniqueEmail, type TMailDelivery } from '../../helpers/accounts-factory';
import { staffActorFor } from '../../helpers/staff-actor';
import { eventually } from '../mail/mail-test-kit';

vi.mock('next/headers', () => import('../../helpers/fake-next-headers'));

let mail: TMailDelivery;
beforeAll(async () => {
  mail = await startMailDelivery();
});
afterAll(async () => {
  await mail.stop();
  await closeDatabase();
});

const VERIFY_LINK = /https?:\/\/[^\s"<>]+\/privacy\/requests\/verify\/([A-Za-z0-9_-]{43})/;
const waitFor = (address: string, subject: RegExp) => mail.sink.waitFor((message) => message.envelopeTo.includes(address) && subject.test(message.subject), 15_000);
const tokenFrom = (text: string) => VERIFY_LINK.exec(text)![1]!;
const rowOf = async (id: string) => (await db.select().from(privacyRequests).where(eq(privacyRequests.id, id)))[0]!;
const auditActions = async (id: string) => (await db.select({ action: auditTrail.action }).from(auditTrail).where(and(eq(auditTrail.objectType, 'privacy-request'), eq(auditTrail.objectId, id))).orderBy(auditTrail.id)).map((row) => row.action);
const refusal = (work: Promise<unknown>) => work.then(() => null, (error: unknown) => error as AppError);

const personForm = (overrides: Record<string, string> = {}) => ({ kind: 'access', subject: 'person', contactName: 'Rosalind Franklin', contactEmail: uniqueEmail('rosalind'), details: 'Please send me everything you hold.', ...overrides });

/** A request by mail from a person without an account, confirmed through the mailed link. */
async function openedRequest(officer: Awaited<ReturnType<typeof staffActorFor>>, overrides: Record<string, string> = {}, now = new Date()) {
  const form = personForm(overrides);
  const { requestId } = await createPrivacyRequest(officer, form, now);
  const message = await waitFor(form.contactEmail, /confirm your data-protection request/);
  expect((await verifyIdentity(tokenFrom(message.text), TEST_CLIENT)).ok).toBe(true);
  return { requestId, email: form.contactEmail };
}

describe('recording a request received by mail', () => {
  it('refuses staff without privacy.requests, whatever the role', async () => {
    for (const role of ['sales', 'catalog', 'admin'] satisfies TStaffRole[]) {
      const actor = await staffActorFor(role);
      expect(await refusal(createPrivacyRequest(actor, personForm()))).toMatchObject({ code: 'FORBIDDEN' });
    }
  });

  it('says what is wrong next to each field, and records nothing', async () => {
    const officer = await staffActorFor('privacy_officer');
    const before = (await db.select({ id: privacyRequests.id }).from(privacyRequests)).length;
    await expect(createPrivacyRequest(officer, personForm({ kind: 'gossip' }))).rejects.toMatchObject({ issues: [expect.objectContaining({ path: ['kind'], message: 'Choose what the person asks for.' })] });
    await expect(createPrivacyRequest(officer, { kind: 'access', subject: 'person', contactName: '', contactEmail: 'not-an-address' })).rejects.toMatchObject({
      issues: [expect.objectContaining({ path: ['contactName'] }), expect.objectContaining({ path: ['contactEmail'] })],
    });
    const now = new Date('2026-06-10T09:00:00Z');
    expect(await refusal(createPrivacyRequest(officer, personForm({ receivedOn: '2026-06-11' }), now))).toMatchObject({ fieldErrors: { receivedOn: 'The request cannot have arrived in the future.' } });
    expect(await refusal(createPrivacyRequest(officer, personForm({ receivedOn: '2026-02-30' }), now))).toMatchObject({ fieldErrors: { receivedOn: 'That is not a date in the calendar.' } });
    expect(await refusal(createPrivacyRequest(officer, { kind: 'access', subject: 'account', accountEmail: uniqueEmail('nobody') }))).toMatchObject({
      fieldErrors: { accountEmail: expect.stringContaining('No customer account signs in with this address') },
    });
    const staffMember = await staffActorFor('sales');
    expect(await refusal(createPrivacyRequest(officer, { kind: 'access', subject: 'account', accountEmail: staffMember.email }))).toMatchObject({ code: 'INVALID_INPUT' });
    expect((await db.select({ id: privacyRequests.id }).from(privacyRequests)).length).toBe(before);
  });

  it('counts the deadline from the day it arrived: 31 January is due on 28 February', async () => {
    const officer = await staffActorFor('privacy_officer');
    const customer = await createCustomer({ email: uniqueEmail('january') });
    const { requestId } = await createPrivacyRequest(officer, { kind: 'rectification', subject: 'account', accountEmail: customer.email.toUpperCase(), receivedOn: '2027-01-31' }, new Date('2027-02-03T10:00:00Z'));
    const row = await rowOf(requestId);
    expect(row).toMatchObject({ subjectUserId: customer.userId, contactEmail: null, source: 'staff', state: 'awaiting_identity', createdByUserId: officer.userId });
    expect(row.receivedAt.toISOString()).toBe('2027-01-31T12:00:00.000Z');
    expect(row.dueAt.toISOString()).toBe('2027-02-28T12:00:00.000Z');
    // The link goes to the account's address: whoever opens it controls the account's mailbox.
    await waitFor(customer.email, /confirm your data-protection request/);
  });

  it('mails a single-use, hashed link; opening it confirms the identity and opens the request', async () => {
    const officer = await staffActorFor('privacy_officer');
    const form = personForm();
    const { requestId } = await createPrivacyRequest(officer, form);
    const first = tokenFrom((await waitFor(form.contactEmail, /confirm your data-protection request/)).text);
    const stored = await rowOf(requestId);
    expect(stored.tokenSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(stored.tokenSha256).not.toContain(first);
    expect(await isIdentityLinkUsable(first)).toBe(true);

    // A new link retires the old one.
    await resendIdentityLink(officer, requestId);
    await eventually(async () => messagesTo(mail.sink, form.contactEmail).length === 2, 15_000, 'the second link');
    const second = tokenFrom(messagesTo(mail.sink, form.contactEmail)[1]!.text);
    expect(await verifyIdentity(first, TEST_CLIENT)).toMatchObject({ ok: false });

    expect(await verifyIdentity(second, TEST_CLIENT)).toEqual({ ok: true });
    expect(await rowOf(requestId)).toMatchObject({ state: 'open', identityVerifiedAt: expect.any(Date), tokenSha256: null });
    expect(await verifyIdentity(second, TEST_CLIENT)).toMatchObject({ ok: false });
    expect(await isIdentityLinkUsable(second)).toBe(false);
    expect(await refusal(resendIdentityLink(officer, requestId))).toMatchObject({ code: 'CONFLICT' });
    expect(await auditActions(requestId)).toEqual(['privacy.request-created', 'privacy.identity-link-sent', 'privacy.identity-link-sent', 'privacy.identity-verified']);
  });

  it('refuses an expired link', async () => {
    const officer = await staffActorFor('privacy_officer');
    const form = personForm();
    const { requestId } = await createPrivacyRequest(officer, form);
    const token = tokenFrom((await waitFor(form.contactEmail, /confirm your data-protection request/)).text);
    expect(await verifyIdentity(token, TEST_CLIENT, new Date(Date.now() + 8 * 86_400_000))).toMatchObject({ ok: false });
    expect((await rowOf(requestId)).state).toBe('awaiting_identity');
  });
});

describe('extending the deadline', () => {
  it('extends once, by one or two months from receipt, with the reason mailed', async () => {
    const officer = await staffActorFor('privacy_officer');
    const received = new Date();
    const { requestId, email } = await openedRequest(officer, {}, received);
    expect(await refusal(extendPrivacyRequest(officer, requestId, { months: '3', reason: 'Ten years of orders to go through.' }))).toBeInstanceOf(Error);
    expect(await refusal(extendPrivacyRequest(officer, requestId, { months: '2', reason: 'busy' }))).toMatchObject({ issues: [expect.objectContaining({ path: ['reason'] })] });
    expect(await refusal(extendPrivacyRequest(await staffActorFor('sales'), requestId, { months: '2', reason: 'Ten years of orders to go through.' }))).toMatchObject({ code: 'FORBIDDEN' });

    const { dueAt } = await extendPrivacyRequest(officer, requestId, { months: '2', reason: 'Ten years of orders to go through.' });
    const row = await rowOf(requestId);
    expect(dueAt.toISOString()).toBe(addCalendarMonths(row.receivedAt, 3).toISOString());
    expect(row).toMatchObject({ extendedAt: expect.any(Date), extensionReason: 'Ten years of orders to go through.' });
    const message = await waitFor(email, /We need more time/);
    expect(message.text).toContain('Why: Ten years of orders to go through.');

    expect(await refusal(extendPrivacyRequest(officer, requestId, { months: '1', reason: 'Still more orders to go through.' }))).toMatchObject({ code: 'CONFLICT', userMessage: expect.stringContaining('only once') });
    expect(await auditActions(requestId)).toContain('privacy.request-extended');
  });

  it('cannot extend once the month has passed', async () => {
    const officer = await staffActorFor('privacy_officer');
    const { requestId } = await openedRequest(officer);
    const later = addCalendarMonths(new Date(), 1);
    later.setUTCDate(later.getUTCDate() + 1);
    expect(await refusal(extendPrivacyRequest(officer, requestId, { months: '1', reason: 'We forgot about this one.' }, later))).toMatchObject({ code: 'CONFLICT', userMessage: expect.stringContaining('deadline has passed') });
  });
});

describe('closing a request', () => {
  it('completes an open request with the outcome mailed; refuses completing one whose identity is not confirmed or an erasure', async () => {
    const officer = await staffActorFor('privacy_officer');
    const unconfirmed = personForm();
    const { requestId: waiting } = await createPrivacyRequest(officer, unconfirmed);
    expect(await refusal(closePrivacyRequest(officer, waiting, { result: 'completed', outcome: 'We sent you everything we hold.' }))).toMatchObject({ code: 'CONFLICT' });
    await closePrivacyRequest(officer, waiting, { result: 'refused', outcome: 'We could not confirm that the request is yours.' });
    const refusedMail = await waitFor(unconfirmed.contactEmail, /was refused/);
    expect(refusedMail.text).toContain('We could not confirm that the request is yours.');
    expect(refusedMail.text).toContain('complain to the data protection authority');

    const erasure = await openedRequest(officer, { kind: 'erasure' });
    expect(await refusal(closePrivacyRequest(officer, erasure.requestId, { result: 'completed', outcome: 'Everything was erased by hand.' }))).toMatchObject({ code: 'CONFLICT' });

    const { requestId, email } = await openedRequest(officer);
    expect(await refusal(closePrivacyRequest(officer, requestId, { result: 'completed', outcome: 'short' }))).toMatchObject({ issues: [expect.objectContaining({ path: ['outcome'] })] });
    expect(await refusal(closePrivacyRequest(await staffActorFor('catalog'), requestId, { result: 'completed', outcome: 'We hold no data about you at all.' }))).toMatchObject({ code: 'FORBIDDEN' });
    await closePrivacyRequest(officer, requestId, { result: 'completed', outcome: 'We hold no data about you at all.' });
    expect(await rowOf(requestId)).toMatchObject({ state: 'completed', outcome: 'We hold no data about you at all.', closedAt: expect.any(Date), handledByUserId: officer.userId });
    expect((await waitFor(email, /is answered/)).text).toContain('We hold no data about you at all.');
    expect(await refusal(closePrivacyRequest(officer, requestId, { result: 'refused', outcome: 'Changed our mind about this.' }))).toMatchObject({ code: 'CONFLICT' });
    expect(await refusal(extendPrivacyRequest(officer, requestId, { months: '1', reason: 'Too late to extend a closed one.' }))).toMatchObject({ code: 'CONFLICT' });
  });
});

describe('the desk', () => {
  it('lists by due date with overdue ones marked, filters, and shows the timeline', async () => {
    const officer = await staffActorFor('privacy_officer');
    const now = new Date();
    const old = await openedRequest(officer, { kind: 'objection', receivedOn: new Date(now.getTime() - 40 * 86_400_000).toISOString().slice(0, 10) }, now);
    const fresh = await openedRequest(officer, { kind: 'objection' }, now);
    const { rows } = await listPrivacyRequests(officer, { show: 'open', kind: 'objection' }, now);
    const ids = rows.map((row) => row.id);
    expect(ids.indexOf(old.requestId)).toBeLessThan(ids.indexOf(fresh.requestId));
    expect(rows.find((row) => row.id === old.requestId)).toMatchObject({ overdue: true, person: 'Rosalind Franklin' });
    expect(rows.find((row) => row.id === fresh.requestId)).toMatchObject({ overdue: false });
    expect(rows.every((row) => row.kind === 'objection' && row.closedAt === null)).toBe(true);
    const dues = rows.map((row) => row.dueAt.getTime());
    expect(dues).toEqual([...dues].sort((a, b) => a - b));

    await closePrivacyRequest(officer, fresh.requestId, { result: 'completed', outcome: 'We stopped the processing you objected to.' });
    expect((await listPrivacyRequests(officer, { show: 'open', kind: 'objection' }, now)).rows.map((row) => row.id)).not.toContain(fresh.requestId);
    expect((await listPrivacyRequests(officer, { show: 'closed', kind: 'objection' }, now)).rows.map((row) => row.id)).toContain(fresh.requestId);

    const detail = await getPrivacyRequest(officer, fresh.requestId, now);
    expect(detail.timeline.map((entry) => entry.label)).toEqual(['Request recorded', 'Identity link mailed', 'Identity confirmed through the link', 'Completed; the person was told']);
    expect(detail.timeline.map((entry) => entry.by)).toEqual([officer.fullName, officer.fullName, 'Automatic', officer.fullName]);

    expect(await refusal(listPrivacyRequests(await staffActorFor('admin'), {}))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await refusal(getPrivacyRequest(officer, randomUUID()))).toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('the daily reminder', () => {
  it('mails each privacy officer and superadmin once about requests due soon and once more when overdue; a second run sends nothing', async () => {
    const officer = await staffActorFor('privacy_officer');
    const superadmin = await staffActorFor('superadmin');
    const sales = await staffActorFor('sales');
    const now = new Date();
    // Clear earlier requests of this file out of the way: only these two are due.
    await db.update(privacyRequests).set({ reminderSentAt: new Date(now.getTime() + 365 * 86_400_000) });
    const soon = await openedRequest(officer, { kind: 'restriction', receivedOn: new Date(now.getTime() - 26 * 86_400_000).toISOString().slice(0, 10) }, now);
    const late = await openedRequest(officer, { kind: 'access', receivedOn: new Date(now.getTime() - 45 * 86_400_000).toISOString().slice(0, 10) }, now);
    const later = await openedRequest(officer, { kind: 'access' }, now);

    expect(await remindDueRequests(now)).toMatchObject({ reminded: 2 });
    for (const staff of [officer, superadmin]) {
      const message = await waitFor(staff.email, /overdue at/);
      expect(message.text).toContain(`OVERDUE: Access (art. 15) request ${late.requestId.slice(0, 8)}`);
      expect(message.text).toContain(`Due soon: Restriction (art. 18) request ${soon.requestId.slice(0, 8)}`);
      expect(message.text).not.toContain(later.requestId.slice(0, 8));
      expect(message.text).not.toContain('Rosalind');
    }
    expect(await remindDueRequests(now)).toMatchObject({ reminded: 0 });

    // The one due soon becomes overdue: reminded once more, then not again.
    const afterDue = new Date((await rowOf(soon.requestId)).dueAt.getTime() + 86_400_000);
    expect(await remindDueRequests(afterDue)).toMatchObject({ reminded: 1 });
    expect(await remindDueRequests(afterDue)).toMatchObject({ reminded: 0 });
    await eventually(async () => messagesTo(mail.sink, officer.email).length === 2, 15_000, 'the second reminder');
    expect(messagesTo(mail.sink, sales.email)).toEqual([]);
    expect(await auditActions(late.requestId)).toContain('privacy.reminder-sent');
  });
});

describe('Download my data on the desk', () => {
  it('puts an export request on the desk with the export, and the job completes it', async () => {
    const customer = await createCustomer();
    const { actor } = await signIn(customer.userId);
    const { exportId } = await requestDataExport(actor, { password: customer.password });
    const [request] = await db.select().from(privacyRequests).where(eq(privacyRequests.dataExportId, exportId));
    expect(request).toMatchObject({ kind: 'export', source: 'self_service', state: 'open', subjectUserId: customer.userId, identityVerifiedAt: expect.any(Date) });
    expect(request!.dueAt.toISOString()).toBe(addCalendarMonths(request!.receivedAt, 1).toISOString());

    // The worker builds it (or this call does, whichever comes first).
    await buildDataExport(exportId);
    await eventually(async () => (await rowOf(request!.id)).state === 'completed', 15_000, 'the request completed');
    expect(await rowOf(request!.id)).toMatchObject({ closedAt: expect.any(Date), outcome: expect.stringContaining('My data') });
    expect(await auditActions(request!.id)).toEqual(['privacy.request-created', 'privacy.request-completed']);
    await waitFor(customer.email, /data is ready/);
    const [exportRow] = await db.select().from(dataExports).where(eq(dataExports.id, exportId));
    expect(exportRow!.status).toBe('ready');
  });
});
