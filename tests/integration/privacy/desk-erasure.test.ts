/**
 * Erasure started by a privacy officer on the desk, for a person who asked by mail and confirmed
 * through the identity link: the preview, the refusal while an invoice is unpaid, the erasure in
 * one transaction (receipt, tombstone, request completed, audited as the officer), a failure
 * part-way (a real database error after the rows were already rewritten) that changes nothing and
 * is shown on the request, the retry through the real server action, and the wrong roles.
 */
import { randomUUID } from 'node:crypto';
import { and, count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { eraseFromDeskAction } from '@/app/staff/(office)/privacy-requests/actions';
import { activityEvents, auditTrail, erasureTombstones, invoices, mailOutbox, users } from '@/db/schema';
import { INITIAL_FORM_STATE } from '@/lib/actions/form-state';
import { closeDatabase, db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { openEnvelope } from '@/lib/mail/envelope';
import { createPrivacyRequest } from '@/lib/privacy/requests/create-privacy-request';
import { eraseFromDesk, getDeskErasure, NO_ACCOUNT_TO_ERASE } from '@/lib/privacy/requests/erase-from-desk';
import { verifyIdentity } from '@/lib/privacy/requests/identity-link';
import { requestRowOrNotFound } from '@/lib/privacy/requests/request-access';
import { TEST_CLIENT } from '../../helpers/actor-factory';
import { uniqueEmail } from '../../helpers/accounts-factory';
import { fakeRequest as request, signInFakeRequest } from '../../helpers/fake-next-headers';
import { setTestSeller } from '../../helpers/order-factory';
import { seedCustomer, type TSeeded } from '../../helpers/personal-data-factory';
import { staffActorFor } from '../../helpers/staff-actor';
import { createStaffMember } from '../../helpers/staff-factory';
import { issueTestInvoice, registerTestPayment } from '../invoices/invoice-kit';
import { formData } from '../../helpers/form-data';

vi.mock('next/headers', () => import('../../helpers/fake-next-headers'));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));

beforeAll(async () => {
  await setTestSeller();
});
afterAll(closeDatabase);
beforeEach(() => request.cookies.clear());

const REFUSAL = 'You do not have permission to do this.';
const VERIFY_LINK = /\/privacy\/requests\/verify\/([A-Za-z0-9_-]{43})/;
const refusal = (work: Promise<unknown>) => work.then(() => null, (error: unknown) => error as AppError);
const mailsOf = async (userId: string, template: string) =>
  (await db.select().from(mailOutbox).where(and(eq(mailOutbox.subjectUserId, userId), eq(mailOutbox.template, template))).orderBy(mailOutbox.createdAt)).map((row) => ({
    id: row.id,
    ...openEnvelope(row.envelope!),
  }));
const rowOf = (id: string) => requestRowOrNotFound(db, id);
const accountOf = async (userId: string) => (await db.select().from(users).where(eq(users.id, userId)))[0]!;
const activityCount = async (userId: string) => (await db.select({ n: count() }).from(activityEvents).where(eq(activityEvents.subjectUserId, userId)))[0]!.n;
const auditOn = (requestId: string) => db.select().from(auditTrail).where(and(eq(auditTrail.objectType, 'privacy-request'), eq(auditTrail.objectId, requestId))).orderBy(auditTrail.id);

const person = (label: string) => seedCustomer(`${label}-${randomUUID().slice(0, 8)}`, { activityRows: 3 });

/** An erasure request received by mail about the person's account, confirmed by the person through the identity link. */
async function confirmedErasureRequest(someone: TSeeded): Promise<string> {
  const officer = await staffActorFor('privacy_officer');
  const { requestId } = await createPrivacyRequest(officer, { kind: 'erasure', subject: 'account', accountEmail: someone.email, details: 'Please erase my account.' });
  const [identityMail] = (await mailsOf(someone.userId, 'privacy-request-identity')).slice(-1);
  expect((await verifyIdentity(VERIFY_LINK.exec(identityMail!.text)![1]!, TEST_CLIENT)).ok).toBe(true);
  return requestId;
}

describe('erasing from the desk', () => {
  it('shows the preview, erases in one go (receipt, tombstone, request completed, audited as the officer) and keeps the invoices', async () => {
    const someone = await person('desk');
    const invoice = await issueTestInvoice(someone.userId);
    const [gross] = (await db.execute<{ gross: number }>(sql`select gross_total_minor as gross from invoices where id = ${invoice.id}`)).rows;
    await registerTestPayment(invoice.id, gross!.gross);
    const requestId = await confirmedErasureRequest(someone);
    const officer = await staffActorFor('privacy_officer');

    const panel = await getDeskErasure(officer, await rowOf(requestId));
    expect(panel).toMatchObject({ kind: 'ready', unpaidInvoices: [], failed: null });
    if (panel?.kind !== 'ready') throw new Error('unreachable');
    expect(panel.preview.erased.length).toBeGreaterThan(0);
    expect(panel.preview.kept.map((line) => line.what).join(' ')).toMatch(/invoice/i);

    // No cooling-off: the erasure happens now.
    expect(await eraseFromDesk(officer, requestId)).toEqual({ outcome: 'erased' });
    const account = await accountOf(someone.userId);
    expect(account.erasedAt).not.toBeNull();
    expect(account.email).not.toBe(someone.email);
    expect(await activityCount(someone.userId)).toBe(0);
    expect(await rowOf(requestId)).toMatchObject({ state: 'completed', handledByUserId: officer.userId, closedAt: expect.any(Date), lastError: null });
    const [receipt] = await mailsOf(someone.userId, 'erasure-receipt');
    expect(receipt!.to).toBe(someone.email);
    expect((await db.select().from(erasureTombstones).where(eq(erasureTombstones.subjectUserId, someone.userId))).length).toBe(1);
    const erased = (await auditOn(requestId)).find((entry) => entry.action === 'privacy.subject-erased');
    expect(erased).toMatchObject({ actorKind: 'staff', actorUserId: officer.userId, subjectUserId: someone.userId });
    const [kept] = await db.select().from(invoices).where(eq(invoices.id, invoice.id));
    expect(kept).toMatchObject({ number: invoice.number, grossTotalMinor: gross!.gross });

    // Pressed again (another tab, a replayed form): closed, nothing happens, and the attempt is on the record.
    expect(await refusal(eraseFromDesk(officer, requestId))).toMatchObject({ code: 'CONFLICT', userMessage: 'This request is closed; nothing was changed.' });
    expect((await auditOn(requestId)).at(-1)).toMatchObject({ action: 'privacy.access-refused', actorUserId: officer.userId, details: { attempted: 'privacy.erase-request' } });
  });

  it('is refused while an invoice is unpaid, naming it; nothing changes', async () => {
    const someone = await person('unpaid');
    const invoice = await issueTestInvoice(someone.userId);
    const requestId = await confirmedErasureRequest(someone);
    const officer = await staffActorFor('privacy_officer');

    expect(await getDeskErasure(officer, await rowOf(requestId))).toMatchObject({ kind: 'ready', unpaidInvoices: [invoice.number] });
    const error = await refusal(eraseFromDesk(officer, requestId));
    expect(error).toMatchObject({ code: 'CONFLICT' });
    expect(error!.userMessage).toContain(invoice.number);
    expect(await rowOf(requestId)).toMatchObject({ state: 'open', attempts: 0, lastError: null });
    expect(await accountOf(someone.userId)).toMatchObject({ email: someone.email, erasedAt: null });
  });

  it('a failure part-way rolls everything back, shows the error on the request, and "Retry erasure" (the real action) then erases', async () => {
    const someone = await person('partway');
    const requestId = await confirmedErasureRequest(someone);
    const officer = await staffActorFor('privacy_officer');
    const activityBefore = await activityCount(someone.userId);
    expect(activityBefore).toBeGreaterThan(0);

    // A real database error late in the transaction: the receipt is queued after the rows were erased.
    const fn = sql.identifier(`test_refuse_receipt_${someone.userId.replaceAll('-', '')}`);
    await db.execute(sql`create function ${fn}() returns trigger language plpgsql as $$
      begin
        if new.template = 'erasure-receipt' and new.subject_user_id = ${sql.raw(`'${someone.userId}'`)} then raise exception 'the outbox is unavailable'; end if;
        return new;
      end $$`);
    await db.execute(sql`create trigger ${fn} before insert on mail_outbox for each row execute function ${fn}()`);
    try {
      expect(await eraseFromDesk(officer, requestId)).toEqual({ outcome: 'failed', error: expect.stringContaining('changed nothing') });
    } finally {
      await db.execute(sql`drop trigger ${fn} on mail_outbox`);
      await db.execute(sql`drop function ${fn}()`);
    }
    expect(await accountOf(someone.userId)).toMatchObject({ email: someone.email, fullName: someone.fullName, erasedAt: null });
    expect(await activityCount(someone.userId)).toBe(activityBefore);
    expect(await db.select().from(erasureTombstones).where(eq(erasureTombstones.subjectUserId, someone.userId))).toEqual([]);
    expect(await mailsOf(someone.userId, 'erasure-receipt')).toEqual([]);
    const failed = await rowOf(requestId);
    expect(failed).toMatchObject({ state: 'failed', attempts: 1, closedAt: null });
    expect(await getDeskErasure(officer, failed)).toMatchObject({ kind: 'ready', failed: { error: failed.lastError, attempts: 1 } });
    expect((await auditOn(requestId)).map((entry) => entry.action)).toContain('privacy.erasure-failed');
    expect((await auditOn(requestId)).map((entry) => entry.action)).not.toContain('privacy.subject-erased');

    const member = await createStaffMember('privacy_officer');
    await signInFakeRequest(member.userId, 'staff');
    expect(await eraseFromDeskAction(INITIAL_FORM_STATE, formData({ requestId }))).toMatchObject({ ok: true, message: expect.stringContaining('erased') });
    expect(await rowOf(requestId)).toMatchObject({ state: 'completed', handledByUserId: member.userId });
    expect((await accountOf(someone.userId)).erasedAt).not.toBeNull();
    expect(await mailsOf(someone.userId, 'erasure-receipt')).toHaveLength(1);
  });

  it('cannot erase before the person confirmed, nor a request without an account (the page says so)', async () => {
    const officer = await staffActorFor('privacy_officer');
    const someone = await person('unconfirmed');
    const { requestId } = await createPrivacyRequest(officer, { kind: 'erasure', subject: 'account', accountEmail: someone.email });
    expect(await getDeskErasure(officer, await rowOf(requestId))).toMatchObject({ kind: 'waiting', why: 'identity' });
    expect(await refusal(eraseFromDesk(officer, requestId))).toMatchObject({ code: 'CONFLICT', userMessage: expect.stringContaining('not confirmed') });
    expect(await accountOf(someone.userId)).toMatchObject({ erasedAt: null });

    const contact = await createPrivacyRequest(officer, { kind: 'erasure', subject: 'person', contactName: 'Ada Contact', contactEmail: uniqueEmail('contact') });
    expect(await getDeskErasure(officer, await rowOf(contact.requestId))).toEqual({ kind: 'no-account' });
    expect(await refusal(eraseFromDesk(officer, contact.requestId))).toMatchObject({ code: 'CONFLICT', userMessage: NO_ACCOUNT_TO_ERASE });
  });

  it('refuses every role without privacy.requests, in the action and in the lib, and audits each refusal on the request', async () => {
    const someone = await person('roles');
    const requestId = await confirmedErasureRequest(someone);
    for (const role of ['sales', 'catalog', 'admin'] as const) {
      const member = await createStaffMember(role);
      await signInFakeRequest(member.userId, 'staff');
      expect(await eraseFromDeskAction(INITIAL_FORM_STATE, formData({ requestId }))).toMatchObject({ ok: false, error: REFUSAL });
      const entries = await db.select().from(auditTrail).where(and(eq(auditTrail.actorUserId, member.userId), eq(auditTrail.action, 'privacy.access-refused')));
      expect(entries).toEqual([expect.objectContaining({ subjectUserId: someone.userId, objectId: requestId, details: { attempted: 'privacy.erase-request' } })]);

      const actor = await staffActorFor(role);
      expect(await refusal(eraseFromDesk(actor, requestId))).toMatchObject({ code: 'FORBIDDEN' });
      expect(await db.select().from(auditTrail).where(and(eq(auditTrail.actorUserId, actor.userId), eq(auditTrail.action, 'privacy.access-refused')))).toHaveLength(1);
    }
    expect(await rowOf(requestId)).toMatchObject({ state: 'open', attempts: 0 });
    expect(await accountOf(someone.userId)).toMatchObject({ email: someone.email, erasedAt: null });
  });
});
