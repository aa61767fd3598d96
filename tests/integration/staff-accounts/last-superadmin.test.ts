/**
 * Nobody lowers, locks or resets away the last active superadmin, also when two superadmins act
 * on each other at the same moment (the staff-change lock serialises them; the second sees one
 * superadmin left and is refused).
 *
 * "The last" is about the whole table, which the run's files share. Integration files run one
 * after another (vitest.config.mts: fileParallelism false), so this file sets aside the active
 * superadmins that earlier files left (status 'disabled') and gives them back afterwards.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { users } from '@/db/schema';
import { closeDatabase, db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { changeStaffRole } from '@/lib/staff/accounts/change-staff-role';
import { lockStaffAccount } from '@/lib/staff/accounts/lock-staff-account';
import { resetStaffAuthenticator } from '@/lib/staff/accounts/reset-staff-factors';
import type { TStaffActor } from '@/lib/staff/require-staff';
import { createStaffMember } from '../../helpers/staff-factory';
import { actorFor } from './staff-accounts-kit';

vi.stubEnv('APP_URL', 'https://shop.example');

let setAside: string[] = [];

async function activeSuperadmins() {
  const rows = await db.select({ id: users.id }).from(users).where(and(eq(users.kind, 'staff'), eq(users.staffRole, 'superadmin'), eq(users.status, 'active')));
  return rows.map((row) => row.id);
}

/** Every superadmin this file made is set aside after each test, so each test starts from none. */
async function setAsideActiveSuperadmins() {
  const ids = await activeSuperadmins();
  if (ids.length > 0) await db.update(users).set({ status: 'disabled' }).where(inArray(users.id, ids));
  return ids;
}

beforeAll(async () => {
  setAside = await setAsideActiveSuperadmins();
});
beforeEach(async () => {
  expect(await activeSuperadmins()).toEqual([]);
});
afterEach(async () => {
  await setAsideActiveSuperadmins();
});
afterAll(async () => {
  if (setAside.length > 0) await db.update(users).set({ status: 'active' }).where(inArray(users.id, setAside));
  vi.unstubAllEnvs();
  await closeDatabase();
});

const LAST = 'This is the last active superadmin: make another account superadmin first.';

async function twoSuperadmins(): Promise<[TStaffActor, TStaffActor]> {
  const [a, b] = await Promise.all([createStaffMember('superadmin'), createStaffMember('superadmin')]);
  return [await actorFor(a!), await actorFor(b!)];
}

describe('the last active superadmin', () => {
  it('cannot lower their own role while nobody else is superadmin, but can once another is', async () => {
    const only = await actorFor(await createStaffMember('superadmin'));
    await expect(changeStaffRole(only, { userId: only.userId, role: 'admin' })).rejects.toMatchObject({ code: 'CONFLICT', userMessage: LAST });
    expect(await activeSuperadmins()).toEqual([only.userId]);

    const other = await createStaffMember('admin');
    await changeStaffRole(only, { userId: other.userId, role: 'superadmin' });
    await changeStaffRole(only, { userId: only.userId, role: 'admin' });
    expect(await activeSuperadmins()).toEqual([other.userId]);
  });

  it('a locked superadmin does not count: the remaining active one cannot be lowered by the locked one’s old session either', async () => {
    const [a, b] = await twoSuperadmins();
    await lockStaffAccount(a, b.userId);
    expect(await activeSuperadmins()).toEqual([a.userId]);
    await expect(changeStaffRole(a, { userId: a.userId, role: 'sales' })).rejects.toMatchObject({ userMessage: LAST });
  });

  for (const [what, act] of [
    ['demote each other', (actor: TStaffActor, target: string) => changeStaffRole(actor, { userId: target, role: 'admin' })],
    ['lock each other', (actor: TStaffActor, target: string) => lockStaffAccount(actor, target)],
  ] as const) {
    it(`two superadmins who ${what} at the same moment: exactly one succeeds`, async () => {
      const [a, b] = await twoSuperadmins();
      const results = await Promise.allSettled([act(a, b.userId), act(b, a.userId)]);
      const refused = results.filter((result) => result.status === 'rejected');
      expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
      expect(refused).toHaveLength(1);
      const reason = (refused[0] as PromiseRejectedResult).reason as AppError;
      expect(reason).toBeInstanceOf(AppError);
      expect(reason.userMessage).toBe(LAST);
      expect(await activeSuperadmins()).toHaveLength(1);
    });
  }

  it('one demotes while the other locks, at the same moment: exactly one succeeds', async () => {
    const [a, b] = await twoSuperadmins();
    const results = await Promise.allSettled([changeStaffRole(a, { userId: b.userId, role: 'sales' }), lockStaffAccount(b, a.userId)]);
    expect(results.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(await activeSuperadmins()).toHaveLength(1);
  });

  it('a factor reset leaves the superadmin active (they enrol again), so two superadmins may reset each other', async () => {
    const [a, b] = await twoSuperadmins();
    await Promise.all([resetStaffAuthenticator(a, b.userId), resetStaffAuthenticator(b, a.userId)]);
    expect((await activeSuperadmins()).sort()).toEqual([a.userId, b.userId].sort());
  });
});
