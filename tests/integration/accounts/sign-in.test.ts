import { randomBytes } from 'node:crypto';
import bcrypt from 'bcrypt';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { decode, encode } from 'next-auth/jwt';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { activityEvents, sessions, throttleCounters, users } from '@/db/schema';
import { issueAccountToken } from '@/lib/accounts/account-tokens';
import { registerAccount } from '@/lib/accounts/register-account';
import { resetPassword } from '@/lib/accounts/reset-password';
import { sendAccountLink } from '@/lib/accounts/send-account-link';
import { errorSummary } from '@/lib/log/error-summary';
import { safeReturnPath } from '@/lib/auth/guards';
import { nextAuthOptions } from '@/lib/auth/next-auth-options';
import { signedOutReasonMessage, signInProblem, WRONG_CREDENTIALS_MESSAGE } from '@/lib/auth/sign-in-messages';
import { createSession } from '@/lib/auth/sessions/create-session';
import { endSession, endSessionsOfUser } from '@/lib/auth/sessions/end-sessions';
import { loadSession } from '@/lib/auth/sessions/load-session';
import { withSessionCookieLifetime } from '@/lib/auth/sessions/next-auth-session-cookie';
import { decodeSessionToken } from '@/lib/auth/sessions/session-cookie';
import { sessionCookieFor } from '@/lib/auth/sessions/session-cookie-for';
import { signInWithPassword, type TSignInResult } from '@/lib/auth/sign-in-with-password';
import { closeDatabase, db } from '@/lib/db/client';
import { secretsEnv } from '@/lib/env';
import { updateSetting } from '@/lib/settings/update-setting';
import { throttleRules } from '@/lib/throttle/rules';
import { clearOfWindowEdge } from '../../helpers/throttle-window';
import { clientAt, countUsersWithEmail, insertCustomer, registrationForm, sessionRowsOf, uniqueEmail, uniqueIp } from '../../helpers/accounts-factory';

afterAll(async () => {
  await closeDatabase();
});

const openSessionsOf = (userId: string) =>
  db.select().from(sessions).where(and(eq(sessions.userId, userId), isNull(sessions.endedAt)));

async function signedIn(customer: { email: string; password: string }, options: { remember?: boolean; ip?: string } = {}) {
  const result = await signInWithPassword(
    { email: customer.email, password: customer.password, remember: options.remember ? 'true' : 'false' },
    clientAt(options.ip ?? uniqueIp()),
  );
  if (!result.ok) throw new Error(`sign-in failed: ${result.code}`);
  return result;
}

async function sessionIdOf(rawToken: string) {
  const loaded = await loadSession(rawToken);
  if (loaded.state !== 'active') throw new Error(`session is ${loaded.state}`);
  return loaded.sessionId;
}

describe('wrong password and unknown address', () => {
  it('get the same answer', async () => {
    const customer = await insertCustomer();
    const wrongPassword = await signInWithPassword({ email: customer.email, password: 'Wrong-Password-123' }, clientAt());
    const unknownAddress = await signInWithPassword({ email: uniqueEmail('ghost'), password: 'Wrong-Password-123' }, clientAt());
    expect(wrongPassword).toEqual({ ok: false, code: 'invalid' });
    expect(unknownAddress).toEqual(wrongPassword);
    expect(signInProblem('invalid').message).toBe(WRONG_CREDENTIALS_MESSAGE);
    expect(await sessionRowsOf(customer.userId)).toEqual([]);
  });

  it('take comparable time: the average difference over several tries is under 50 ms', async () => {
    const customer = await insertCustomer();
    // The first comparison against the dummy hash also creates it: do that outside the measurement.
    await signInWithPassword({ email: uniqueEmail('warm-up'), password: 'Warm-Up-Password-1' }, clientAt());
    const timed = async (email: string, password: string) => {
      const started = performance.now();
      const result = await signInWithPassword({ email, password }, clientAt());
      return { result, ms: performance.now() - started };
    };
    const wrong: number[] = [];
    const unknown: number[] = [];
    for (let round = 0; round < 8; round += 1) {
      const password = `Wrong-Password-${round}`;
      // Alternate which goes first, so a machine slowing down or speeding up favours neither.
      const [a, b] =
        round % 2 === 0
          ? [await timed(customer.email, password), await timed(uniqueEmail('ghost'), password)]
          : [await timed(uniqueEmail('ghost'), password), await timed(customer.email, password)].reverse();
      expect(a!.result).toEqual({ ok: false, code: 'invalid' });
      expect(b!.result).toEqual(a!.result);
      wrong.push(a!.ms);
      unknown.push(b!.ms);
    }
    // Without the fastest and the slowest try of each, so one pause of a busy test machine does not decide.
    const trimmedAverage = (values: number[]) => {
      const kept = [...values].sort((x, y) => x - y).slice(1, -1);
      return kept.reduce((sum, value) => sum + value, 0) / kept.length;
    };
    const [wrongAverage, unknownAverage] = [trimmedAverage(wrong), trimmedAverage(unknown)];
    // Both paths do a full bcrypt comparison at cost 12 (well over 50 ms each), so a shortcut would show.
    expect(wrongAverage).toBeGreaterThan(50);
    expect(unknownAverage).toBeGreaterThan(50);
    expect(Math.abs(wrongAverage - unknownAverage), `wrong password ${wrong.map(Math.round)} ms, unknown address ${unknown.map(Math.round)} ms`).toBeLessThan(50);
  });
});

describe('password length', () => {
  it('never truncates: 73 bytes whose first 72 equal the password do not sign in, although bcrypt alone would accept them', async () => {
    const password72 = 'Qz7-lantern-basalt-'.padEnd(72, 'q');
    expect(Buffer.byteLength(password72)).toBe(72);
    const customer = await insertCustomer({ password: password72 });
    const password73 = `${password72}!`;

    const [row] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, customer.userId));
    // This is what the check protects against: bcrypt reads only 72 bytes.
    expect(await bcrypt.compare(password73, row!.passwordHash)).toBe(true);

    expect(await signInWithPassword({ email: customer.email, password: password73 }, clientAt())).toEqual({ ok: false, code: 'invalid' });
    expect(await sessionRowsOf(customer.userId)).toEqual([]);
    expect((await signInWithPassword({ email: customer.email, password: password72 }, clientAt())).ok).toBe(true);
  });

  it('refuses absurd input without an error', async () => {
    const customer = await insertCustomer();
    expect(await signInWithPassword({ email: customer.email, password: 'x'.repeat(5_000) }, clientAt())).toEqual({ ok: false, code: 'invalid' });
    expect(await signInWithPassword({ email: `${'a'.repeat(400)}@example.test`, password: 'x' }, clientAt())).toEqual({ ok: false, code: 'invalid' });
    expect(await signInWithPassword(null, clientAt())).toEqual({ ok: false, code: 'invalid' });
  });
});

describe('who may sign in here', () => {
  it('refuses a disabled account and a staff account after the right password, with no session', async () => {
    const disabled = await insertCustomer({ status: 'disabled' });
    const staff = await insertCustomer({ kind: 'staff' });
    expect(await signInWithPassword({ email: disabled.email, password: disabled.password }, clientAt())).toEqual({ ok: false, code: 'disabled' });
    expect(await signInWithPassword({ email: staff.email, password: staff.password }, clientAt())).toEqual({ ok: false, code: 'staff_back_office' });
    expect(await sessionRowsOf(disabled.userId)).toEqual([]);
    expect(await sessionRowsOf(staff.userId)).toEqual([]);
    // Worded as a wrong password, so the customer form does not reveal which addresses are staff accounts.
    expect(signInProblem('staff_back_office').message).toBe(WRONG_CREDENTIALS_MESSAGE);
  });

  it('records the sign-in: a session row with IP, browser and OS, the last login time and a login activity', async () => {
    const customer = await insertCustomer({ email: uniqueEmail('Case.Mixed') });
    const result = await signInWithPassword({ email: `  ${customer.email.toUpperCase()} `, password: customer.password }, clientAt('203.0.113.9'));
    expect(result.ok).toBe(true);
    const [session] = await sessionRowsOf(customer.userId);
    expect(session).toMatchObject({ ip: '203.0.113.9', browser: 'Firefox 140', os: 'Linux', remember: false, endedAt: null });
    const [user] = await db.select().from(users).where(eq(users.id, customer.userId));
    expect(user!.lastLoginAt).toBeInstanceOf(Date);
    const logins = await db.select().from(activityEvents).where(and(eq(activityEvents.subjectUserId, customer.userId), eq(activityEvents.kind, 'login')));
    expect(logins).toHaveLength(1);
    expect(logins[0]!.ip).toBe('203.0.113.9');
  });
});

describe('one session at a time', () => {
  it('a second sign-in ends the first with signed_in_elsewhere', async () => {
    const customer = await insertCustomer();
    const first = await signedIn(customer);
    const firstId = await sessionIdOf(first.sessionToken);
    const second = await signedIn(customer);

    expect(await loadSession(first.sessionToken)).toEqual({ state: 'ended', reason: 'signed_in_elsewhere', kind: 'customer' });
    const loaded = await loadSession(second.sessionToken);
    expect(loaded.state).toBe('active');
    const open = await openSessionsOf(customer.userId);
    expect(open).toHaveLength(1);
    expect(open[0]!.id).not.toBe(firstId);
    const [ended] = (await sessionRowsOf(customer.userId)).filter((row) => row.id === firstId);
    expect(ended!.endReason).toBe('signed_in_elsewhere');
    expect(signedOutReasonMessage('signed-in-elsewhere')).toBe('You were signed out because your account signed in on another computer.');
  });

  it('does not touch the sessions of other accounts', async () => {
    const a = await insertCustomer();
    const b = await insertCustomer();
    const sessionOfA = await signedIn(a);
    await signedIn(b);
    await signedIn(b);
    expect((await loadSession(sessionOfA.sessionToken)).state).toBe('active');
  });
});

describe('logout', () => {
  it('ends the row; the old session id, and a cookie carrying it, are refused afterwards', async () => {
    const customer = await insertCustomer();
    const { sessionToken } = await signedIn(customer);
    const cookieValue = (await sessionCookieFor(sessionToken))!.value;
    expect(await decodeSessionToken(cookieValue)).toBe(sessionToken);

    await endSession(await sessionIdOf(sessionToken), 'logout');

    expect(await loadSession(sessionToken)).toEqual({ state: 'ended', reason: 'logout', kind: 'customer' });
    expect(await loadSession(await decodeSessionToken(cookieValue))).toEqual({ state: 'ended', reason: 'logout', kind: 'customer' });
    expect(await openSessionsOf(customer.userId)).toEqual([]);
  });

  it('puts nothing but the session id in the cookie token, and refuses a token signed with another secret', async () => {
    const customer = await insertCustomer();
    const { sessionToken } = await signedIn(customer);
    const cookieValue = (await sessionCookieFor(sessionToken))!.value;
    const payload = await decode({ token: cookieValue, secret: secretsEnv().AUTH_SECRET });
    expect(Object.keys(payload ?? {}).sort()).toEqual(['exp', 'iat', 'jti', 'sid']);
    expect(cookieValue).not.toContain(customer.email);

    const forged = await encode({ token: { sid: sessionToken }, secret: 'another-secret-another-secret-another' });
    expect(await decodeSessionToken(forged)).toBeNull();
    expect(await decodeSessionToken('not a token')).toBeNull();
  });

  it('endSessionsOfUser ends every open session of the account (the disable/erase path)', async () => {
    const customer = await insertCustomer();
    const { sessionToken } = await signedIn(customer);
    expect(await endSessionsOfUser(customer.userId, 'account_disabled')).toBe(1);
    expect(await loadSession(sessionToken)).toEqual({ state: 'ended', reason: 'account_disabled', kind: 'customer' });
  });
});

describe('the session cookie lasts as long as its session', () => {
  const YEAR_SECONDS = 365 * 86_400;
  /** A response as next-auth makes it: its session cookie with a year's lifetime, beside its CSRF cookie. */
  async function nextAuthResponse(sessionToken: string) {
    const token = await encode({ token: { sid: sessionToken }, secret: secretsEnv().AUTH_SECRET, maxAge: YEAR_SECONDS });
    const headers = new Headers();
    headers.append('set-cookie', `stockroom.csrf=abc; Path=/; HttpOnly; SameSite=Lax`);
    headers.append('set-cookie', `stockroom.session=${token}; Path=/; Expires=${new Date(Date.now() + YEAR_SECONDS * 1000).toUTCString()}; HttpOnly; SameSite=Lax`);
    return new Response('{"url":"/account"}', { status: 200, headers });
  }
  const sessionHeaderOf = (response: Response) => response.headers.getSetCookie().find((header) => header.startsWith('stockroom.session='));
  const expOf = async (header: string) => (await decode({ token: header.split(';')[0]!.slice('stockroom.session='.length), secret: secretsEnv().AUTH_SECRET }))!.exp as number;
  const rowOf = async (sessionToken: string) => (await db.select().from(sessions).where(eq(sessions.id, await sessionIdOf(sessionToken))))[0]!;

  it('without "keep me signed in": a browser-session cookie whose token expires with the row', async () => {
    const { sessionToken } = await signedIn(await insertCustomer());
    const rewritten = await withSessionCookieLifetime(await nextAuthResponse(sessionToken));
    const header = sessionHeaderOf(rewritten)!;
    expect(header).not.toMatch(/expires=|max-age=/i);
    expect(header).toMatch(/; Path=\/; HttpOnly; SameSite=Lax$/);
    expect(await decodeSessionToken(header.split(';')[0]!.slice('stockroom.session='.length))).toBe(sessionToken);
    expect(Math.abs((await expOf(header)) * 1000 - (await rowOf(sessionToken)).expiresAt.getTime())).toBeLessThan(2_000);
    // Everything else next-auth answered is left alone.
    expect(rewritten.status).toBe(200);
    expect(await rewritten.text()).toBe('{"url":"/account"}');
    expect(rewritten.headers.getSetCookie()).toContain('stockroom.csrf=abc; Path=/; HttpOnly; SameSite=Lax');
  });

  it('with "keep me signed in": the cookie and its token expire with the row, 30 days on', async () => {
    const { sessionToken } = await signedIn(await insertCustomer(), { remember: true });
    const header = sessionHeaderOf(await withSessionCookieLifetime(await nextAuthResponse(sessionToken)))!;
    const expiresAt = (await rowOf(sessionToken)).expiresAt;
    expect(header).toContain(`Expires=${expiresAt.toUTCString()}`);
    expect(Math.abs((await expOf(header)) * 1000 - expiresAt.getTime())).toBeLessThan(2_000);
    const cookie = await sessionCookieFor(sessionToken);
    expect(cookie!.options.expires).toEqual(expiresAt);
  });

  it('a token naming no open session is dropped (the browser keeps what it has); the deletion at sign-out passes', async () => {
    const { sessionToken } = await signedIn(await insertCustomer());
    await endSession(await sessionIdOf(sessionToken), 'logout');
    const rewritten = await withSessionCookieLifetime(await nextAuthResponse(sessionToken));
    expect(sessionHeaderOf(rewritten)).toBeUndefined();
    expect(rewritten.headers.getSetCookie()).toHaveLength(1);
    expect(await sessionCookieFor(sessionToken)).toBeNull();

    const deletion = new Response(null, { headers: { 'set-cookie': 'stockroom.session=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Lax' } });
    expect(await withSessionCookieLifetime(deletion)).toBe(deletion);
  });
});

describe('timeouts', () => {
  it('ends a session idle for longer than the idle timeout (30 minutes)', async () => {
    const customer = await insertCustomer();
    const { sessionToken } = await signedIn(customer);
    const sessionId = await sessionIdOf(sessionToken);
    await db.update(sessions).set({ lastSeenAt: new Date(Date.now() - 31 * 60_000) }).where(eq(sessions.id, sessionId));
    expect(await loadSession(sessionToken)).toEqual({ state: 'ended', reason: 'idle_timeout', kind: 'customer' });
    expect(signedOutReasonMessage('session-expired')).toBe('Your session has expired. Please sign in again.');
  });

  it('keeps a session idle for less, and moves its last-seen time forward', async () => {
    const customer = await insertCustomer();
    const { sessionToken } = await signedIn(customer);
    const sessionId = await sessionIdOf(sessionToken);
    const twentyNineMinutesAgo = new Date(Date.now() - 29 * 60_000);
    await db.update(sessions).set({ lastSeenAt: twentyNineMinutesAgo }).where(eq(sessions.id, sessionId));
    expect((await loadSession(sessionToken)).state).toBe('active');
    const [row] = await db.select().from(sessions).where(eq(sessions.id, sessionId));
    expect(row!.lastSeenAt.getTime()).toBeGreaterThan(Date.now() - 60_000);
  });

  it('follows the idle-timeout setting', async () => {
    await updateSetting('accounts.idleTimeoutMinutes', 5);
    try {
      const customer = await insertCustomer();
      const { sessionToken } = await signedIn(customer);
      await db.update(sessions).set({ lastSeenAt: new Date(Date.now() - 6 * 60_000) }).where(eq(sessions.id, await sessionIdOf(sessionToken)));
      expect(await loadSession(sessionToken)).toEqual({ state: 'ended', reason: 'idle_timeout', kind: 'customer' });
    } finally {
      await updateSetting('accounts.idleTimeoutMinutes', 30);
    }
  });

  it('"keep me signed in" lasts 30 days and survives idleness, but not its absolute expiry', async () => {
    const customer = await insertCustomer();
    const { sessionToken } = await signedIn(customer, { remember: true });
    const sessionId = await sessionIdOf(sessionToken);
    const [row] = await db.select().from(sessions).where(eq(sessions.id, sessionId));
    expect(row!.remember).toBe(true);
    const days = (row!.expiresAt.getTime() - row!.createdAt.getTime()) / 86_400_000;
    expect(days).toBeGreaterThan(29.99);
    expect(days).toBeLessThan(30.01);

    await db.update(sessions).set({ lastSeenAt: new Date(Date.now() - 3 * 86_400_000) }).where(eq(sessions.id, sessionId));
    expect((await loadSession(sessionToken)).state).toBe('active');

    await db.update(sessions).set({ expiresAt: new Date(Date.now() - 1_000) }).where(eq(sessions.id, sessionId));
    expect(await loadSession(sessionToken)).toEqual({ state: 'ended', reason: 'expired', kind: 'customer' });
  });

  it('a plain session expires absolutely after a day at most', async () => {
    const customer = await insertCustomer();
    const { sessionToken } = await signedIn(customer);
    const sessionId = await sessionIdOf(sessionToken);
    const [row] = await db.select().from(sessions).where(eq(sessions.id, sessionId));
    expect((row!.expiresAt.getTime() - row!.createdAt.getTime()) / 3_600_000).toBeCloseTo(24, 1);
    await db.update(sessions).set({ expiresAt: new Date(Date.now() - 1_000), lastSeenAt: new Date() }).where(eq(sessions.id, sessionId));
    expect(await loadSession(sessionToken)).toEqual({ state: 'ended', reason: 'expired', kind: 'customer' });
  });

  it('ends the session of an account disabled meanwhile at its next request', async () => {
    const customer = await insertCustomer();
    const { sessionToken } = await signedIn(customer);
    await db.update(users).set({ status: 'disabled' }).where(eq(users.id, customer.userId));
    expect(await loadSession(sessionToken)).toEqual({ state: 'ended', reason: 'account_disabled', kind: 'customer' });
  });

  it('knows no session for an unknown id', async () => {
    expect(await loadSession(null)).toEqual({ state: 'none' });
    expect(await loadSession('A'.repeat(43))).toEqual({ state: 'none' });
  });

  it('createSession stores only the hash of the id it returns', async () => {
    const customer = await insertCustomer();
    const opened = await db.transaction((tx) => createSession(tx, { userId: customer.userId, remember: false, client: clientAt() }));
    const [row] = await db.select().from(sessions).where(eq(sessions.id, opened.sessionId));
    expect(row!.tokenSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(row!.tokenSha256).not.toBe(opened.token);
    expect(JSON.stringify(row)).not.toContain(opened.token);
  });
});

describe('throttling', () => {
  // Every limit here counts in 15-minute windows: keep each test's attempts inside one.
  beforeEach(() => clearOfWindowEdge(15 * 60, 25), 30_000);

  const wrongFrom = (email: string, ip: string, attempt: number | string = randomBytes(3).toString('hex')) =>
    signInWithPassword({ email, password: `Wrong-${attempt}-Password` }, clientAt(ip));
  const codeOf = (result: TSignInResult) => (result.ok ? 'ok' : result.code);
  const tally = (results: TSignInResult[]) => results.reduce<Record<string, number>>((counts, result) => ({ ...counts, [codeOf(result)]: (counts[codeOf(result)] ?? 0) + 1 }), {});

  it('25 parallel wrong passwords for one account get no more password checks than 10 sequential ones would', async () => {
    const customer = await insertCustomer();
    const ip = uniqueIp();
    const results = await Promise.all(Array.from({ length: 25 }, (_, attempt) => wrongFrom(customer.email, ip, attempt)));
    // "invalid" means the password was checked; "throttled" means it was refused unchecked.
    expect(tally(results)).toEqual({ invalid: 10, throttled: 15 });
    const locked = await signInWithPassword({ email: customer.email, password: customer.password }, clientAt(ip));
    expect(locked).toMatchObject({ ok: false, code: 'throttled' });
    const retryAfter = locked.ok ? 0 : (locked.retryAfterSeconds ?? 0);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    expect(signInProblem(`throttled:${retryAfter}`).message).toBe(`Too many attempts. Try again in ${Math.ceil(retryAfter / 60)} ${Math.ceil(retryAfter / 60) === 1 ? 'minute' : 'minutes'}.`);
    expect(await sessionRowsOf(customer.userId)).toEqual([]);
  }, 60_000);

  it("a stranger's failures from another address slow the stranger, not the owner; the back-off expires", async () => {
    const customer = await insertCustomer();
    const stranger = uniqueIp();
    const results: TSignInResult[] = [];
    for (let attempt = 0; attempt < 12; attempt += 1) results.push(await wrongFrom(customer.email, stranger, attempt));
    expect(tally(results)).toEqual({ invalid: 10, throttled: 2 });
    // Another address in the stranger's IPv6 /64 is the same client.
    const neighbour = stranger.replace(/::[0-9a-f]+$/, '::beef');
    expect(await signInWithPassword({ email: customer.email, password: customer.password }, clientAt(neighbour))).toMatchObject({ ok: false, code: 'throttled' });

    const owner = await signInWithPassword({ email: customer.email, password: customer.password }, clientAt(uniqueIp()));
    expect(owner.ok).toBe(true);

    // The window passes (its counters are moved into the past): the stranger's address may try again.
    await db
      .update(throttleCounters)
      .set({ windowStart: sql`${throttleCounters.windowStart} - interval '1 hour'` })
      .where(eq(throttleCounters.scope, throttleRules.loginFailuresPerAccountAndClient.scope));
    expect(codeOf(await wrongFrom(customer.email, stranger))).toBe('invalid');
  }, 60_000);

  it("guessing from rotating addresses stops after 100 an hour, but not the owner's browser with its device cookie", async () => {
    const customer = await insertCustomer();
    const other = await insertCustomer();
    const { deviceCookie } = await signedIn(customer);
    const otherDevice = (await signedIn(other)).deviceCookie;
    // The account-wide limit counts per clock hour.
    await clearOfWindowEdge(60 * 60, 60);
    const results: TSignInResult[] = [];
    for (let batch = 0; batch < 10; batch += 1) {
      results.push(...(await Promise.all(Array.from({ length: 10 }, (_, attempt) => wrongFrom(customer.email, uniqueIp(), `${batch}-${attempt}`)))));
    }
    expect(tally(results)).toEqual({ invalid: 100 });

    const rightPassword = { email: customer.email, password: customer.password };
    expect(await signInWithPassword(rightPassword, clientAt(uniqueIp()))).toMatchObject({ ok: false, code: 'throttled' });
    // Another account's device cookie, an altered one, or one moved to another account prove nothing.
    const [deviceId, mac] = deviceCookie.split('.');
    for (const forged of [otherDevice, `${deviceId}.${mac!.slice(0, -2)}AA`, `${randomBytes(16).toString('base64url')}.${mac}`, 'nonsense']) {
      expect(await signInWithPassword(rightPassword, clientAt(uniqueIp()), forged)).toMatchObject({ ok: false, code: 'throttled' });
    }
    const owner = await signInWithPassword(rightPassword, clientAt(uniqueIp()), deviceCookie);
    expect(owner.ok).toBe(true);
    // The browser keeps its device id.
    expect(owner.ok && owner.deviceCookie).toBe(deviceCookie);
  }, 180_000);

  it('a password reset clears the back-off of the account', async () => {
    const customer = await insertCustomer();
    const ip = uniqueIp();
    for (let attempt = 0; attempt < 10; attempt += 1) await wrongFrom(customer.email, ip, attempt);
    expect(await signInWithPassword({ email: customer.email, password: customer.password }, clientAt(ip))).toMatchObject({ ok: false, code: 'throttled' });

    const token = await issueAccountToken(db, customer.userId, 'password_reset');
    const newPassword = 'Tamarind-Orchard-Sleet-52';
    await resetPassword(token, { password: newPassword, confirmPassword: newPassword });
    expect((await signInWithPassword({ email: customer.email, password: newPassword }, clientAt(ip))).ok).toBe(true);
  }, 60_000);

  it('locks an IP after 30 failures across accounts, even with a device cookie; other IPs are not affected', async () => {
    const ip = uniqueIp();
    const customer = await insertCustomer();
    const { deviceCookie } = await signedIn(customer);
    const results = await Promise.all(
      Array.from({ length: 35 }, (_, attempt) => signInWithPassword({ email: uniqueEmail(`spray${attempt}`), password: 'Spray-Password-1' }, clientAt(ip))),
    );
    expect(tally(results)).toEqual({ invalid: 30, throttled: 5 });
    const fromBlockedIp = await signInWithPassword({ email: customer.email, password: customer.password }, clientAt(ip), deviceCookie);
    expect(fromBlockedIp).toMatchObject({ ok: false, code: 'throttled' });
    expect((await sessionRowsOf(customer.userId)).filter((row) => row.ip === ip)).toEqual([]);
    expect((await signInWithPassword({ email: customer.email, password: customer.password }, clientAt(uniqueIp()))).ok).toBe(true);
  }, 60_000);

  it('counts failures only: a right password ends the back-off of that client', async () => {
    const customer = await insertCustomer();
    const ip = uniqueIp();
    for (let round = 0; round < 2; round += 1) {
      for (let attempt = 0; attempt < 9; attempt += 1) expect(codeOf(await wrongFrom(customer.email, ip, attempt))).toBe('invalid');
      expect((await signInWithPassword({ email: customer.email, password: customer.password }, clientAt(ip))).ok).toBe(true);
    }
  }, 60_000);

  it('fails closed: without the throttle table nobody signs in, registers or gets a link', async () => {
    const customer = await insertCustomer();
    const form = await registrationForm();
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    await db.execute(sql`alter table throttle_counters rename to throttle_counters_away`);
    try {
      expect(await signInWithPassword({ email: customer.email, password: customer.password }, clientAt())).toEqual({ ok: false, code: 'unavailable' });
      // Logged without the query's parameters (the address) or the password.
      const lines = logged.mock.calls.map((call) => call.join(' '));
      expect(lines).toEqual(['[auth] sign-in refused: the throttle store is unavailable (DrizzleQueryError 42P01)']);
      expect(lines.join('\n')).not.toContain(customer.email.toLowerCase());
      expect(lines.join('\n')).not.toContain(customer.password);
      await expect(registerAccount(form, clientAt())).rejects.toThrow();
      await expect(sendAccountLink('password_reset', { email: customer.email }, clientAt())).rejects.toThrow();
    } finally {
      await db.execute(sql`alter table throttle_counters_away rename to throttle_counters`);
      logged.mockRestore();
    }
    expect(await sessionRowsOf(customer.userId)).toEqual([]);
    expect(await countUsersWithEmail(String(form.email))).toBe(0);
    expect(signInProblem('unavailable').message).toMatch(/not possible at the moment/);
    // A log line names the error's class and code only: no message (which may carry values), no line breaks.
    const forged = Object.assign(new Error(`Failed query params: ${customer.email}`), { code: 'X\r\n[auth] forged line' });
    expect(errorSummary(forged)).toBe('Error');
    // And with the table back, the same sign-in works.
    expect((await signedIn(customer)).ok).toBe(true);
  });
});

describe('where the sign-in page sends you afterwards', () => {
  it.each([
    ['https://evil.example', '/account'],
    ['//evil.example', '/account'],
    ['/\\evil.example', '/account'],
    ['/\t/evil.example', '/account'],
    ['/.//evil.example', '/account'],
    ['/%2e//evil.example', '/account'],
    ['/a/..//evil.example/x', '/account'],
    ['javascript:alert(1)', '/account'],
    ['evil.example', '/account'],
    ['', '/account'],
    ['/images/42?size=large', '/images/42?size=large'],
    ['/account', '/account'],
  ])('safeReturnPath(%j) is %j', (candidate, expected) => {
    expect(safeReturnPath(candidate)).toBe(expected);
  });

  it('next-auth redirects only within the site', async () => {
    const redirect = nextAuthOptions().callbacks!.redirect!;
    const baseUrl = 'http://localhost:3000';
    expect(await redirect({ url: 'https://evil.example/steal', baseUrl })).toBe(`${baseUrl}/`);
    expect(await redirect({ url: 'http://localhost:3000.evil.example/x', baseUrl })).toBe(`${baseUrl}/`);
    expect(await redirect({ url: '/.//evil.example', baseUrl })).toBe(`${baseUrl}/`);
    expect(await redirect({ url: `${baseUrl}/images/7`, baseUrl })).toBe(`${baseUrl}/images/7`);
    expect(await redirect({ url: '/account', baseUrl })).toBe(`${baseUrl}/account`);
  });
});
