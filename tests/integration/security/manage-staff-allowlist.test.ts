/**
 * The back office's allowlist use cases (lib/security/manage-staff-allowlist.ts): permission,
 * form field messages, and the guard that refuses a change locking out the admin who makes it.
 * Site-wide entries restrict every staff member of the run: each test removes what it added.
 */
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { staffAllowlist } from '@/db/schema';
import { closeDatabase, db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { addStaffAllowlistEntry, listStaffAllowlist, removeStaffAllowlistEntry } from '@/lib/security/manage-staff-allowlist';
import type { TStaffActor } from '@/lib/staff/require-staff';
import { staffActorFor } from '../../helpers/staff-actor';
import { auditEntriesFor, queuedMails } from './security-kit';

vi.stubEnv('APP_URL', 'https://shop.example');

const added: string[] = [];

afterEach(async () => {
  for (const id of added.splice(0)) await db.delete(staffAllowlist).where(eq(staffAllowlist.id, id));
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await closeDatabase();
});

const at = (actor: TStaffActor, ip: string | null): TStaffActor => ({ ...actor, client: { ...actor.client, ip } });

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

async function entriesOf(userId: string) {
  return db.select().from(staffAllowlist).where(eq(staffAllowlist.userId, userId));
}

describe('allowlists from the back office', () => {
  it('adds and removes an entry for an account named by e-mail; audited and mailed; listed with the e-mail', async () => {
    const admin = at(await staffActorFor('admin'), '203.0.113.77');
    const colleague = await staffActorFor('sales');
    const entry = await addStaffAllowlistEntry(admin, { scope: 'account', accountEmail: colleague.email.toUpperCase(), network: '198.51.100.0/24', label: 'Office' });
    added.push(entry.id);
    expect(entry).toMatchObject({ scope: 'account', userId: colleague.userId, network: '198.51.100.0/24', label: 'Office' });
    expect((await listStaffAllowlist(admin)).find((row) => row.id === entry.id)).toMatchObject({ accountEmail: colleague.email });
    expect(await queuedMails('security-setting-changed', colleague.email)).toHaveLength(1);
    await removeStaffAllowlistEntry(admin, entry.id);
    expect(await entriesOf(colleague.userId)).toEqual([]);
    expect((await auditEntriesFor(entry.id)).map((row) => row.action).sort()).toEqual(['security.allowlist-added', 'security.allowlist-removed']);
  });

  it('answers bad input with a message next to the field', async () => {
    const admin = at(await staffActorFor('admin'), '203.0.113.77');
    expect((await refusal(addStaffAllowlistEntry(admin, { scope: 'site', network: 'not a network' }))).fieldErrors).toEqual({
      network: 'Enter an IPv4 or IPv6 address or range, like 203.0.113.0/24 or 2001:db8::/48.',
    });
    expect((await refusal(addStaffAllowlistEntry(admin, { scope: 'role', network: '10.0.0.0/8' }))).fieldErrors).toEqual({ role: 'Choose a role.' });
    expect((await refusal(addStaffAllowlistEntry(admin, { scope: 'account', network: '10.0.0.0/8' }))).fieldErrors).toEqual({
      accountEmail: 'Enter the e-mail address of a staff account.',
    });
    expect((await refusal(addStaffAllowlistEntry(admin, { scope: 'account', accountEmail: 'nobody-here@example.test', network: '10.0.0.0/8' }))).fieldErrors).toEqual({
      accountEmail: 'No staff account has this e-mail address.',
    });
    expect((await refusal(addStaffAllowlistEntry(admin, { scope: 'everyone' as 'site', network: '10.0.0.0/8' }))).code).toBe('INVALID_INPUT');
    expect((await refusal(removeStaffAllowlistEntry(admin, 'nope'))).code).toBe('NOT_FOUND');
  });

  it('refuses roles without security.manage (reading needs security.read)', async () => {
    for (const role of ['sales', 'catalog', 'privacy_officer'] as const) {
      const actor = await staffActorFor(role);
      expect((await refusal(addStaffAllowlistEntry(actor, { scope: 'site', network: '10.0.0.0/8' }))).code).toBe('FORBIDDEN');
      expect((await refusal(removeStaffAllowlistEntry(actor, crypto.randomUUID()))).code).toBe('FORBIDDEN');
    }
    expect((await refusal(listStaffAllowlist(await staffActorFor('sales')))).code).toBe('FORBIDDEN');
    await expect(listStaffAllowlist(await staffActorFor('privacy_officer'))).resolves.toBeInstanceOf(Array);
  });

  it('refuses an entry after which the acting admin’s own address would not be allowed, and keeps nothing', async () => {
    const admin = at(await staffActorFor('admin'), '203.0.113.77');
    const siteBefore = await db.select().from(staffAllowlist).where(eq(staffAllowlist.scope, 'site'));
    const error = await refusal(addStaffAllowlistEntry(admin, { scope: 'site', network: '192.0.2.0/24', label: 'Elsewhere' }));
    expect(error.code).toBe('CONFLICT');
    expect(error.userMessage).toBe('This change would lock you out: your current address (203.0.113.77) would no longer be allowed. Add a network that contains your address first.');
    expect(error.fieldErrors.network).toBe(error.userMessage);
    expect(await db.select().from(staffAllowlist).where(eq(staffAllowlist.scope, 'site'))).toEqual(siteBefore);

    // Their own account list: refused outside, allowed inside; an address we cannot tell is never inside.
    await refusal(addStaffAllowlistEntry(admin, { scope: 'account', accountEmail: admin.email, network: '10.0.0.0/8' }));
    expect(await entriesOf(admin.userId)).toEqual([]);
    expect((await refusal(addStaffAllowlistEntry(at(admin, null), { scope: 'account', accountEmail: admin.email, network: '203.0.113.0/24' }))).userMessage).toMatch(/which we cannot tell/);
    const inside = await addStaffAllowlistEntry(admin, { scope: 'account', accountEmail: admin.email, network: '203.0.113.0/24' });
    added.push(inside.id);
    const second = await addStaffAllowlistEntry(admin, { scope: 'account', accountEmail: admin.email, network: '10.0.0.0/8' });
    added.push(second.id);

    // Removing the entry that lets them in, while another remains, is refused; the other may go.
    const removal = await refusal(removeStaffAllowlistEntry(admin, inside.id));
    expect(removal.code).toBe('CONFLICT');
    expect((await entriesOf(admin.userId)).map((row) => row.id).sort()).toEqual([inside.id, second.id].sort());
    await removeStaffAllowlistEntry(admin, second.id);
    // With only that one left, removing it empties the list: no restriction, so it is allowed.
    await removeStaffAllowlistEntry(admin, inside.id);
    expect(await entriesOf(admin.userId)).toEqual([]);
    // Another account's list never locks out the actor.
    const colleague = await staffActorFor('sales');
    const theirs = await addStaffAllowlistEntry(admin, { scope: 'account', accountEmail: colleague.email, network: '192.0.2.0/24' });
    added.push(theirs.id);
  });
});
