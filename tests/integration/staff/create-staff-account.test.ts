import { and, eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { auditTrail } from '@/db/schema';
import { verifyPassword } from '@/lib/auth/passwords';
import { closeDatabase, db } from '@/lib/db/client';
import { databaseEnv } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { createStaffAccount } from '@/lib/staff/create-staff-account';
import { insertCustomer, TEST_PASSWORD, uniqueEmail, userByEmail } from '../../helpers/accounts-factory';
import { runScript } from '../embedded/run-script';

afterAll(async () => {
  await closeDatabase();
});

const auditEntriesFor = (userId: string) =>
  db
    .select()
    .from(auditTrail)
    .where(and(eq(auditTrail.action, 'staff.account-created'), eq(auditTrail.objectId, userId)));

describe('createStaffAccount', () => {
  it('creates an active staff account with its role, and records who did it without personal values', async () => {
    const email = uniqueEmail('staff');
    const { userId } = await createStaffAccount(db, { email, fullName: 'Priya Natarajan', role: 'privacy_officer', password: TEST_PASSWORD });
    const user = await userByEmail(email);
    expect(user).toMatchObject({ id: userId, kind: 'staff', staffRole: 'privacy_officer', status: 'active', fullName: 'Priya Natarajan' });
    expect(user?.activatedAt).toBeInstanceOf(Date);
    expect(await verifyPassword(TEST_PASSWORD, user!.passwordHash)).toBe(true);

    const [entry, ...more] = await auditEntriesFor(userId);
    expect(more).toHaveLength(0);
    expect(entry).toMatchObject({ actorKind: 'system', actorUserId: null, subjectUserId: userId, objectType: 'user', objectId: userId, details: { role: 'privacy_officer' } });
    expect(JSON.stringify(entry)).not.toContain(email);
    expect(JSON.stringify(entry)).not.toContain('Priya');
  });

  it('names the acting staff member when one is given', async () => {
    const actor = await insertCustomer({ kind: 'staff' });
    const { userId } = await createStaffAccount(db, { email: uniqueEmail('staff'), fullName: 'Tomás Ferreira', role: 'sales', password: TEST_PASSWORD }, { actorUserId: actor.userId });
    const [entry] = await auditEntriesFor(userId);
    expect(entry).toMatchObject({ actorKind: 'staff', actorUserId: actor.userId, details: { role: 'sales' } });
  });

  it('refuses an e-mail address that already has an account, in any case, and creates nothing', async () => {
    const existing = await insertCustomer();
    const attempt = createStaffAccount(db, { email: existing.email.toUpperCase(), fullName: 'Second Person', role: 'catalog', password: TEST_PASSWORD });
    await expect(attempt).rejects.toBeInstanceOf(AppError);
    await expect(attempt).rejects.toMatchObject({ code: 'CONFLICT', userMessage: 'An account with this e-mail address already exists.' });
    expect((await userByEmail(existing.email))?.kind).toBe('customer');
  });

  it('lets exactly one of two racing creations with one address through', async () => {
    const email = uniqueEmail('staff');
    const results = await Promise.allSettled(
      ['catalog', 'sales'].map((role) => createStaffAccount(db, { email, fullName: 'Racing Person', role: role as 'catalog', password: TEST_PASSWORD })),
    );
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
  });

  it('refuses an unknown role, a bad address and a common or short password, by field', async () => {
    const base = { email: uniqueEmail('staff'), fullName: 'Kim Lee', role: 'admin' as const, password: TEST_PASSWORD };
    await expect(createStaffAccount(db, { ...base, role: 'owner' as never })).rejects.toMatchObject({ code: 'INVALID_INPUT', fieldErrors: { role: expect.any(String) } });
    await expect(createStaffAccount(db, { ...base, email: 'not-an-address' })).rejects.toMatchObject({ fieldErrors: { email: expect.any(String) } });
    await expect(createStaffAccount(db, { ...base, password: 'password1' })).rejects.toMatchObject({ fieldErrors: { password: expect.stringContaining('commonly used') } });
    await expect(createStaffAccount(db, { ...base, password: 'short' })).rejects.toMatchObject({ fieldErrors: { password: expect.any(String) } });
    expect(await userByEmail(base.email)).toBeNull();
  });
});

describe('npm run staff:create', () => {
  const staffCreate = (input: string) => runScript('scripts/staff-create.ts', [], { DATABASE_URL: databaseEnv().DATABASE_URL }, input);

  it('creates the account from answers piped on stdin, and never prints the password', async () => {
    const email = uniqueEmail('cli-staff');
    const password = 'Ochre-Heron-Lantern-73';
    const result = await staffCreate(`${email}\nMarta Kowalska\n5\n${password}\n${password}\n`);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const user = await userByEmail(email);
    expect(user).toMatchObject({ kind: 'staff', staffRole: 'catalog', status: 'active', fullName: 'Marta Kowalska' });
    expect(result.stdout).toContain(`Created staff account ${user!.id} (catalog).`);
    expect(result.stdout).toContain('/staff/login');
    expect(result.stdout).toMatch(/1\)\s+superadmin/);
    expect(`${result.stdout}${result.stderr}`).not.toContain(password);
    expect(await verifyPassword(password, user!.passwordHash)).toBe(true);
  });

  it('takes the role by name too', async () => {
    const email = uniqueEmail('cli-staff');
    const result = await staffCreate(`${email}\nJonas Berg\nprivacy_officer\n${TEST_PASSWORD}\n${TEST_PASSWORD}\n`);
    expect(result.code).toBe(0);
    expect((await userByEmail(email))?.staffRole).toBe('privacy_officer');
  });

  it('creates nothing and says why when the passwords differ, an answer is missing or the address is taken', async () => {
    const email = uniqueEmail('cli-staff');
    const differ = await staffCreate(`${email}\nAna Silva\nsales\n${TEST_PASSWORD}\nSomething-Else-99\n`);
    expect(differ.code).toBe(1);
    expect(differ.stderr).toContain('The two passwords differ.');
    expect(`${differ.stdout}${differ.stderr}`).not.toContain(TEST_PASSWORD);

    const short = await staffCreate(`${email}\nAna Silva\n`);
    expect(short.code).toBe(1);
    expect(short.stderr).toContain('The input ended before every question was answered.');
    expect(await userByEmail(email)).toBeNull();

    const taken = await insertCustomer();
    const duplicate = await staffCreate(`${taken.email}\nAna Silva\nsales\n${TEST_PASSWORD}\n${TEST_PASSWORD}\n`);
    expect(duplicate.code).toBe(1);
    expect(duplicate.stderr).toContain('An account with this e-mail address already exists.');
  });
});
