/**
 * The staff guard (lib/staff/require-staff.ts) against real sessions, allowlists and blocks. Only
 * Next's request cookies and headers are stood in for (outside a request next/headers has none):
 * the jar holds a real session token, the headers the client address our server stamps.
 */
import { desc, eq } from 'drizzle-orm';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { accessLog, ipBlocks, staffAllowlist, users } from '@/db/schema';
import { createSession } from '@/lib/auth/sessions/create-session';
import { encodeSessionToken, sessionCookie } from '@/lib/auth/sessions/session-cookie';
import { closeDatabase, db } from '@/lib/db/client';
import { permissions, rolePermissions, staffRoles, type TPermission } from '@/lib/staff/permissions';
import { checkStaffAccess } from '@/lib/staff/require-staff';
import { createCustomer, TEST_CLIENT } from '../../helpers/actor-factory';
import { createStaffMember } from '../../helpers/staff-factory';
import { fakeRequest } from '../../helpers/fake-next-headers';

vi.mock('next/headers', () => import('../../helpers/fake-next-headers'));
const request = fakeRequest;
request.ip = '198.51.100.77';

afterAll(closeDatabase);
beforeEach(() => {
  request.cookies.clear();
  request.ip = '198.51.100.77';
});

async function signInAs(userId: string, kind: 'customer' | 'staff') {
  const { token } = await createSession(db, { userId, remember: false, client: TEST_CLIENT, kind });
  request.cookies.set(sessionCookie().name, await encodeSessionToken(token, new Date(Date.now() + 3_600_000)));
}

const allPermissions = Object.keys(permissions) as TPermission[];

describe('the staff guard', () => {
  it('gives each role exactly its permissions, and a customer and a guest none', async () => {
    for (const role of staffRoles) {
      const staff = await createStaffMember(role);
      await signInAs(staff.userId, 'staff');
      const allowed = [];
      for (const permission of allPermissions) if ((await checkStaffAccess(permission, `test:${permission}`)).ok) allowed.push(permission);
      expect.soft(allowed, role).toEqual(allPermissions.filter((permission) => rolePermissions[role].includes(permission)));
    }
    const customer = await createCustomer();
    await signInAs(customer.userId, 'customer');
    for (const permission of allPermissions) expect((await checkStaffAccess(permission, 'test')).ok).toBe(false);
    request.cookies.clear();
    for (const permission of allPermissions) expect((await checkStaffAccess(permission, 'test')).ok).toBe(false);
  });

  it('logs a refused request with what was asked for and who asked', async () => {
    const staff = await createStaffMember('catalog', { totp: false });
    await signInAs(staff.userId, 'staff');
    expect(await checkStaffAccess('customers.read', '/staff/customers')).toMatchObject({ ok: false, outcome: 'forbidden' });
    const [row] = await db.select().from(accessLog).where(eq(accessLog.userId, staff.userId)).orderBy(desc(accessLog.id)).limit(1);
    expect(row).toMatchObject({ kind: 'staff_request', step: 'request', outcome: 'forbidden', target: '/staff/customers', ip: request.ip });
  });

  it('gives a role that needs a code no rights until the account has enrolled one', async () => {
    const staff = await createStaffMember('admin', { totp: false });
    await signInAs(staff.userId, 'staff');
    expect((await checkStaffAccess('backoffice.enter', 'test')).ok).toBe(false);
  });

  it('refuses the next request once the address leaves the allowlist (checklist 11), also when the list is narrowed', async () => {
    const staff = await createStaffMember('privacy_officer');
    await signInAs(staff.userId, 'staff');
    const [entry] = await db.insert(staffAllowlist).values({ scope: 'account', userId: staff.userId, network: '198.51.100.0/24' }).returning();
    expect((await checkStaffAccess('customers.read', 'test')).ok).toBe(true);
    request.ip = '192.0.2.10';
    expect(await checkStaffAccess('customers.read', 'test')).toMatchObject({ ok: false, outcome: 'address_not_allowed' });
    request.ip = '198.51.100.77';
    await db.delete(staffAllowlist).where(eq(staffAllowlist.id, entry!.id));
    await db.insert(staffAllowlist).values({ scope: 'account', userId: staff.userId, network: '198.51.100.128/25' });
    expect(await checkStaffAccess('customers.read', 'test')).toMatchObject({ ok: false, outcome: 'address_not_allowed' });
  });

  it('refuses staff requests from a blocked address', async () => {
    const staff = await createStaffMember('sales', { totp: false });
    await signInAs(staff.userId, 'staff');
    request.ip = '100.64.7.201';
    await db.insert(ipBlocks).values({ network: '100.64.7.201/32', source: 'manual', blockedUntil: new Date(Date.now() + 60_000) });
    expect(await checkStaffAccess('orders.manage', 'test')).toMatchObject({ ok: false, outcome: 'blocked' });
  });

  it('ends the rights of a locked account at once (checklist 24)', async () => {
    const staff = await createStaffMember('sales', { totp: false });
    await signInAs(staff.userId, 'staff');
    expect((await checkStaffAccess('orders.manage', 'test')).ok).toBe(true);
    await db.update(users).set({ status: 'disabled' }).where(eq(users.id, staff.userId));
    expect((await checkStaffAccess('orders.manage', 'test')).ok).toBe(false);
  });
});
