/**
 * The client address behind a reverse proxy, against the production server: the e2e server trusts
 * 127.0.0.2 (TRUSTED_PROXIES), so a connection from there stands for nginx in front of the shop,
 * and X-Forwarded-For names the visitor. From 127.0.0.1 the same headers are a client's forgery.
 * Forwarded addresses come from documentation ranges (203.0.113.0/24, 198.51.100.0/24, 2001:db8::/32)
 * so nothing here counts against 127.0.0.1, where the other specs sign in.
 */
import { randomInt, randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { createCustomer, withDb } from './customers';
import { E2E_TRUSTED_PROXY, rawRequest, signInOverHttp, UNTRUSTED_CLIENT } from './raw-http';
import { e2eState } from './state';

const LOGIN_FAILURES_PER_IP = 30; // lib/throttle/rules.ts: loginFailuresPerIp
const unknownEmail = () => `nobody-${randomUUID().slice(0, 8)}@example.test`;
const FORGERIES = { 'x-forwarded-for': '203.0.113.250', 'x-real-ip': '203.0.113.251', forwarded: 'for=203.0.113.252;proto=https' };

async function lastLoginAddress(userId: string): Promise<{ activity: string | null; session: string | null }> {
  return withDb(async (client) => {
    const activity = await client.query<{ ip: string | null }>(
      `select ip from activity_events where subject_user_id = $1 and kind = 'login' order by created_at desc, id desc limit 1`,
      [userId],
    );
    const session = await client.query<{ ip: string | null }>(`select ip from sessions where user_id = $1 order by created_at desc limit 1`, [userId]);
    return { activity: activity.rows[0]?.ip ?? null, session: session.rows[0]?.ip ?? null };
  });
}

test.describe('the client address behind a trusted proxy', () => {
  test('sign-in records the forwarded address, read from the right, and never a forged one', async () => {
    const customer = await createCustomer();

    // The visitor wrote "198.51.100.66" itself; the proxy appended the address it saw.
    const proxied = await signInOverHttp({
      ...customer,
      from: E2E_TRUSTED_PROXY,
      headers: { 'x-forwarded-for': '198.51.100.66, 2001:DB8:0:0::7' },
    });
    expect(proxied.outcome).toBe('ok');
    expect(await lastLoginAddress(customer.id)).toEqual({ activity: '2001:db8::7', session: '2001:db8::7' });

    // Two X-Forwarded-For headers are one list: the last entry of the last header is the proxy's.
    const repeated = await signInOverHttp({
      ...customer,
      from: E2E_TRUSTED_PROXY,
      headers: { 'x-forwarded-for': ['198.51.100.67', '203.0.113.8'] },
    });
    expect(repeated.outcome).toBe('ok');
    expect(await lastLoginAddress(customer.id)).toEqual({ activity: '203.0.113.8', session: '203.0.113.8' });

    // From an untrusted peer every forwarding header is ignored.
    const forged = await signInOverHttp({ ...customer, from: UNTRUSTED_CLIENT, headers: FORGERIES });
    expect(forged.outcome).toBe('ok');
    expect(await lastLoginAddress(customer.id)).toEqual({ activity: UNTRUSTED_CLIENT, session: UNTRUSTED_CLIENT });
  });

  test('a guest visit served through the proxy is recorded under the forwarded address (to /24)', async () => {
    const { publishedImageId } = e2eState();
    const network = `198.51.100.${randomInt(1, 250)}`;
    const visits = () =>
      withDb(async (client) => {
        const { rows } = await client.query<{ ip: string }>(
          `select ip from activity_events where kind = 'preview_view' and image_id = $1 and subject_user_id is null and ip = $2`,
          [publishedImageId, network.replace(/\.\d+$/, '.0')],
        );
        return rows.length;
      });
    const before = await visits();
    const page = await rawRequest({ path: `/images/${publishedImageId}`, from: E2E_TRUSTED_PROXY, headers: { 'x-forwarded-for': network, accept: 'text/html' } });
    expect(page.status).toBe(200);
    // Guest visits are written in batches.
    await expect.poll(visits, { timeout: 10_000 }).toBe(before + 1);
  });

  test('the sign-in throttle counts the forwarded address, and a forged header cannot move the count', async () => {
    test.setTimeout(180_000);
    const blocked = `203.0.113.${randomInt(1, 120)}`;
    const other = `203.0.113.${randomInt(121, 240)}`;
    const attempt = (from: string, headers: Record<string, string>) => signInOverHttp({ email: unknownEmail(), password: 'wrong-password-1', from, headers });

    for (let failure = 1; failure <= LOGIN_FAILURES_PER_IP; failure++) {
      expect((await attempt(E2E_TRUSTED_PROXY, { 'x-forwarded-for': blocked })).outcome, `failure ${failure}`).toBe('invalid');
    }
    expect((await attempt(E2E_TRUSTED_PROXY, { 'x-forwarded-for': blocked })).outcome).toMatch(/^throttled:\d+$/);
    // The visitor cannot shed the block by writing another address in front of the proxy's entry.
    expect((await attempt(E2E_TRUSTED_PROXY, { 'x-forwarded-for': `198.51.100.1, ${blocked}` })).outcome).toMatch(/^throttled:/);

    // Everyone else behind the same proxy still signs in: the proxy's own address was never counted.
    expect((await attempt(E2E_TRUSTED_PROXY, { 'x-forwarded-for': other })).outcome).toBe('invalid');
    expect((await attempt(E2E_TRUSTED_PROXY, {})).outcome).toBe('invalid');

    // From an untrusted peer, naming the blocked address in any forwarding header changes nothing:
    // the attempt counts against 127.0.0.1, which is far from its limit.
    const forged = await attempt(UNTRUSTED_CLIENT, { 'x-forwarded-for': blocked, 'x-real-ip': blocked, forwarded: `for=${blocked}` });
    expect(forged.outcome).toBe('invalid');
  });
});
