import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { accessLog, ipBlocks, throttleCounters } from '@/db/schema';
import { signInWithPassword, type TSignInResult } from '@/lib/auth/sign-in-with-password';
import { closeDatabase, db } from '@/lib/db/client';
import { activeBlockOf, blockAddress, countSignInFailure, isAddressBlocked, liftBlock, listActiveBlocks } from '@/lib/security/ip-blocks';
import { normalizeNetwork } from '@/lib/security/network';
import { addAllowlistEntry, removeAllowlistEntry } from '@/lib/security/staff-allowlist';
import { getSetting } from '@/lib/settings/get-setting';
import { throttleRules } from '@/lib/throttle/rules';
import { clearOfWindowEdge } from '../../helpers/throttle-window';
import { clientAt, insertCustomer, uniqueEmail } from '../../helpers/accounts-factory';
import { auditEntriesFor, blocksOn, queuedMails, securityAddress, slash64Of, uniqueIpv4, uniqueIpv6 } from './security-kit';

/*
 * The threshold is the setting's default (30 failures in 15 minutes), read from the setting and
 * never changed here: settings are shared by every file of the run, and other files count sign-in
 * failures too. The addresses are ones no other file uses, so their counts are this file's alone.
 */

// The security address falls back to security@ the host of APP_URL, which must be a real domain (not localhost).
vi.stubEnv('APP_URL', 'https://shop.example');

afterAll(async () => {
  vi.unstubAllEnvs();
  await closeDatabase();
});

const codeOf = (result: TSignInResult) => (result.ok ? 'ok' : result.code);

describe('automatic blocks after failed sign-ins', () => {
  // Limits count in 15-minute windows on the clock: keep each test's attempts inside one.
  beforeEach(() => clearOfWindowEdge(15 * 60, 25), 30_000);

  it('N failures from one address across accounts block it: the right password is refused, one mail goes to the security address, and the block expires', async () => {
    const { failures, blockMinutes } = await getSetting('security.ipBlock');
    const ip = uniqueIpv4();
    const accounts = await Promise.all([insertCustomer(), insertCustomer(), insertCustomer()]);
    const owner = await insertCustomer();
    // Across accounts (and addresses nobody has), in parallel like a spraying script.
    const results = await Promise.all(
      Array.from({ length: failures }, (_, attempt) =>
        signInWithPassword({ email: attempt % 4 === 3 ? uniqueEmail('spray') : accounts[attempt % 3]!.email, password: `Spray-${attempt}-Password` }, clientAt(ip)),
      ),
    );
    expect(results.map(codeOf)).toEqual(Array(failures).fill('invalid'));
    expect(await isAddressBlocked(ip)).toBe(true);
    // Also as a dual-stack socket reports it.
    expect(await isAddressBlocked(`::ffff:${ip}`)).toBe(true);

    const [block] = await blocksOn(`${ip}/32`);
    expect(block).toMatchObject({ source: 'automatic', liftedAt: null, createdBy: null });
    expect(block!.blockedUntil!.getTime() - Date.now()).toBeGreaterThan((blockMinutes - 1) * 60_000);
    expect(block!.blockedUntil!.getTime() - Date.now()).toBeLessThanOrEqual(blockMinutes * 60_000);

    // Refused even with the right password, worded as throttling, with the time left of the block.
    const refused = await signInWithPassword({ email: owner.email, password: owner.password }, clientAt(ip));
    expect(refused).toMatchObject({ ok: false, code: 'throttled' });
    expect(refused.ok ? 0 : refused.retryAfterSeconds).toBeGreaterThan((blockMinutes - 1) * 60);
    const [blockedRow] = await db.select().from(accessLog).where(sql`${accessLog.ip} = ${ip} and ${accessLog.outcome} = 'blocked'`);
    expect(blockedRow).toMatchObject({ kind: 'customer_sign_in', step: 'password', userId: null });
    // Another address is not affected.
    expect((await signInWithPassword({ email: owner.email, password: owner.password }, clientAt(uniqueIpv6()))).ok).toBe(true);

    // Exactly one mail about this block, to the site's security address.
    const mails = await queuedMails('security-ip-blocked', `${ip}/32`);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.to).toBe(await securityAddress());
    expect(mails[0]!.text).toContain('What to do:');
    // The audit entry names the block, with the address in client_ip only.
    const [entry] = await auditEntriesFor(block!.id);
    expect(entry).toMatchObject({ action: 'security.ip-blocked', actorKind: 'system', actorUserId: null, objectType: 'ip_block', clientIp: ip, details: {} });

    // The block runs out: the address may sign in again.
    await db.update(ipBlocks).set({ blockedUntil: new Date(Date.now() - 60_000) }).where(eq(ipBlocks.id, block!.id));
    expect(await isAddressBlocked(ip)).toBe(false);
    // The per-address throttle of the same failures runs out too (its window is moved into the past).
    await db
      .update(throttleCounters)
      .set({ windowStart: sql`${throttleCounters.windowStart} - interval '1 hour'` })
      .where(eq(throttleCounters.scope, throttleRules.loginFailuresPerIp.scope));
    expect((await signInWithPassword({ email: owner.email, password: owner.password }, clientAt(ip))).ok).toBe(true);
  }, 120_000);

  it('40 parallel failures from one address crossing the threshold make exactly one block and one mail; IPv6 blocks the whole /64', async () => {
    const { failures } = await getSetting('security.ipBlock');
    const ip = uniqueIpv6();
    await Promise.all(Array.from({ length: Math.max(40, failures + 10) }, () => countSignInFailure(ip)));
    const network = slash64Of(ip);
    expect(await blocksOn(network)).toHaveLength(1);
    expect(await queuedMails('security-ip-blocked', network)).toHaveLength(1);
    // Every address of the /64 is blocked (an IPv6 subscriber holds all of it), the next /64 is not.
    expect(await isAddressBlocked(ip.replace(/::[0-9a-f]+$/, '::beef:1'))).toBe(true);
    const next = ip.replace(/^(2001:db8:[0-9a-f]+:)([0-9a-f]+)/, (_, head: string, group: string) => `${head}${((Number.parseInt(group, 16) + 1) % 0x10000).toString(16)}`);
    expect(await isAddressBlocked(next)).toBe(false);
  }, 60_000);

  it('fewer failures than the threshold block nothing; no address counts nothing', async () => {
    const { failures } = await getSetting('security.ipBlock');
    const ip = uniqueIpv6();
    for (let attempt = 0; attempt < failures - 1; attempt += 1) await countSignInFailure(ip);
    expect(await isAddressBlocked(ip)).toBe(false);
    await countSignInFailure(null);
    expect(await isAddressBlocked(null)).toBe(false);
  }, 60_000);

  it('never blocks an address inside the site-wide staff allowlist', async () => {
    const { failures } = await getSetting('security.ipBlock');
    const admin = await insertCustomer({ kind: 'staff' });
    const ip = uniqueIpv6();
    const entry = await addAllowlistEntry({ scope: 'site', network: `${ip.replace(/::[0-9a-f]+$/, '')}::/56`, label: 'Office' }, { userId: admin.userId, ip: null });
    try {
      await Promise.all(Array.from({ length: failures + 2 }, () => countSignInFailure(ip)));
      expect(await isAddressBlocked(ip)).toBe(false);
      expect(await blocksOn(slash64Of(ip))).toEqual([]);
    } finally {
      // Site-wide entries restrict every staff member: none may outlive this test.
      await removeAllowlistEntry(entry.id, { userId: admin.userId, ip: null });
    }
  }, 60_000);

  it('keys on the client address as given: a block on one address leaves the address of the proxy in front of it alone', async () => {
    const customer = await insertCustomer();
    const admin = await insertCustomer({ kind: 'staff' });
    const client = uniqueIpv4();
    const block = await blockAddress({ network: client, until: new Date(Date.now() + 3_600_000), reason: 'Test' }, { userId: admin.userId, ip: null });
    try {
      expect(codeOf(await signInWithPassword({ email: customer.email, password: customer.password }, clientAt(client)))).toBe('throttled');
      // Behind a trusted proxy, client.ip is the forwarded address (lib/http/client-info.ts); the proxy's own is another.
      expect((await signInWithPassword({ email: customer.email, password: customer.password }, clientAt(uniqueIpv6()))).ok).toBe(true);
    } finally {
      await liftBlock(block.id, { userId: admin.userId, ip: null });
    }
  });
});

describe('the deny list', () => {
  it('normalises what an admin types: mapped IPv4, host bits, single addresses', () => {
    expect(normalizeNetwork('::ffff:10.0.0.5')).toBe('10.0.0.5/32');
    expect(normalizeNetwork('::ffff:10.1.2.3/104')).toBe('10.0.0.0/8');
    expect(normalizeNetwork('10.1.2.3/8')).toBe('10.0.0.0/8');
    expect(normalizeNetwork('2001:DB8:0:0:1::7/48')).toBe('2001:db8::/48');
    expect(normalizeNetwork('2001:db8::1')).toBe('2001:db8::1/128');
    for (const bad of ['10.0.0.0/33', '2001:db8::/129', 'not an address', '10.0.0', '::ffff:10.0.0.0/90', '']) expect(normalizeNetwork(bad)).toBeNull();
  });

  it('blocks a range until a time or for good, audited; lifting ends it, audited; the list shows blocks in force', async () => {
    const admin = await insertCustomer({ kind: 'staff' });
    const actor = { userId: admin.userId, ip: '::ffff:192.0.2.10' };
    const prefix = uniqueIpv6().replace(/:[0-9a-f]+::[0-9a-f]+$/, '');
    const forGood = await blockAddress({ network: `${prefix}:ffff::1/48`, until: null, reason: 'Scraper' }, actor);
    expect(forGood).toMatchObject({ network: `${prefix}::/48`, source: 'manual', blockedUntil: null, createdBy: admin.userId, reason: 'Scraper' });
    expect(await isAddressBlocked(`${prefix}:1234::5`)).toBe(true);
    expect(await activeBlockOf(`${prefix}:1234::5`)).toEqual({ id: forGood.id, blockedUntil: null });
    expect((await listActiveBlocks()).map((block) => block.id)).toContain(forGood.id);
    expect(await auditEntriesFor(forGood.id)).toMatchObject([
      { action: 'security.address-blocked', actorKind: 'staff', actorUserId: admin.userId, objectType: 'ip_block', clientIp: '192.0.2.10', details: {} },
    ]);

    await liftBlock(forGood.id, actor);
    expect(await isAddressBlocked(`${prefix}:1234::5`)).toBe(false);
    expect((await listActiveBlocks()).map((block) => block.id)).not.toContain(forGood.id);
    expect((await auditEntriesFor(forGood.id)).map((entry) => entry.action)).toEqual(['security.address-blocked', 'security.block-lifted']);
    await expect(liftBlock(forGood.id, actor)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses what is not a network, an end in the past and a line break in the reason', async () => {
    const admin = await insertCustomer({ kind: 'staff' });
    const actor = { userId: admin.userId, ip: null };
    await expect(blockAddress({ network: '10.0.0.0/33', until: null, reason: '' }, actor)).rejects.toThrow();
    await expect(blockAddress({ network: uniqueIpv6(), until: new Date(Date.now() - 1000), reason: '' }, actor)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(blockAddress({ network: uniqueIpv6(), until: null, reason: 'a\r\nb' }, actor)).rejects.toThrow();
    await expect(liftBlock('not-an-id', actor)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('fail closed', () => {
  it('without the blocks table nobody signs in, and isAddressBlocked throws', async () => {
    const customer = await insertCustomer();
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    await db.execute(sql`alter table ip_blocks rename to ip_blocks_away`);
    try {
      expect(await signInWithPassword({ email: customer.email, password: customer.password }, clientAt(uniqueIpv6()))).toEqual({ ok: false, code: 'unavailable' });
      await expect(isAddressBlocked(uniqueIpv6())).rejects.toThrow();
      const lines = logged.mock.calls.map((call) => call.join(' '));
      expect(lines).toEqual(['[auth] sign-in refused: the address blocks are unavailable (DrizzleQueryError 42P01)']);
      expect(lines.join('\n')).not.toContain(customer.password);
    } finally {
      await db.execute(sql`alter table ip_blocks_away rename to ip_blocks`);
      logged.mockRestore();
    }
    const [row] = await db.select().from(accessLog).where(sql`${accessLog.outcome} = 'unavailable'`).orderBy(sql`${accessLog.id} desc`).limit(1);
    expect(row).toMatchObject({ kind: 'customer_sign_in', outcome: 'unavailable' });
    expect((await signInWithPassword({ email: customer.email, password: customer.password }, clientAt(uniqueIpv6()))).ok).toBe(true);
  });
});
