/**
 * "Delete my account" end to end below the browser: the real server actions and session, the
 * mailed link, the cooling-off with an injected clock, cancellation, the job, the receipt and its
 * purge after delivery, and a failure part-way that changes nothing.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { confirmErasureAction, cancelErasureAction } from '@/app/(auth)/delete-account/actions';
import { requestErasureAction } from '@/app/account/delete/actions';
import { auditTrail, mailOutbox, privacyRequests, sessions, users } from '@/db/schema';
import { INITIAL_FORM_STATE } from '@/lib/actions/form-state';
import { signInWithPassword } from '@/lib/auth/sign-in-with-password';
import { closeDatabase, db } from '@/lib/db/client';
import { deliverMail } from '@/lib/mail/deliver-mail';
import { openEnvelope } from '@/lib/mail/envelope';
import { eraseAccount, runDueErasures } from '@/lib/privacy/erase-account';
import { readErasureLink } from '@/lib/privacy/erasure-link';
import { readTombstoneFile } from '@/lib/privacy/erasure-tombstones';
import { updateSetting } from '@/lib/settings/update-setting';
import { clientAt } from '../../helpers/accounts-factory';
import { fakeRequest as request, signInFakeRequest as signInAs } from '../../helpers/fake-next-headers';
import { setTestSeller } from '../../helpers/order-factory';
import { seedCustomer, type TSeeded } from '../../helpers/personal-data-factory';
import { startSmtpSink, type TSmtpSink } from '../../helpers/smtp-sink';
import { issueTestInvoice, registerTestPayment } from '../invoices/invoice-kit';
import { formData } from '../../helpers/form-data';

vi.mock('next/headers', () => import('../../helpers/fake-next-headers'));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));

const DAY = 86_400_000;

let sink: TSmtpSink;
beforeAll(async () => {
  await setTestSeller();
  sink = await startSmtpSink();
});
afterAll(async () => {
  await sink.stop();
  await closeDatabase();
});
beforeEach(() => request.cookies.clear());

const erasureRequestsOf = (userId: string) => db.select().from(privacyRequests).where(and(eq(privacyRequests.subjectUserId, userId), eq(privacyRequests.kind, 'erasure')));
const mailsOf = async (userId: string, template: string) =>
  (await db.select().from(mailOutbox).where(and(eq(mailOutbox.subjectUserId, userId), eq(mailOutbox.template, template)))).map((row) => ({ id: row.id, ...openEnvelope(row.envelope!) }));
const tokenFrom = (text: string) => /\/delete-account\/([A-Za-z0-9_-]{43})/.exec(text)![1]!;

/** A person who asked to be deleted and received the link. */
async function asked(person: TSeeded): Promise<string> {
  await signInAs(person.userId);
  expect(await requestErasureAction(INITIAL_FORM_STATE, formData({ password: person.password }))).toMatchObject({ ok: true });
  const mails = await mailsOf(person.userId, 'erasure-confirm');
  return tokenFrom(mails.at(-1)!.text);
}

const person = (label: string) => seedCustomer(`${label}-${randomUUID().slice(0, 8)}`, { activityRows: 3 });

describe('asking to delete the account', () => {
  it('refuses a wrong password and sends a guest to sign in; nothing is made', async () => {
    const someone = await person('wrong');
    await signInAs(someone.userId);
    expect(await requestErasureAction(INITIAL_FORM_STATE, formData({ password: 'nope-nope-nope' }))).toMatchObject({ ok: false, fieldErrors: { password: 'That is not your current password.' } });
    request.cookies.clear();
    const error = await requestErasureAction(INITIAL_FORM_STATE, formData({ password: someone.password })).then(
      () => null,
      (thrown: unknown) => thrown,
    );
    expect(String((error as { digest?: string }).digest)).toContain('/login?');
    expect(await erasureRequestsOf(someone.userId)).toEqual([]);
  });

  it('is refused while an invoice is unpaid, naming it; allowed once it is paid', async () => {
    const buyer = await person('unpaid');
    const invoice = await issueTestInvoice(buyer.userId);
    await signInAs(buyer.userId);
    const refused = await requestErasureAction(INITIAL_FORM_STATE, formData({ password: buyer.password }));
    expect(refused).toMatchObject({ ok: false });
    expect(refused.ok === false && refused.error).toContain(invoice.number);
    expect(await erasureRequestsOf(buyer.userId)).toEqual([]);

    const [row] = await db.execute<{ gross: number }>(sqlGross(invoice.id)).then((result) => result.rows);
    await registerTestPayment(invoice.id, row!.gross);
    expect(await requestErasureAction(INITIAL_FORM_STATE, formData({ password: buyer.password }))).toMatchObject({ ok: true });
    expect(await erasureRequestsOf(buyer.userId)).toMatchObject([{ state: 'awaiting_confirmation', source: 'self_service' }]);
  });

  it('asking again replaces the link: the old one stops working, one request stays', async () => {
    const someone = await person('again');
    const first = await asked(someone);
    const second = await asked(someone);
    expect(await readErasureLink(first)).toEqual({ state: 'gone' });
    expect(await readErasureLink(second)).toMatchObject({ state: 'awaiting_confirmation', coolingOffDays: 7 });
    expect(await erasureRequestsOf(someone.userId)).toHaveLength(1);
  });
});

describe('confirming, the cooling-off and the erasure', () => {
  it('the link locks the account for the cooling-off; the job erases it only after it; the receipt goes and its row is deleted', async () => {
    const someone = await person('erase');
    const token = await asked(someone);
    // Opening the page does nothing (mail scanners open links).
    expect(await readErasureLink(token)).toMatchObject({ state: 'awaiting_confirmation' });
    expect(await erasureRequestsOf(someone.userId)).toMatchObject([{ state: 'awaiting_confirmation' }]);

    const confirmed = await confirmErasureAction(INITIAL_FORM_STATE, formData({ token }));
    expect(confirmed).toMatchObject({ ok: true });
    const [request] = await erasureRequestsOf(someone.userId);
    expect(request).toMatchObject({ state: 'cooling_off' });
    expect((request!.eraseAfter!.getTime() - request!.confirmedAt!.getTime()) / DAY).toBeCloseTo(7, 5);
    expect((await db.select().from(sessions).where(eq(sessions.userId, someone.userId))).every((session) => session.endedAt !== null)).toBe(true);
    expect(await signInWithPassword({ email: someone.email, password: someone.password }, clientAt())).toMatchObject({ ok: false, code: 'erasure_pending' });

    // The clock before the end of the cooling-off: nothing happens.
    expect(await runDueErasures(new Date(Date.now() + 6 * DAY))).toMatchObject({ erased: 0 });
    expect((await db.select().from(users).where(eq(users.id, someone.userId)))[0]!.erasedAt).toBeNull();

    expect(await runDueErasures(new Date(Date.now() + 8 * DAY))).toMatchObject({ erased: 1 });
    const [account] = await db.select().from(users).where(eq(users.id, someone.userId));
    expect(account!.email).toBe(`erased-${someone.userId}@erased.invalid`);
    expect(await erasureRequestsOf(someone.userId)).toMatchObject([{ state: 'completed', tokenSha256: null }]);
    expect(await readTombstoneFile()).toContain(someone.userId);
    expect(await db.select().from(auditTrail).where(and(eq(auditTrail.subjectUserId, someone.userId), eq(auditTrail.action, 'privacy.subject-erased')))).toHaveLength(1);
    expect(await readErasureLink(token)).toEqual({ state: 'gone' });

    const [receipt] = await mailsOf(someone.userId, 'erasure-receipt');
    expect(receipt!.to).toBe(someone.email);
    expect(receipt!.text).toContain('Erased:');
    expect(receipt!.text).toContain('records, deleted');
    expect(await mailsOf(someone.userId, 'erasure-confirm')).toEqual([]);

    expect(await deliverMail(receipt!.id, { smtpUrl: sink.url, from: 'Stockroom <no-reply@stockroom.test>', isLastAttempt: false })).toBe('sent');
    expect(sink.messages.some((message) => message.envelopeTo.includes(someone.email))).toBe(true);
    expect(await db.select().from(mailOutbox).where(eq(mailOutbox.subjectUserId, someone.userId))).toEqual([]);
  });

  it('the same link cancels during the cooling-off; the account signs in again and is never erased', async () => {
    const someone = await person('cancel');
    const token = await asked(someone);
    expect(await confirmErasureAction(INITIAL_FORM_STATE, formData({ token }))).toMatchObject({ ok: true });
    expect(await readErasureLink(token)).toMatchObject({ state: 'cooling_off' });
    expect(await cancelErasureAction(INITIAL_FORM_STATE, formData({ token }))).toMatchObject({ ok: true });
    expect(await erasureRequestsOf(someone.userId)).toMatchObject([{ state: 'cancelled' }]);
    expect(await signInWithPassword({ email: someone.email, password: someone.password }, clientAt())).toMatchObject({ ok: true });
    await runDueErasures(new Date(Date.now() + 30 * DAY));
    expect((await db.select().from(users).where(eq(users.id, someone.userId)))[0]!.erasedAt).toBeNull();
    expect(await cancelErasureAction(INITIAL_FORM_STATE, formData({ token }))).toMatchObject({ ok: false });
  });

  it('a made-up or altered link does nothing', async () => {
    const someone = await person('forged');
    const token = await asked(someone);
    const altered = `${token.slice(0, 10)}${token[10] === 'A' ? 'B' : 'A'}${token.slice(11)}`;
    expect(await confirmErasureAction(INITIAL_FORM_STATE, formData({ token: altered }))).toMatchObject({ ok: false });
    expect(await confirmErasureAction(INITIAL_FORM_STATE, formData({ token: 'short' }))).toMatchObject({ ok: false });
    expect(await erasureRequestsOf(someone.userId)).toMatchObject([{ state: 'awaiting_confirmation' }]);
  });

  it('with no cooling-off the erasure job is queued at once', async () => {
    await updateSetting('privacy.erasureCoolingOffDays', 0);
    try {
      const someone = await person('now');
      const token = await asked(someone);
      expect(await confirmErasureAction(INITIAL_FORM_STATE, formData({ token }))).toMatchObject({ ok: true });
      expect(await runDueErasures()).toMatchObject({ erased: 1 });
      expect((await db.select().from(users).where(eq(users.id, someone.userId)))[0]!.erasedAt).not.toBeNull();
    } finally {
      await updateSetting('privacy.erasureCoolingOffDays', 7);
    }
  });

  it('an invoice left unpaid during the cooling-off stops the erasure: nothing changes, the error is on the request, a retry works once it is paid', async () => {
    const someone = await person('fail');
    const token = await asked(someone);
    await confirmErasureAction(INITIAL_FORM_STATE, formData({ token }));
    const invoice = await issueTestInvoice(someone.userId);
    const [request] = await erasureRequestsOf(someone.userId);

    expect(await eraseAccount(request!.id, { now: new Date(Date.now() + 8 * DAY) })).toBe('failed');
    const [failed] = await erasureRequestsOf(someone.userId);
    expect(failed).toMatchObject({ state: 'failed', attempts: 1 });
    expect(failed!.lastError).toContain(invoice.number);
    const [account] = await db.select().from(users).where(eq(users.id, someone.userId));
    expect(account).toMatchObject({ email: someone.email, erasedAt: null });
    expect(await signInWithPassword({ email: someone.email, password: someone.password }, clientAt())).toMatchObject({ ok: false, code: 'erasure_pending' });

    const [row] = await db.execute<{ gross: number }>(sqlGross(invoice.id)).then((result) => result.rows);
    await registerTestPayment(invoice.id, row!.gross);
    await db.update(privacyRequests).set({ state: 'cooling_off' }).where(eq(privacyRequests.id, request!.id));
    expect(await eraseAccount(request!.id, { now: new Date(Date.now() + 8 * DAY) })).toBe('erased');
  });
});

function sqlGross(invoiceId: string) {
  return sql`select gross_total_minor as gross from invoices where id = ${invoiceId}`;
}
