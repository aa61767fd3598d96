/**
 * What the privacy desk does to accounts: restriction of processing (art. 18) refusing mail and
 * order processing, parental confirmation (art. 8) before a parental registration can sign in, and
 * the copy of a subject's data staff make for a mailed request, with who may download it. Real
 * staff, customers, orders, outbox, export job and routes; only Next's request is stood in for.
 */
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { GET as customerExportRoute } from '@/app/account/data/export/[id]/route';
import { GET as staffExportRoute } from '@/app/staff/(office)/privacy-requests/[id]/export/route';
import { auditTrail, dataExports, mailOutbox, privacyRequests, users } from '@/db/schema';
import { activateAccount } from '@/lib/accounts/activate-account';
import { issueAccountToken } from '@/lib/accounts/account-tokens';
import { signInWithPassword } from '@/lib/auth/sign-in-with-password';
import { signInProblem } from '@/lib/auth/sign-in-messages';
import { closeDatabase, db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { queueMail } from '@/lib/mail/send-mail';
import { approveOrder } from '@/lib/orders/approve-order';
import { ORDER_OF_RESTRICTED_ACCOUNT } from '@/lib/orders/change-order-status';
import { openStaffOrder } from '@/lib/orders/open-staff-order';
import { registerPayment } from '@/lib/orders/register-payment';
import { buildDataExport } from '@/lib/privacy/build-data-export';
import { createPrivacyRequest } from '@/lib/privacy/requests/create-privacy-request';
import { confirmParentalConsent, listAwaitingParental } from '@/lib/privacy/requests/parental-confirmation';
import { setAccountRestriction } from '@/lib/privacy/requests/restrict-account';
import { queueSubjectExport, subjectExportDownloadResponse } from '@/lib/privacy/requests/staff-subject-export';
import { updateSetting } from '@/lib/settings/update-setting';
import { createCustomer } from '../../helpers/actor-factory';
import { clientAt, registerCustomer, userByEmail } from '../../helpers/accounts-factory';
import { fakeRequest as request, signInFakeRequest } from '../../helpers/fake-next-headers';
import { createOrder, setTestSeller } from '../../helpers/order-factory';
import { staffActorFor } from '../../helpers/staff-actor';
import { createStaffMember } from '../../helpers/staff-factory';

vi.mock('next/headers', () => import('../../helpers/fake-next-headers'));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));

beforeAll(async () => {
  await setTestSeller();
});
afterAll(closeDatabase);
beforeEach(() => request.cookies.clear());

const refusal = (work: Promise<unknown>) => work.then(() => null, (error: unknown) => error as AppError);
const outboxOf = (userId: string) => db.select({ template: mailOutbox.template }).from(mailOutbox).where(eq(mailOutbox.subjectUserId, userId));

describe('restriction of processing (art. 18)', () => {
  it('only privacy.requests staff restrict, audited; the customer is told', async () => {
    const customer = await createCustomer();
    for (const role of ['sales', 'catalog', 'admin'] as const) {
      expect(await refusal(setAccountRestriction(await staffActorFor(role), { customerId: customer.userId }, true))).toMatchObject({ code: 'FORBIDDEN' });
    }
    const officer = await staffActorFor('privacy_officer');
    await setAccountRestriction(officer, { customerId: customer.userId }, true);
    const [user] = await db.select().from(users).where(eq(users.id, customer.userId));
    expect(user).toMatchObject({ restrictedAt: expect.any(Date), restrictedByUserId: officer.userId });
    expect(await outboxOf(customer.userId)).toEqual([{ template: 'privacy-restriction' }]);
    expect(await refusal(setAccountRestriction(officer, { customerId: customer.userId }, true))).toMatchObject({ code: 'CONFLICT' });
    const [entry] = await db.select().from(auditTrail).where(and(eq(auditTrail.subjectUserId, customer.userId), eq(auditTrail.action, 'privacy.account-restricted')));
    expect(entry).toMatchObject({ actorUserId: officer.userId, details: { changedFields: ['restrictedAt'] } });
  });

  it('refuses non-essential mail and every order change while restricted, and lets them through once lifted', async () => {
    const officer = await staffActorFor('privacy_officer');
    const sales = await staffActorFor('sales');
    const customer = await createCustomer();
    const order = await createOrder(customer.userId, { status: 'awaiting_approval' });
    await setAccountRestriction(officer, { customerId: customer.userId }, true);

    const mailTo = (template: 'download-bundle-ready' | 'password-reset') =>
      db.transaction((tx) =>
        template === 'password-reset'
          ? queueMail(tx, { template, to: { address: customer.email, name: customer.fullName }, subjectUserId: customer.userId, data: { name: customer.fullName, resetUrl: 'https://stockroom.example/reset-password/abc' } })
          : queueMail(tx, { template, to: { address: customer.email, name: customer.fullName }, subjectUserId: customer.userId, data: { name: customer.fullName, orderNumber: 1, fileCount: 1, expiresAt: new Date(), bundleUrl: 'https://stockroom.example/b' } }),
      );
    expect(await refusal(mailTo('download-bundle-ready'))).toMatchObject({ code: 'CONFLICT', userMessage: expect.stringContaining('restricted') });
    // Security mail still goes.
    await mailTo('password-reset');

    expect(await refusal(approveOrder(sales, order.orderId))).toMatchObject({ code: 'CONFLICT', userMessage: ORDER_OF_RESTRICTED_ACCOUNT });
    expect(await refusal(registerPayment(sales, order.orderId, { paidOn: '2026-01-01', amount: '1.00', method: 'bank_transfer' }))).toMatchObject({ code: 'CONFLICT', userMessage: ORDER_OF_RESTRICTED_ACCOUNT });
    const seen = await openStaffOrder(sales, order.orderId);
    expect(seen.order.status).toBe('awaiting_approval');
    expect(seen.customer.restrictedAt).toBeInstanceOf(Date);

    await setAccountRestriction(officer, { customerId: customer.userId }, false);
    expect((await openStaffOrder(sales, order.orderId)).customer.restrictedAt).toBeNull();
    await approveOrder(sales, order.orderId);
    await mailTo('download-bundle-ready');
    expect((await outboxOf(customer.userId)).map((row) => row.template).sort()).toEqual(['download-bundle-ready', 'order-approved', 'password-reset', 'privacy-restriction', 'privacy-restriction']);
  });

  it('restricts from a confirmed restriction request, and only from one', async () => {
    const officer = await staffActorFor('privacy_officer');
    const customer = await createCustomer();
    const { requestId } = await createPrivacyRequest(officer, { kind: 'restriction', subject: 'account', accountEmail: customer.email });
    expect(await refusal(setAccountRestriction(officer, { requestId }, true))).toMatchObject({ code: 'CONFLICT' });
    await db.update(privacyRequests).set({ state: 'open', identityVerifiedAt: new Date() }).where(eq(privacyRequests.id, requestId));
    await setAccountRestriction(officer, { requestId }, true);
    const [entry] = await db.select().from(auditTrail).where(and(eq(auditTrail.objectId, requestId), eq(auditTrail.action, 'privacy.account-restricted')));
    expect(entry).toMatchObject({ subjectUserId: customer.userId, objectType: 'privacy-request' });
    const access = await createPrivacyRequest(officer, { kind: 'access', subject: 'account', accountEmail: customer.email });
    await db.update(privacyRequests).set({ state: 'open' }).where(eq(privacyRequests.id, access.requestId));
    expect(await refusal(setAccountRestriction(officer, { requestId: access.requestId }, false))).toMatchObject({ code: 'CONFLICT' });
  });
});

describe('parental confirmation (art. 8)', () => {
  async function parentalAccount() {
    const registered = await registerCustomer({ age: 'parental' }, clientAt());
    const user = (await userByEmail(registered.email))!;
    await activateAccount(await issueAccountToken(db, user.id, 'activation'));
    return { ...registered, userId: user.id };
  }
  const signInAs = (person: { email: string; password: string }) => signInWithPassword({ email: person.email, password: person.password }, clientAt());

  it('signs in as usual while the setting is off', async () => {
    await updateSetting('accounts.requireParentalConfirmation', false);
    const child = await parentalAccount();
    expect(await signInAs(child)).toMatchObject({ ok: true });
  });

  it('when required, refuses sign-in with a clear message until a privacy officer records the confirmation', async () => {
    await updateSetting('accounts.requireParentalConfirmation', true);
    try {
      const child = await parentalAccount();
      const adult = await registerCustomer({ age: 'adult' }, clientAt());
      await activateAccount(await issueAccountToken(db, (await userByEmail(adult.email))!.id, 'activation'));
      expect(await signInAs(adult)).toMatchObject({ ok: true });

      expect(await signInAs(child)).toEqual({ ok: false, code: 'parental_pending' });
      expect(signInProblem('parental_pending').message).toContain('parent or guardian');
      // A wrong password still says only that.
      expect(await signInWithPassword({ email: child.email, password: 'Not-The-Password-1' }, clientAt())).toMatchObject({ ok: false, code: 'invalid' });

      const officer = await staffActorFor('privacy_officer');
      expect((await listAwaitingParental(officer)).map((row) => row.id)).toContain(child.userId);
      expect(await refusal(confirmParentalConsent(await staffActorFor('sales'), child.userId))).toMatchObject({ code: 'FORBIDDEN' });
      expect(await refusal(confirmParentalConsent(officer, (await userByEmail(adult.email))!.id))).toMatchObject({ code: 'CONFLICT' });

      await confirmParentalConsent(officer, child.userId);
      const [user] = await db.select().from(users).where(eq(users.id, child.userId));
      expect(user).toMatchObject({ parentalConfirmedAt: expect.any(Date), parentalConfirmedByUserId: officer.userId });
      expect((await listAwaitingParental(officer)).map((row) => row.id)).not.toContain(child.userId);
      const [entry] = await db.select().from(auditTrail).where(and(eq(auditTrail.subjectUserId, child.userId), eq(auditTrail.action, 'privacy.parental-consent-confirmed')));
      expect(entry).toMatchObject({ actorUserId: officer.userId });
      expect(await signInAs(child)).toMatchObject({ ok: true });
      expect(await refusal(confirmParentalConsent(officer, child.userId))).toMatchObject({ code: 'CONFLICT' });
    } finally {
      await updateSetting('accounts.requireParentalConfirmation', false);
    }
  });
});

describe("staff copy of a subject's data", () => {
  async function openAccessRequest(officer: Awaited<ReturnType<typeof staffActorFor>>, email: string) {
    const { requestId } = await createPrivacyRequest(officer, { kind: 'access', subject: 'account', accountEmail: email });
    await db.update(privacyRequests).set({ state: 'open', identityVerifiedAt: new Date() }).where(eq(privacyRequests.id, requestId));
    return requestId;
  }
  const routeStatus = async (route: typeof staffExportRoute, id: string) => {
    try {
      return (await route(new Request('http://stockroom.test/x'), { params: Promise.resolve({ id }) })).status;
    } catch (error) {
      if (String((error as { digest?: unknown }).digest ?? '').startsWith('NEXT_REDIRECT')) return 307;
      throw error;
    }
  };

  it('is made by the same job, not mailed to the person, and downloadable only by the staff member who asked', async () => {
    const member = await createStaffMember('privacy_officer');
    const officer = await staffActorFor('privacy_officer');
    const customer = await createCustomer();
    const requestId = await openAccessRequest(officer, customer.email);

    expect(await refusal(queueSubjectExport(await staffActorFor('sales'), requestId))).toMatchObject({ code: 'FORBIDDEN' });
    const { exportId } = await queueSubjectExport(officer, requestId);
    expect(await refusal(queueSubjectExport(officer, requestId))).toMatchObject({ code: 'CONFLICT' });
    expect(await buildDataExport(exportId)).toBe('ready');
    const [row] = await db.select().from(dataExports).where(eq(dataExports.id, exportId));
    expect(row).toMatchObject({ status: 'ready', requestedByUserId: officer.userId, subjectUserId: customer.userId });
    expect((await outboxOf(customer.userId)).map((mail) => mail.template)).not.toContain('data-export-ready');
    // The request stays open: staff hand the copy over and close it.
    expect((await db.select().from(privacyRequests).where(eq(privacyRequests.id, requestId)))[0]!.state).toBe('open');

    const download = await subjectExportDownloadResponse(officer, requestId);
    expect(download.status).toBe(200);
    expect(download.headers.get('Content-Type')).toBe('application/zip');
    await download.body?.cancel();
    const audited = await db.select().from(auditTrail).where(and(eq(auditTrail.objectId, requestId), eq(auditTrail.action, 'privacy.subject-export-downloaded')));
    expect(audited).toMatchObject([{ actorUserId: officer.userId, subjectUserId: customer.userId }]);

    // Another privacy officer, through the real route and guard: 404.
    await signInFakeRequest(member.userId, 'staff');
    expect(await routeStatus(staffExportRoute, requestId)).toBe(404);
    expect((await subjectExportDownloadResponse(await staffActorFor('privacy_officer'), requestId)).status).toBe(404);
    // Another role: 404.
    const sales = await createStaffMember('sales');
    await signInFakeRequest(sales.userId, 'staff');
    expect(await routeStatus(staffExportRoute, requestId)).toBe(404);
    // A guest: 404.
    request.cookies.clear();
    expect(await routeStatus(staffExportRoute, requestId)).toBe(404);
    // The customer: not on the staff route, and not through My data's route either.
    await signInFakeRequest(customer.userId);
    expect(await routeStatus(staffExportRoute, requestId)).toBe(404);
    expect(await routeStatus(customerExportRoute, exportId)).toBe(404);
    expect(await routeStatus(staffExportRoute, randomUUID())).toBe(404);
    expect((await subjectExportDownloadResponse(officer, randomUUID())).status).toBe(404);
  });

  it('is only for access and export requests about an account that the person confirmed', async () => {
    const officer = await staffActorFor('privacy_officer');
    const customer = await createCustomer();
    const { requestId: unconfirmed } = await createPrivacyRequest(officer, { kind: 'export', subject: 'account', accountEmail: customer.email });
    expect(await refusal(queueSubjectExport(officer, unconfirmed))).toMatchObject({ code: 'CONFLICT' });
    const { requestId: objection } = await createPrivacyRequest(officer, { kind: 'objection', subject: 'account', accountEmail: customer.email });
    await db.update(privacyRequests).set({ state: 'open' }).where(eq(privacyRequests.id, objection));
    expect(await refusal(queueSubjectExport(officer, objection))).toMatchObject({ code: 'CONFLICT' });
  });
});
