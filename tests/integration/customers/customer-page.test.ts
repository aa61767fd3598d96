/**
 * The customer page as the server renders it, with real staff sessions (only Next's request
 * cookies and headers stood in, as in staff-access.test.ts): a role without customers.read gets a
 * 404 and an access-log entry (checklists 27 and 40); a privacy officer is asked for a purpose and
 * sees nothing until the purpose cookie is there; then the data shows and the view is audited.
 */
import { desc, eq } from 'drizzle-orm';
import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { accessLog, auditTrail } from '@/db/schema';
import CustomerPage from '@/app/staff/(office)/customers/[id]/page';
import CustomersPage from '@/app/staff/(office)/customers/page';
import { createSession } from '@/lib/auth/sessions/create-session';
import { loadSession } from '@/lib/auth/sessions/load-session';
import { encodeSessionToken, sessionCookie } from '@/lib/auth/sessions/session-cookie';
import { encodePurposeGrant, purposeGrantCookie } from '@/lib/customers/purpose-grant';
import { closeDatabase, db } from '@/lib/db/client';
import type { TStaffActor } from '@/lib/staff/require-staff';
import { createCustomer, TEST_CLIENT } from '../../helpers/actor-factory';
import { createStaffMember } from '../../helpers/staff-factory';
import { fakeRequest } from '../../helpers/fake-next-headers';

vi.mock('next/headers', () => import('../../helpers/fake-next-headers'));
const request = fakeRequest;
request.ip = '198.51.100.64';

afterAll(closeDatabase);
beforeEach(() => request.cookies.clear());

async function signInAs(role: 'privacy_officer' | 'sales') {
  const staff = await createStaffMember(role);
  const { token } = await createSession(db, { userId: staff.userId, remember: false, client: TEST_CLIENT, kind: 'staff' });
  request.cookies.set(sessionCookie().name, await encodeSessionToken(token, new Date(Date.now() + 3_600_000)));
  const session = await loadSession(token);
  if (session.state !== 'active') throw new Error('no session');
  return { ...staff, sessionId: session.sessionId };
}

const isNotFound = (error: unknown) => String((error as { digest?: string }).digest ?? '').includes('404');
const renderPage = async (page: Promise<ReactElement>) => renderToStaticMarkup(await page);
const auditOf = (userId: string) => db.select().from(auditTrail).where(eq(auditTrail.actorUserId, userId)).orderBy(auditTrail.id);

describe('the customer page', () => {
  it('is a 404 for sales staff, and the refusal is in the access log', async () => {
    const sales = await signInAs('sales');
    const customer = await createCustomer();
    const target = `/staff/customers/${customer.userId}`;
    await expect(CustomerPage({ params: Promise.resolve({ id: customer.userId }) })).rejects.toSatisfy(isNotFound);
    await expect(CustomersPage({ searchParams: Promise.resolve({ q: 'anyone' }) })).rejects.toSatisfy(isNotFound);
    const rows = await db.select().from(accessLog).where(eq(accessLog.userId, sales.userId)).orderBy(desc(accessLog.id));
    expect(rows.map((row) => [row.kind, row.outcome, row.target, row.ip])).toEqual([
      ['staff_request', 'forbidden', '/staff/customers', request.ip],
      ['staff_request', 'forbidden', target, request.ip],
    ]);
    expect(await auditOf(sales.userId)).toHaveLength(0);
  });

  it('asks a privacy officer for a purpose first, shows nothing and audits nothing until then', async () => {
    const officer = await signInAs('privacy_officer');
    const customer = await createCustomer({ phone: '+353 1 555 0199' });
    const html = await renderPage(CustomerPage({ params: Promise.resolve({ id: customer.userId }) }));
    expect(html).toContain('Why do you open this customer?');
    expect(html).toContain('Data-subject request');
    expect(html).not.toContain(customer.email);
    expect(html).not.toContain('+353 1 555 0199');
    expect(await auditOf(officer.userId)).toHaveLength(0);

    // The cookie the purpose form's action sets: the data shows and the view is audited.
    const actor = { userId: officer.userId, sessionId: officer.sessionId } as TStaffActor;
    request.cookies.set(purposeGrantCookie(customer.userId).name, encodePurposeGrant(actor, customer.userId, 'Data-subject request'));
    const shown = await renderPage(CustomerPage({ params: Promise.resolve({ id: customer.userId }) }));
    expect(shown).toContain(customer.email);
    expect(shown).toContain('+353 1 555 0199');
    expect(await auditOf(officer.userId)).toMatchObject([{ action: 'customer.viewed', subjectUserId: customer.userId, purpose: 'Data-subject request', clientIp: request.ip }]);

    // The same cookie does not open another customer.
    const other = await createCustomer();
    const otherHtml = await renderPage(CustomerPage({ params: Promise.resolve({ id: other.userId }) }));
    expect(otherHtml).toContain('Why do you open this customer?');
    expect(otherHtml).not.toContain(other.email);
  });

  it('is a 404 for an unknown id, a malformed id and a staff account', async () => {
    const officer = await signInAs('privacy_officer');
    for (const id of ['00000000-0000-4000-8000-000000000000', 'nope', officer.userId]) {
      await expect(CustomerPage({ params: Promise.resolve({ id }) }), id).rejects.toSatisfy(isNotFound);
    }
  });

  it('searches and audits the search without its text', async () => {
    const officer = await signInAs('privacy_officer');
    const customer = await createCustomer({ company: `Heron ${officer.userId.slice(0, 8)}` });
    const html = await renderPage(CustomersPage({ searchParams: Promise.resolve({ q: `heron ${officer.userId.slice(0, 8)}` }) }));
    expect(html).toContain(customer.email);
    expect(html).toContain(`/staff/customers/${customer.userId}`);
    const short = await renderPage(CustomersPage({ searchParams: Promise.resolve({ q: 'h' }) }));
    expect(short).toContain('at least 2 characters');
    const entries = await auditOf(officer.userId);
    expect(entries).toMatchObject([{ action: 'customers.searched', subjectUserId: null }]);
    expect(JSON.stringify(entries)).not.toContain('heron');
  });
});
