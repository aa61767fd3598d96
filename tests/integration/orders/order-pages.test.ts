/**
 * The order desk's pages as the server renders them, with real staff and customer sessions (only
 * Next's request cookies and headers stood in, as in customer-page.test.ts): sales see the list and
 * an order with its evidence, documents and actions; every other role, a customer and a guest get a
 * 404 with the refusal in the access log (checklist 27). The commercial terms on the customer page:
 * a form for a role with orders.manage, read-only for one with customers.read only.
 */
import { and, eq } from 'drizzle-orm';
import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { accessLog, customerTerms } from '@/db/schema';
import CustomerPage from '@/app/staff/(office)/customers/[id]/page';
import OrderPage from '@/app/staff/(office)/orders/[id]/page';
import OrdersPage from '@/app/staff/(office)/orders/page';
import { createSession } from '@/lib/auth/sessions/create-session';
import { loadSession } from '@/lib/auth/sessions/load-session';
import { encodeSessionToken, sessionCookie } from '@/lib/auth/sessions/session-cookie';
import { encodePurposeGrant, purposeGrantCookie } from '@/lib/customers/purpose-grant';
import { closeDatabase, db } from '@/lib/db/client';
import { approveOrder } from '@/lib/orders/approve-order';
import type { TStaffRole } from '@/lib/staff/permissions';
import type { TStaffActor } from '@/lib/staff/require-staff';
import { createCustomer, TEST_CLIENT } from '../../helpers/actor-factory';
import { createOrder, setTestSeller } from '../../helpers/order-factory';
import { staffActorFor } from '../../helpers/staff-actor';
import { createStaffMember } from '../../helpers/staff-factory';
import { fakeRequest } from '../../helpers/fake-next-headers';

vi.mock('next/headers', () => import('../../helpers/fake-next-headers'));
const request = fakeRequest;
request.ip = '198.51.100.65';

afterAll(closeDatabase);
beforeAll(() => setTestSeller());
beforeEach(() => request.cookies.clear());

async function signInAs(kind: 'staff' | 'customer', userId: string) {
  const { token } = await createSession(db, { userId, remember: false, client: TEST_CLIENT, kind });
  request.cookies.set(sessionCookie().name, await encodeSessionToken(token, new Date(Date.now() + 3_600_000)));
  const session = await loadSession(token);
  if (session.state !== 'active') throw new Error('no session');
  return session.sessionId;
}

async function signInStaff(role: TStaffRole) {
  const staff = await createStaffMember(role);
  const sessionId = await signInAs('staff', staff.userId);
  return { ...staff, sessionId };
}

const isNotFound = (error: unknown) => String((error as { digest?: string }).digest ?? '').includes('404');
const renderPage = async (page: Promise<ReactElement>) => renderToStaticMarkup(await page);
const orderPage = (id: string) => OrderPage({ params: Promise.resolve({ id }) });
const ordersPage = (params: Record<string, string> = {}) => OrdersPage({ searchParams: Promise.resolve(params) });

describe('the order desk pages', () => {
  it('show sales the list and an order: evidence, mismatch flag, invoice link, actions; filters refused per field', async () => {
    const customer = await createCustomer({ fullName: 'Oona Pageview' });
    const { orderId, number } = await createOrder(customer.userId, { status: 'awaiting_approval', values: { billingName: 'Oona <b>Pageview</b>', ipCountryCode: 'US', locationMismatch: true } });
    await signInStaff('sales');

    const list = await renderPage(ordersPage({ customer: customer.email }));
    expect(list).toContain(`href="/staff/orders/${orderId}"`);
    expect(list).toContain('Location mismatch');
    expect(list).toContain('Oona &lt;b&gt;Pageview&lt;/b&gt;');
    expect(list).not.toContain('<b>Pageview</b>');
    const refused = await renderPage(ordersPage({ customer: 'x', from: 'yesterday' }));
    expect(refused).toContain('Enter at least 2 characters of a name or e-mail address.');
    expect(refused).toContain('Enter a date like 2026-12-01.');
    expect(refused).toContain('Correct the filter to see orders.');

    const before = await renderPage(orderPage(orderId));
    expect(before).toContain(`Order ${number}`);
    expect(before).toContain('United States (US)');
    expect(before).toContain('The billing country and the IP address');
    expect(before).toContain('Approve and invoice');
    expect(before).toContain('Reject the order');
    expect(before).not.toContain('Register the payment');
    expect(before).toContain('No invoice yet');

    const { invoiceId, invoiceNumber } = await approveOrder(await staffActorFor('sales'), orderId);
    const after = await renderPage(orderPage(orderId));
    expect(after).toContain(`href="/staff/invoices/${invoiceId}"`);
    expect(after).toContain(invoiceNumber);
    expect(after).toContain('Register the payment');
    expect(after).not.toContain('Approve and invoice');
    expect(after).toContain('Commercial terms of this customer');
  });

  it('are a 404 for every other role, a customer and a guest, and each staff refusal is logged', async () => {
    const customer = await createCustomer();
    const { orderId } = await createOrder(customer.userId, { status: 'awaiting_approval' });
    for (const role of ['admin', 'privacy_officer', 'catalog'] as const) {
      const staff = await signInStaff(role);
      await expect(ordersPage(), role).rejects.toSatisfy(isNotFound);
      await expect(orderPage(orderId), role).rejects.toSatisfy(isNotFound);
      const rows = await db.select({ target: accessLog.target }).from(accessLog).where(and(eq(accessLog.userId, staff.userId), eq(accessLog.outcome, 'forbidden')));
      expect(rows.map((row) => row.target).sort()).toEqual(['/staff/orders', `/staff/orders/${orderId}`]);
    }
    await signInAs('customer', customer.userId);
    await expect(ordersPage()).rejects.toSatisfy(isNotFound);
    await expect(orderPage(orderId)).rejects.toSatisfy(isNotFound);
    request.cookies.clear();
    await expect(ordersPage()).rejects.toSatisfy(isNotFound);
    await expect(orderPage(orderId)).rejects.toSatisfy(isNotFound);
  });

  it('is a 404 for an unknown or malformed order id', async () => {
    await signInStaff('sales');
    for (const id of ['00000000-0000-4000-8000-000000000000', "1' or '1'='1"]) {
      await expect(orderPage(id), id).rejects.toSatisfy(isNotFound);
    }
  });
});

describe('commercial terms on the customer page', () => {
  const openWithPurpose = async (role: TStaffRole, customerId: string) => {
    const staff = await signInStaff(role);
    const actor = { userId: staff.userId, sessionId: staff.sessionId } as TStaffActor;
    request.cookies.set(purposeGrantCookie(customerId).name, encodePurposeGrant(actor, customerId, 'Support request'));
    return renderPage(CustomerPage({ params: Promise.resolve({ id: customerId }) }));
  };

  it('are read-only for a privacy officer and a form for a superadmin', async () => {
    const customer = await createCustomer();
    await db.insert(customerTerms).values({ userId: customer.userId, mayPayLater: true, discountBasisPoints: 750 });
    const officer = await openWithPurpose('privacy_officer', customer.userId);
    expect(officer).toContain('Commercial terms');
    expect(officer).toContain('The order desk (sales) sets these terms.');
    expect(officer).toContain('7.5%');
    expect(officer).not.toContain('Save the terms');

    const superadmin = await openWithPurpose('superadmin', customer.userId);
    expect(superadmin).toContain('Save the terms');
    expect(superadmin).toMatch(/name="mayPayLater"[^>]*checked/);
    expect(superadmin).toContain('value="7.5"');
  });
});
