import { eq } from 'drizzle-orm';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { staffAllowlist } from '@/db/schema';
import { closeDatabase, db } from '@/lib/db/client';
import { addAllowlistEntry, allowlistFor, isInSiteAllowlist, isStaffAddressAllowed, listAllowlist, removeAllowlistEntry } from '@/lib/security/staff-allowlist';
import { insertCustomer } from '../../helpers/accounts-factory';
import { auditEntriesFor, queuedMails, uniqueIpv6 } from './security-kit';

vi.stubEnv('APP_URL', 'https://shop.example');

/*
 * Site-wide and role entries restrict every staff member of the run: each test removes what it
 * added (afterEach), so no other file meets a list it did not expect. Account entries apply to
 * this file's own accounts only.
 */
const added: string[] = [];
let adminId = '';

async function admin() {
  adminId ||= (await insertCustomer({ kind: 'staff' })).userId;
  return { userId: adminId, ip: '192.0.2.44' };
}

async function add(input: Parameters<typeof addAllowlistEntry>[0]) {
  const entry = await addAllowlistEntry(input, await admin());
  added.push(entry.id);
  return entry;
}

afterEach(async () => {
  for (const id of added.splice(0)) await db.delete(staffAllowlist).where(eq(staffAllowlist.id, id));
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await closeDatabase();
});

const staff = async (role: 'admin' | 'sales' = 'admin') => {
  const { userId } = await insertCustomer({ kind: 'staff' });
  return { userId, role };
};

describe('isStaffAddressAllowed', () => {
  it('with no entries, every address (and no address) is allowed', async () => {
    const account = await staff('sales');
    expect(await isStaffAddressAllowed('203.0.113.50', account)).toBe(true);
    expect(await isStaffAddressAllowed(uniqueIpv6(), account)).toBe(true);
    expect(await isStaffAddressAllowed(null, account)).toBe(true);
  });

  it('matches an IPv4-mapped IPv6 address against an IPv4 range: ::ffff:10.0.0.5 with 10.0.0.0/8 allowed', async () => {
    const account = await staff();
    await add({ scope: 'account', userId: account.userId, network: '10.0.0.0/8', label: 'VPN' });
    expect(await isStaffAddressAllowed('::ffff:10.0.0.5', account)).toBe(true);
    expect(await isStaffAddressAllowed('10.200.1.1', account)).toBe(true);
    expect(await isStaffAddressAllowed('11.0.0.1', account)).toBe(false);
    expect(await isStaffAddressAllowed('::ffff:11.0.0.1', account)).toBe(false);
  });

  it('an IPv6 address inside a /48 is allowed, one outside is not; an IPv4 address does not match an IPv6 range', async () => {
    const account = await staff();
    const prefix = uniqueIpv6().replace(/:[0-9a-f]+::[0-9a-f]+$/, '');
    await add({ scope: 'account', userId: account.userId, network: `${prefix}::/48`, label: 'Office' });
    expect(await isStaffAddressAllowed(`${prefix}:ffff::1`, account)).toBe(true);
    expect(await isStaffAddressAllowed(`${prefix.replace(/[0-9a-f]$/, (digit) => (digit === '0' ? '1' : '0'))}::1`, account)).toBe(false);
    expect(await isStaffAddressAllowed('10.0.0.1', account)).toBe(false);
  });

  it('no address is refused wherever a list applies', async () => {
    const account = await staff();
    await add({ scope: 'account', userId: account.userId, network: '10.0.0.0/8', label: '' });
    expect(await isStaffAddressAllowed(null, account)).toBe(false);
    expect(await isStaffAddressAllowed('not an address', account)).toBe(false);
  });

  it('the role list and the account list must both match; a scope without entries restricts nothing', async () => {
    const account = await staff('sales');
    const colleague = await staff('sales');
    const other = await staff('admin');
    await add({ scope: 'role', role: 'sales', network: '10.0.0.0/8', label: 'Sales VPN' });
    await add({ scope: 'account', userId: account.userId, network: '10.1.0.0/16', label: 'Home' });
    // In both: allowed. In the role list only: refused for the account with its own list, allowed for a colleague.
    expect(await isStaffAddressAllowed('10.1.2.3', account)).toBe(true);
    expect(await isStaffAddressAllowed('10.2.0.1', account)).toBe(false);
    expect(await isStaffAddressAllowed('10.2.0.1', colleague)).toBe(true);
    expect(await isStaffAddressAllowed('192.0.2.1', colleague)).toBe(false);
    // Another role's list does not apply.
    expect(await isStaffAddressAllowed('192.0.2.1', other)).toBe(true);
    expect((await allowlistFor(account)).map((entry) => entry.scope).sort()).toEqual(['account', 'role']);
  });

  it('the site-wide list applies to every staff member, on top of the others', async () => {
    const account = await staff();
    const ip = uniqueIpv6();
    const site = await add({ scope: 'site', network: `${ip.replace(/::[0-9a-f]+$/, '')}::/64`, label: 'Office' });
    expect(site.network).toBe(`${ip.replace(/::[0-9a-f]+$/, '')}::/64`);
    expect(await isStaffAddressAllowed(ip, account)).toBe(true);
    expect(await isStaffAddressAllowed('10.0.0.1', account)).toBe(false);
    expect(await isInSiteAllowlist(ip)).toBe(true);
    expect(await isInSiteAllowlist('10.0.0.1')).toBe(false);
    expect(await isInSiteAllowlist(null)).toBe(false);
  });
});

describe('changing the lists', () => {
  it('normalises the network, audits each change and tells the security address once per change', async () => {
    const account = await staff();
    const entry = await add({ scope: 'account', userId: account.userId, network: '::ffff:10.9.8.7/104', label: 'VPN exit' });
    expect(entry).toMatchObject({ scope: 'account', userId: account.userId, role: null, network: '10.0.0.0/8', label: 'VPN exit', createdBy: adminId });
    expect((await listAllowlist()).map((row) => row.id)).toContain(entry.id);
    const addedMails = await queuedMails('security-setting-changed', 'A network was added to a staff allowlist');
    expect(addedMails.filter((mail) => mail.text.includes('Label: VPN exit'))).toHaveLength(1);

    await removeAllowlistEntry(entry.id, await admin());
    expect((await listAllowlist()).map((row) => row.id)).not.toContain(entry.id);
    const removedMails = await queuedMails('security-setting-changed', 'A network was removed from a staff allowlist');
    expect(removedMails.filter((mail) => mail.text.includes('Label: VPN exit') && mail.text.includes('Network: 10.0.0.0/8'))).toHaveLength(1);

    expect(await auditEntriesFor(entry.id)).toMatchObject([
      { action: 'security.allowlist-added', actorKind: 'staff', actorUserId: adminId, subjectUserId: account.userId, objectType: 'staff_allowlist', clientIp: '192.0.2.44', details: {} },
      { action: 'security.allowlist-removed', actorKind: 'staff', actorUserId: adminId, subjectUserId: account.userId, objectType: 'staff_allowlist' },
    ]);
    await expect(removeAllowlistEntry(entry.id, await admin())).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses a bad network, a missing role or account, a customer account, and a line break in the label', async () => {
    const customer = await insertCustomer();
    const actor = await admin();
    await expect(addAllowlistEntry({ scope: 'site', network: '10.0.0.0/40', label: '' }, actor)).rejects.toThrow();
    await expect(addAllowlistEntry({ scope: 'role', network: '10.0.0.0/8', label: '' }, actor)).rejects.toThrow();
    await expect(addAllowlistEntry({ scope: 'site', role: 'sales', network: '10.0.0.0/8', label: '' }, actor)).rejects.toThrow();
    await expect(addAllowlistEntry({ scope: 'account', network: '10.0.0.0/8', label: '' }, actor)).rejects.toThrow();
    await expect(addAllowlistEntry({ scope: 'account', userId: customer.userId, network: '10.0.0.0/8', label: '' }, actor)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(addAllowlistEntry({ scope: 'site', network: '10.0.0.0/8', label: 'a\r\nBcc: x@example.test' }, actor)).rejects.toThrow();
    expect((await listAllowlist()).filter((entry) => entry.scope === 'site' && entry.network === '10.0.0.0/8')).toEqual([]);
  });
});
