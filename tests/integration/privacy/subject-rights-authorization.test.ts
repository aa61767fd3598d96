/**
 * Security checklist 40: export or erasure of subject A started by B (a changed id, a replayed
 * request, a staff role without the privacy permission) is refused and audited. Through the real
 * server actions, route handlers and session cookies: customer B and A's export and erasure link,
 * replays of a used link, a repeated export request and a repeated desk erasure, and every staff
 * path of the desk (copy, its download, erasure and retry, extension, closing) for sales and
 * catalog staff; the privacy officer is let through. Each refusal changes nothing and leaves a
 * privacy.access-refused entry naming who tried what on whose data.
 */
import { randomUUID } from 'node:crypto';
import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { cancelErasureAction, confirmErasureAction } from '@/app/(auth)/delete-account/actions';
import { requestErasureAction } from '@/app/account/delete/actions';
import { GET as downloadStaffCopy } from '@/app/staff/(office)/privacy-requests/[id]/export/route';
import {
  closePrivacyRequestAction,
  eraseFromDeskAction,
  extendPrivacyRequestAction,
  queueSubjectExportAction,
} from '@/app/staff/(office)/privacy-requests/actions';
import { auditTrail, dataExports, mailOutbox, privacyRequests, users } from '@/db/schema';
import { INITIAL_FORM_STATE } from '@/lib/actions/form-state';
import { listAuditEntries } from '@/lib/audit/list-audit-entries';
import { closeDatabase, db } from '@/lib/db/client';
import { openEnvelope } from '@/lib/mail/envelope';
import { buildDataExport } from '@/lib/privacy/build-data-export';
import { dataExportDownloadResponse } from '@/lib/privacy/data-export-download';
import { eraseAccount } from '@/lib/privacy/erase-account';
import { ERASURE_LINK_GONE_MESSAGE, ERASURE_LINK_OTHER_ACCOUNT } from '@/lib/privacy/erasure-link';
import { ACCESS_REFUSED_ACTION } from '@/lib/privacy/record-refused-attempt';
import { requestDataExport } from '@/lib/privacy/request-data-export';
import { closePrivacyRequest } from '@/lib/privacy/requests/close-privacy-request';
import { createPrivacyRequest } from '@/lib/privacy/requests/create-privacy-request';
import { eraseFromDesk } from '@/lib/privacy/requests/erase-from-desk';
import { extendPrivacyRequest } from '@/lib/privacy/requests/extend-privacy-request';
import { verifyIdentity } from '@/lib/privacy/requests/identity-link';
import { queueSubjectExport, subjectExportDownloadResponse } from '@/lib/privacy/requests/staff-subject-export';
import { TEST_CLIENT, createCustomer, signIn } from '../../helpers/actor-factory';
import { fakeRequest as request, signInFakeRequest } from '../../helpers/fake-next-headers';
import { setTestSeller } from '../../helpers/order-factory';
import { seedCustomer } from '../../helpers/personal-data-factory';
import { staffActorFor } from '../../helpers/staff-actor';
import { createStaffMember } from '../../helpers/staff-factory';
import { formData } from '../../helpers/form-data';

vi.mock('next/headers', () => import('../../helpers/fake-next-headers'));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));

beforeAll(async () => {
  await setTestSeller();
});
afterAll(closeDatabase);
beforeEach(() => request.cookies.clear());

const REFUSAL = 'You do not have permission to do this.';
const DAY = 86_400_000;
const refusal = (work: Promise<unknown>) => work.then(() => null, (error: unknown) => error);
const tokenFrom = (text: string) => /\/delete-account\/([A-Za-z0-9_-]{43})/.exec(text)![1]!;
const latestMail = async (userId: string, template: string) => {
  const rows = await db.select().from(mailOutbox).where(and(eq(mailOutbox.subjectUserId, userId), eq(mailOutbox.template, template))).orderBy(mailOutbox.createdAt);
  return openEnvelope(rows.at(-1)!.envelope!);
};
const requestOf = async (id: string) => (await db.select().from(privacyRequests).where(eq(privacyRequests.id, id)))[0]!;
const erasureRequestOf = async (userId: string) => (await db.select().from(privacyRequests).where(and(eq(privacyRequests.subjectUserId, userId), eq(privacyRequests.kind, 'erasure'))))[0]!;
const accountOf = async (userId: string) => (await db.select().from(users).where(eq(users.id, userId)))[0]!;
/** The refusals recorded for one actor (or, with actorUserId null, for link holders on one object). */
const refusalsBy = (actorUserId: string | null, objectId?: string) =>
  db
    .select()
    .from(auditTrail)
    .where(
      and(
        eq(auditTrail.action, ACCESS_REFUSED_ACTION),
        actorUserId ? eq(auditTrail.actorUserId, actorUserId) : eq(auditTrail.actorKind, 'system'),
        objectId ? eq(auditTrail.objectId, objectId) : undefined,
      ),
    )
    .orderBy(auditTrail.id);
const refused = (attempted: string, subjectUserId: string | null, objectId: string) => expect.objectContaining({ subjectUserId, objectId, details: { attempted } });

describe('customer B and customer A', () => {
  it("B cannot download A's export by changing the id; the attempt is audited and A's copy stays", async () => {
    const a = await createCustomer();
    const b = await createCustomer();
    const { actor: actorA } = await signIn(a.userId);
    const { exportId } = await requestDataExport(actorA, { password: a.password });
    await buildDataExport(exportId);

    await signInFakeRequest(b.userId);
    const answer = await dataExportDownloadResponse({ exportId, ip: '203.0.113.40' });
    expect(answer.status).toBe(404);
    expect(await refusalsBy(b.userId)).toEqual([refused('privacy.export-download', a.userId, exportId)]);
    expect((await db.select().from(dataExports).where(eq(dataExports.id, exportId)))[0]).toMatchObject({ status: 'ready', subjectUserId: a.userId });
    // Staff reading the trail see who tried what on whose data.
    const auditor = await staffActorFor('privacy_officer');
    const { rows } = await listAuditEntries(auditor, { action: ACCESS_REFUSED_ACTION, actorUserId: b.userId }, { limit: 10 });
    expect(rows).toEqual([expect.objectContaining({ actorKind: 'customer', subjectUserId: a.userId, objectType: 'data-export', objectId: exportId, attempted: 'privacy.export-download' })]);

    // A staff member's session is refused the customer download too, and audited.
    const officer = await createStaffMember('privacy_officer');
    await signInFakeRequest(officer.userId, 'staff');
    expect((await dataExportDownloadResponse({ exportId, ip: null })).status).toBe(404);
    expect(await refusalsBy(officer.userId)).toEqual([refused('privacy.export-download', a.userId, exportId)]);

    // A itself still can.
    await signInFakeRequest(a.userId);
    const own = await dataExportDownloadResponse({ exportId, ip: null });
    expect(own.status).toBe(200);
    await own.body?.cancel();
  });

  it('replaying "Download my data" changes nothing: the same export, no second row', async () => {
    const a = await createCustomer();
    const { actor } = await signIn(a.userId);
    const first = await requestDataExport(actor, { password: a.password });
    const again = await requestDataExport(actor, { password: a.password });
    expect(again.exportId).toBe(first.exportId);
    expect((await db.select({ n: count() }).from(dataExports).where(eq(dataExports.subjectUserId, a.userId)))[0]!.n).toBe(1);
  });

  it("B signed in cannot confirm or cancel A's erasure link; replaying a used link changes nothing; each attempt is audited", async () => {
    const a = await seedCustomer(`authz-a-${randomUUID().slice(0, 8)}`, { activityRows: 2 });
    const b = await createCustomer();
    await signInFakeRequest(a.userId);
    expect(await requestErasureAction(INITIAL_FORM_STATE, formData({ password: a.password }))).toMatchObject({ ok: true });
    const token = tokenFrom((await latestMail(a.userId, 'erasure-confirm')).text);
    const { id: requestId } = await erasureRequestOf(a.userId);

    await signInFakeRequest(b.userId);
    expect(await confirmErasureAction(INITIAL_FORM_STATE, formData({ token }))).toMatchObject({ ok: false, error: ERASURE_LINK_OTHER_ACCOUNT });
    expect(await requestOf(requestId)).toMatchObject({ state: 'awaiting_confirmation', confirmedAt: null });
    expect(await cancelErasureAction(INITIAL_FORM_STATE, formData({ token }))).toMatchObject({ ok: false, error: ERASURE_LINK_OTHER_ACCOUNT });
    expect(await requestOf(requestId)).toMatchObject({ state: 'awaiting_confirmation' });
    expect(await refusalsBy(b.userId)).toEqual([refused('privacy.confirm-erasure', a.userId, requestId), refused('privacy.cancel-erasure', a.userId, requestId)]);

    // A (not signed in here: the link is the proof) confirms; the same link sent again is a replay.
    request.cookies.clear();
    expect(await confirmErasureAction(INITIAL_FORM_STATE, formData({ token }))).toMatchObject({ ok: true });
    const confirmed = await requestOf(requestId);
    expect(confirmed.state).toBe('cooling_off');
    expect(await confirmErasureAction(INITIAL_FORM_STATE, formData({ token }))).toMatchObject({ ok: false, error: ERASURE_LINK_GONE_MESSAGE });
    expect(await requestOf(requestId)).toMatchObject({ state: 'cooling_off', eraseAfter: confirmed.eraseAfter, confirmedAt: confirmed.confirmedAt });
    expect(await refusalsBy(null, requestId)).toEqual([expect.objectContaining({ actorKind: 'system', actorUserId: null, subjectUserId: a.userId, details: { attempted: 'privacy.confirm-erasure' } })]);

    // B cannot cancel it during the cooling-off either.
    await signInFakeRequest(b.userId);
    expect(await cancelErasureAction(INITIAL_FORM_STATE, formData({ token }))).toMatchObject({ ok: false, error: ERASURE_LINK_OTHER_ACCOUNT });
    expect((await requestOf(requestId)).state).toBe('cooling_off');

    // Once erased, the link is dead: confirming or cancelling again changes nothing.
    expect(await eraseAccount(requestId, { now: new Date(Date.now() + 8 * DAY) })).toBe('erased');
    request.cookies.clear();
    const erased = await accountOf(a.userId);
    for (const action of [confirmErasureAction, cancelErasureAction]) {
      expect(await action(INITIAL_FORM_STATE, formData({ token }))).toMatchObject({ ok: false, error: ERASURE_LINK_GONE_MESSAGE });
    }
    expect(await requestOf(requestId)).toMatchObject({ state: 'completed' });
    expect(await accountOf(a.userId)).toEqual(erased);
  });
});

describe('staff on the desk', () => {
  /** A request by mail about A's account, confirmed by A through the identity link. */
  async function confirmedRequest(kind: 'export' | 'erasure') {
    const a = await seedCustomer(`authz-${kind}-${randomUUID().slice(0, 8)}`, { activityRows: 2 });
    const officer = await staffActorFor('privacy_officer');
    const { requestId } = await createPrivacyRequest(officer, { kind, subject: 'account', accountEmail: a.email });
    const link = /\/privacy\/requests\/verify\/([A-Za-z0-9_-]{43})/.exec((await latestMail(a.userId, 'privacy-request-identity')).text)![1]!;
    expect((await verifyIdentity(link, TEST_CLIENT)).ok).toBe(true);
    return { a, requestId };
  }

  const exportGet = (requestId: string) => downloadStaffCopy(new Request(`http://localhost/staff/privacy-requests/${requestId}/export`), { params: Promise.resolve({ id: requestId }) });

  it('sales and catalog staff are refused the copy, its download, erasure and retry, extension and closing; each refusal is audited on the request', async () => {
    const exportRequest = await confirmedRequest('export');
    const erasureRequest = await confirmedRequest('erasure');
    const officer = await staffActorFor('privacy_officer');
    const { exportId } = await queueSubjectExport(officer, exportRequest.requestId);
    await buildDataExport(exportId);

    for (const role of ['sales', 'catalog'] as const) {
      const member = await createStaffMember(role);
      await signInFakeRequest(member.userId, 'staff');
      const attempts: Array<{ action: typeof eraseFromDeskAction; fields: Record<string, string>; name: string; on: typeof exportRequest }> = [
        { action: queueSubjectExportAction, fields: { requestId: exportRequest.requestId }, name: 'privacy.queue-subject-export', on: exportRequest },
        { action: eraseFromDeskAction, fields: { requestId: erasureRequest.requestId }, name: 'privacy.erase-request', on: erasureRequest },
        { action: extendPrivacyRequestAction, fields: { requestId: erasureRequest.requestId, months: '1', reason: 'We need to check the archive.' }, name: 'privacy.extend-request', on: erasureRequest },
        { action: closePrivacyRequestAction, fields: { requestId: exportRequest.requestId, result: 'refused', outcome: 'We refuse for a test reason.' }, name: 'privacy.close-request', on: exportRequest },
      ];
      for (const attempt of attempts) {
        expect(await attempt.action(INITIAL_FORM_STATE, formData(attempt.fields)), `${role} ${attempt.name}`).toMatchObject({ ok: false, error: REFUSAL });
      }
      const download = await exportGet(exportRequest.requestId);
      expect(download.status).toBe(404);
      expect(await refusalsBy(member.userId)).toEqual([
        ...attempts.map((attempt) => expect.objectContaining({ actorKind: 'staff', subjectUserId: attempt.on.a.userId, objectType: 'privacy-request', objectId: attempt.on.requestId, details: { attempted: attempt.name } })),
        refused('privacy.subject-export-download', exportRequest.a.userId, exportRequest.requestId),
      ]);

      // The lib refuses and audits too, for a caller that skipped the action's guard.
      const actor = await staffActorFor(role);
      for (const call of [
        () => queueSubjectExport(actor, exportRequest.requestId),
        () => eraseFromDesk(actor, erasureRequest.requestId),
        () => extendPrivacyRequest(actor, erasureRequest.requestId, { months: '1', reason: 'We need to check the archive.' }),
        () => closePrivacyRequest(actor, exportRequest.requestId, { result: 'refused', outcome: 'We refuse for a test reason.' }),
      ]) {
        expect(await refusal(call())).toMatchObject({ code: 'FORBIDDEN' });
      }
      expect((await subjectExportDownloadResponse(actor, exportRequest.requestId).then(() => null, (error: unknown) => error))).toMatchObject({ code: 'FORBIDDEN' });
      expect((await refusalsBy(actor.userId)).map((entry) => (entry.details as { attempted: string }).attempted)).toEqual([
        'privacy.queue-subject-export',
        'privacy.erase-request',
        'privacy.extend-request',
        'privacy.close-request',
        'privacy.subject-export-download',
      ]);
    }

    // Nothing changed.
    expect(await requestOf(exportRequest.requestId)).toMatchObject({ state: 'open', dataExportId: exportId, extendedAt: null });
    expect(await requestOf(erasureRequest.requestId)).toMatchObject({ state: 'open', extendedAt: null, attempts: 0 });
    expect(await accountOf(erasureRequest.a.userId)).toMatchObject({ erasedAt: null, email: erasureRequest.a.email });

    // A customer calling a desk action is refused and audited as a customer; a guest only in the access log.
    const customer = await createCustomer();
    await signInFakeRequest(customer.userId);
    expect(await eraseFromDeskAction(INITIAL_FORM_STATE, formData({ requestId: erasureRequest.requestId }))).toMatchObject({ ok: false, error: REFUSAL });
    expect(await refusalsBy(customer.userId)).toEqual([expect.objectContaining({ actorKind: 'customer', subjectUserId: erasureRequest.a.userId, details: { attempted: 'privacy.erase-request' } })]);
  });

  it('the privacy officer is let through; another officer cannot download the copy one made (audited); a replayed erasure changes nothing', async () => {
    const exportRequest = await confirmedRequest('export');
    const erasureRequest = await confirmedRequest('erasure');
    const officer = await createStaffMember('privacy_officer');
    await signInFakeRequest(officer.userId, 'staff');
    expect(await queueSubjectExportAction(INITIAL_FORM_STATE, formData({ requestId: exportRequest.requestId }))).toMatchObject({ ok: true });
    const { dataExportId } = await requestOf(exportRequest.requestId);
    await buildDataExport(dataExportId!);
    const download = await exportGet(exportRequest.requestId);
    expect(download.status).toBe(200);
    await download.body?.cancel();
    // Asking for a second copy while one is ready is refused and makes none.
    expect(await queueSubjectExportAction(INITIAL_FORM_STATE, formData({ requestId: exportRequest.requestId }))).toMatchObject({ ok: false, error: 'A copy is being made or ready already.' });
    expect((await requestOf(exportRequest.requestId)).dataExportId).toBe(dataExportId);

    const other = await createStaffMember('privacy_officer');
    await signInFakeRequest(other.userId, 'staff');
    expect((await exportGet(exportRequest.requestId)).status).toBe(404);
    expect(await refusalsBy(other.userId)).toEqual([refused('privacy.subject-export-download', exportRequest.a.userId, exportRequest.requestId)]);

    await signInFakeRequest(officer.userId, 'staff');
    expect(await extendPrivacyRequestAction(INITIAL_FORM_STATE, formData({ requestId: erasureRequest.requestId, months: '1', reason: 'We need to check the archive.' }))).toMatchObject({ ok: true });
    expect(await eraseFromDeskAction(INITIAL_FORM_STATE, formData({ requestId: erasureRequest.requestId }))).toMatchObject({ ok: true });
    const erased = await accountOf(erasureRequest.a.userId);
    expect(erased.erasedAt).not.toBeNull();
    expect(await eraseFromDeskAction(INITIAL_FORM_STATE, formData({ requestId: erasureRequest.requestId }))).toMatchObject({ ok: false, error: 'This request is closed; nothing was changed.' });
    expect(await accountOf(erasureRequest.a.userId)).toEqual(erased);
    expect(await refusalsBy(officer.userId)).toEqual([refused('privacy.erase-request', erasureRequest.a.userId, erasureRequest.requestId)]);
    expect(await refusalsBy(officer.userId).then((rows) => rows.length)).toBe(1);
  });
});
