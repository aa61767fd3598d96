import { desc, eq } from 'drizzle-orm';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { accessLog } from '@/db/schema';
import { signInWithPassword } from '@/lib/auth/sign-in-with-password';
import { closeDatabase, db } from '@/lib/db/client';
import { listAccessLog, listMySignInAttempts, signInAttemptsOf } from '@/lib/security/access-log-query';
import { recordAccess } from '@/lib/security/record-access';
import { clientAt, insertCustomer, uniqueEmail } from '../../helpers/accounts-factory';
import { createSignedInCustomer } from '../../helpers/actor-factory';
import { tablesContaining } from '../mail/mail-test-kit';
import { uniqueIpv4, uniqueIpv6 } from './security-kit';

vi.stubEnv('APP_URL', 'https://shop.example');

afterAll(async () => {
  vi.unstubAllEnvs();
  await closeDatabase();
});

const rowsFrom = (ip: string) => db.select().from(accessLog).where(eq(accessLog.ip, ip)).orderBy(accessLog.id);

describe('recordAccess', () => {
  it('keeps the route without its query string, at most 200 characters, and the address in canonical form', async () => {
    const ip = uniqueIpv4();
    await recordAccess({ kind: 'staff_request', step: 'request', outcome: 'forbidden', target: `/staff/customers?email=someone@example.test#x`, client: clientAt(`::ffff:${ip}`) });
    await recordAccess({ kind: 'staff_request', step: 'request', outcome: 'forbidden', target: `/staff/${'a'.repeat(300)}\r\n`, client: clientAt(ip) });
    const [first, second] = await rowsFrom(ip);
    expect(first).toMatchObject({ target: '/staff/customers', ip, userId: null, browser: 'Firefox 140', os: 'Linux' });
    expect(second!.target).toHaveLength(200);
    expect(second!.target).not.toMatch(/[\r\n]/);
  });
});

describe('customer sign-in records every attempt', () => {
  it('with its outcome, the account only when one matched, and never what was typed', async () => {
    const ip = uniqueIpv6();
    const customer = await insertCustomer();
    const pending = await insertCustomer({ status: 'pending' });
    const disabled = await insertCustomer({ status: 'disabled' });
    const staff = await insertCustomer({ kind: 'staff' });
    const typedPassword = `Typed-${crypto.randomUUID()}`;
    const typedEmail = uniqueEmail('nobody');
    const logged = [vi.spyOn(console, 'log'), vi.spyOn(console, 'warn'), vi.spyOn(console, 'error')];

    const results = [];
    results.push(await signInWithPassword({ email: customer.email, password: typedPassword }, clientAt(ip)));
    results.push(await signInWithPassword({ email: typedEmail, password: typedPassword }, clientAt(ip)));
    results.push(await signInWithPassword({ email: pending.email, password: pending.password }, clientAt(ip)));
    results.push(await signInWithPassword({ email: disabled.email, password: disabled.password }, clientAt(ip)));
    results.push(await signInWithPassword({ email: staff.email, password: staff.password }, clientAt(ip)));
    results.push(await signInWithPassword({ email: customer.email, password: customer.password }, clientAt(ip)));
    expect(results.map((result) => (result.ok ? 'ok' : result.code))).toEqual(['invalid', 'invalid', 'not_activated', 'disabled', 'staff_back_office', 'ok']);

    const rows = await rowsFrom(ip);
    expect(rows.map((row) => [row.kind, row.step, row.outcome, row.userId])).toEqual([
      ['customer_sign_in', 'password', 'invalid', customer.userId],
      ['customer_sign_in', 'password', 'invalid', null],
      ['customer_sign_in', 'password', 'not_activated', pending.userId],
      ['customer_sign_in', 'password', 'disabled', disabled.userId],
      ['customer_sign_in', 'password', 'wrong_kind', staff.userId],
      ['customer_sign_in', 'password', 'success', customer.userId],
    ]);

    // Checklist 33: neither the typed password nor the unknown e-mail is stored anywhere, or logged.
    expect(await tablesContaining(typedPassword)).toEqual([]);
    expect(await tablesContaining(typedEmail)).toEqual([]);
    const output = logged.flatMap((spy) => spy.mock.calls.map((call) => call.join(' '))).join('\n');
    expect(output).not.toContain(typedPassword);
    expect(output).not.toContain(typedEmail);
    for (const spy of logged) spy.mockRestore();
  }, 60_000);

  it('records throttled attempts', async () => {
    const ip = uniqueIpv6();
    const customer = await insertCustomer();
    for (let attempt = 0; attempt < 11; attempt += 1) await signInWithPassword({ email: customer.email, password: `Wrong-${attempt}-Password` }, clientAt(ip));
    const outcomes = (await rowsFrom(ip)).map((row) => row.outcome);
    expect(outcomes.filter((outcome) => outcome === 'invalid')).toHaveLength(10);
    expect(outcomes.at(-1)).toBe('throttled');
  }, 60_000);
});

describe('listAccessLog', () => {
  it('filters by exact address or range, outcome, kind, account and time, newest first, paged by id', async () => {
    const prefix = uniqueIpv6().replace(/::[0-9a-f]+$/, '');
    const customer = await insertCustomer();
    for (let index = 1; index <= 5; index += 1) {
      await recordAccess({ kind: 'customer_sign_in', step: 'password', outcome: index === 5 ? 'success' : 'invalid', userId: customer.userId, client: clientAt(`${prefix}::${index}`) });
    }
    await recordAccess({ kind: 'staff_request', step: 'request', outcome: 'forbidden', target: '/staff', client: clientAt(`${prefix}::9`) });

    const inRange = await listAccessLog({ ip: `${prefix}::/64` }, { limit: 10 });
    expect(inRange.rows.map((row) => row.ip)).toEqual([9, 5, 4, 3, 2, 1].map((index) => `${prefix}::${index}`));
    expect(inRange.nextBefore).toBeNull();
    expect((await listAccessLog({ ip: `${prefix}::3` }, { limit: 10 })).rows.map((row) => row.ip)).toEqual([`${prefix}::3`]);
    expect((await listAccessLog({ ip: `${prefix}::/64`, outcome: 'success' }, { limit: 10 })).rows).toHaveLength(1);
    expect((await listAccessLog({ ip: `${prefix}::/64`, kind: 'staff_request' }, { limit: 10 })).rows.map((row) => row.target)).toEqual(['/staff']);
    expect((await listAccessLog({ userId: customer.userId }, { limit: 10 })).rows).toHaveLength(5);
    expect((await listAccessLog({ ip: `${prefix}::/64`, from: new Date(Date.now() + 60_000) }, { limit: 10 })).rows).toEqual([]);
    expect((await listAccessLog({ ip: `${prefix}::/64`, to: new Date(Date.now() - 3_600_000) }, { limit: 10 })).rows).toEqual([]);

    const first = await listAccessLog({ ip: `${prefix}::/64` }, { limit: 4 });
    expect(first.rows).toHaveLength(4);
    const second = await listAccessLog({ ip: `${prefix}::/64` }, { limit: 4, before: first.nextBefore! });
    expect(second.rows.map((row) => row.ip)).toEqual([`${prefix}::2`, `${prefix}::1`]);
    expect(second.nextBefore).toBeNull();

    // An IPv4 range does not match IPv6 rows, and refuses what is not an address.
    expect((await listAccessLog({ ip: '10.0.0.0/8', userId: customer.userId }, { limit: 10 })).rows).toEqual([]);
    await expect(listAccessLog({ ip: 'nonsense' }, { limit: 10 })).rejects.toThrow();
    await expect(listAccessLog({}, { limit: 0 })).rejects.toThrow();
  });
});

describe('sign-in attempts in My Account', () => {
  it("lists the customer's own attempts only, newest first; another customer's attempts are never shown", async () => {
    const me = await createSignedInCustomer();
    const stranger = await insertCustomer();
    const strangerIp = uniqueIpv4();
    await signInWithPassword({ email: me.email, password: 'Wrong-Password-Mine' }, clientAt('192.0.2.61'));
    await signInWithPassword({ email: stranger.email, password: 'Wrong-Password-Theirs' }, clientAt(strangerIp));
    await signInWithPassword({ email: stranger.email, password: stranger.password }, clientAt(strangerIp));
    await recordAccess({ kind: 'staff_request', step: 'request', outcome: 'forbidden', userId: me.userId, target: '/staff', client: clientAt('192.0.2.62') });

    const mine = await listMySignInAttempts(me.actor);
    expect(mine.map((attempt) => [attempt.outcome, attempt.ip])).toEqual([['invalid', '192.0.2.61']]);
    expect(mine.some((attempt) => attempt.ip === strangerIp)).toBe(false);
    expect((await signInAttemptsOf(stranger.userId)).map((attempt) => attempt.outcome)).toEqual(['success', 'invalid']);
    const [newest] = await db.select().from(accessLog).where(eq(accessLog.userId, stranger.userId)).orderBy(desc(accessLog.id)).limit(1);
    expect(newest!.outcome).toBe('success');
    expect(await signInAttemptsOf(stranger.userId, 1)).toHaveLength(1);
  });
});
