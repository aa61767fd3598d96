import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { users } from '@/db/schema';
import { recordActivity } from '@/lib/activity/record-activity';
import { db } from '@/lib/db/client';
import type { TClientInfo } from '@/lib/http/client-info';
import { logLine } from '@/lib/log/log-line';
import { awaitsParentalConfirmation } from '@/lib/privacy/requests/parental-confirmation';
import { errorSummary } from '@/lib/log/error-summary';
import { activeBlockOf, countSignInFailure } from '@/lib/security/ip-blocks';
import { isErasurePending } from '@/lib/privacy/erasure-link';
import { recordAccess, type TAccessOutcome } from '@/lib/security/record-access';
import { adoptGuestVisit } from '@/lib/visitors/adopt-guest-visit';
import { linkCookieConsent } from '@/lib/cookie-consent/link-cookie-consent';
import { throttleAddressKey } from '@/lib/throttle/address-key';
import { clearThrottle, hitThrottle, takeBackThrottle, type TThrottleHit, type TThrottleRule } from '@/lib/throttle/hit-throttle';
import { throttleRules } from '@/lib/throttle/rules';
import { verifyPassword } from './passwords';
import { createSession } from './sessions/create-session';
import { deviceCookieValue, knownDeviceOf } from './sign-in-device';
import { countUsage } from '@/lib/usage/count-usage';

export const ZSignInInput = z.object({
  email: z.string().trim().max(320).default(''),
  password: z.string().max(1024).default(''),
  remember: z.union([z.literal('true'), z.literal('on'), z.literal('false'), z.literal('')]).optional().transform((value) => value === 'true' || value === 'on'),
});

/** The codes the sign-in form turns into messages (lib/auth/sign-in-messages.ts). */
export type TSignInFailure = 'invalid' | 'not_activated' | 'throttled' | 'disabled' | 'erasure_pending' | 'staff_back_office' | 'parental_pending' | 'unavailable';
export type TSignInResult =
  /** `deviceCookie` is the value of the sign-in device cookie (lib/auth/sign-in-device.ts) this browser gets. */
  | { ok: true; sessionToken: string; userId: string; deviceCookie: string }
  | { ok: false; code: TSignInFailure; retryAfterSeconds?: number };

/**
 * Checks e-mail and password and opens a session (ending the account's other sessions).
 * An unknown e-mail and a wrong password give the same answer after the same bcrypt work. Only
 * after the right password does the answer say that an account still needs activation.
 *
 * Every attempt is counted before its password is checked (one atomic upsert per counter), and an
 * attempt over a limit is refused unchecked, so parallel requests cannot get more guesses than
 * sequential ones. Three counters apply: the client's address across accounts (site-wide), the
 * account as seen from this client (its address, or the device cookie of a browser that signed in
 * to it before), and the account across all addresses, which a browser with its device cookie
 * skips. A stranger guessing from elsewhere therefore slows down only the stranger, and guessing
 * from rotating addresses still stops, without keeping the owner's own browser out.
 */
export async function signInWithPassword(
  rawInput: unknown,
  client: TClientInfo,
  deviceCookie: string | null = null,
  /** The visitor cookie's guest key: what the guest kept (a lightbox) moves into the account with the session. */
  guestKey: string | null = null,
  /** The browser's anonymous cookie consent id: its cookie choice is recorded with the account too. */
  cookieConsentId: string | null = null,
): Promise<TSignInResult> {
  // A blocked address (automatic after repeated failures, or on the deny list) is refused before
  // anything else, even with the right password. Fail closed: if blocks cannot be read, nobody signs in.
  let block: Awaited<ReturnType<typeof activeBlockOf>>;
  try {
    block = await activeBlockOf(client.ip);
  } catch (error) {
    logLine('error', 'auth', `sign-in refused: the address blocks are unavailable (${errorSummary(error)})`);
    await noteAttempt(client, 'unavailable');
    return { ok: false, code: 'unavailable' };
  }
  if (block) {
    await noteAttempt(client, 'blocked');
    // The same answer as throttling: the visitor learns to wait, not that the address is listed.
    const retryAfterSeconds = block.blockedUntil ? Math.max(1, Math.ceil((block.blockedUntil.getTime() - Date.now()) / 1000)) : undefined;
    return retryAfterSeconds ? { ok: false, code: 'throttled', retryAfterSeconds } : { ok: false, code: 'throttled' };
  }

  const parsed = ZSignInInput.safeParse(rawInput);
  // A value no form sends (a password of 1,000+ characters, an e-mail of 300+): no account matches it.
  if (!parsed.success) {
    await noteFailure(client);
    return { ok: false, code: 'invalid' };
  }
  const input = parsed.data;
  const email = input.email.toLowerCase();

  const [user] = email
    ? await db
        .select({ id: users.id, passwordHash: users.passwordHash, status: users.status, kind: users.kind, passwordChangedAt: users.passwordChangedAt })
        .from(users)
        .where(eq(sql`lower(${users.email})`, email))
    : [];
  const userId = user?.id ?? null;
  const knownDevice = knownDeviceOf(deviceCookie, email);
  const counters = signInCounters(email, user?.passwordChangedAt ?? null, client.ip, knownDevice);

  // Fail closed: when the attempt cannot be counted, nobody signs in.
  let hits: TThrottleHit[];
  try {
    hits = await Promise.all(counters.all.map(([rule, key]) => hitThrottle(rule, key)));
  } catch (error) {
    logLine('error', 'auth', `sign-in refused: the throttle store is unavailable (${errorSummary(error)})`);
    await noteAttempt(client, 'unavailable', userId);
    return { ok: false, code: 'unavailable' };
  }
  const refusedBy = hits.filter((hit) => !hit.allowed);
  if (refusedBy.length > 0) {
    // Refused unchecked, this attempt guessed nothing: it uses up no other counter's allowance.
    await takeBack(hits.filter((hit) => hit.allowed));
    await noteAttempt(client, 'throttled', userId);
    return { ok: false, code: 'throttled', retryAfterSeconds: Math.max(...refusedBy.map((hit) => hit.retryAfterSeconds)) };
  }

  const passwordMatches = await verifyPassword(input.password, user?.passwordHash ?? null);
  // A failure keeps its hits: they are the count.
  if (!user || !passwordMatches) {
    await noteFailure(client, userId);
    return { ok: false, code: 'invalid' };
  }
  // The right password is no failure, whatever the answer says next.
  await takeBack(hits);
  if (user.status === 'pending') {
    await noteAttempt(client, 'not_activated', user.id);
    return { ok: false, code: 'not_activated' };
  }
  if (user.status === 'disabled') {
    await noteAttempt(client, 'disabled', user.id);
    return { ok: false, code: 'disabled' };
  }
  // Locked by a confirmed "Delete my account" until it is carried out; the mailed link cancels it.
  if (await isErasurePending(user.id)) {
    await noteAttempt(client, 'disabled', user.id);
    return { ok: false, code: 'erasure_pending' };
  }
  // Staff sign in through the back office, behind a second factor; the message is that of a wrong
  // password (lib/auth/sign-in-messages.ts), so this form does not tell which addresses are staff.
  if (user.kind === 'staff') {
    await noteAttempt(client, 'wrong_kind', user.id);
    return { ok: false, code: 'staff_back_office' };
  }

  // GDPR art. 8, when the site owner requires it: a parental registration waits for a privacy officer
  // to record the parent's confirmation. Said only after the right password, like not_activated.
  if (await awaitsParentalConfirmation(user.id)) {
    await noteAttempt(client, 'parental_pending', user.id);
    return { ok: false, code: 'parental_pending' };
  }

  // A successful sign-in ends this client's back-off (before the session exists, so a failure here opens none).
  await clearThrottle(throttleRules.loginFailuresPerAccountAndClient, counters.backOffKey);
  const session = await db.transaction(async (tx) => {
    const opened = await createSession(tx, { userId: user.id, remember: input.remember, client });
    await recordActivity({ kind: 'login' }, { userId: user.id, client }, tx);
    // In the session's transaction: a session is never opened without its row in the access log.
    await recordAccess({ kind: 'customer_sign_in', step: 'password', outcome: 'success', userId: user.id, client }, tx);
    await adoptGuestVisit(tx, guestKey, user.id);
    await linkCookieConsent(tx, cookieConsentId, user.id);
    return opened;
  });
  countUsage('sign-in');
  return { ok: true, sessionToken: session.token, userId: user.id, deviceCookie: deviceCookieValue(email, knownDevice) };
}

/**
 * Records a refused attempt in the access log. The answer to the visitor does not wait on it
 * succeeding: a refused attempt stays refused, and a failure to record is logged (without values).
 */
async function noteAttempt(client: TClientInfo, outcome: Exclude<TAccessOutcome, 'success'>, userId: string | null = null) {
  try {
    await recordAccess({ kind: 'customer_sign_in', step: 'password', outcome, userId, client });
  } catch (error) {
    logLine('error', 'auth', `a refused sign-in could not be written to the access log (${errorSummary(error)})`);
  }
}

/** A wrong e-mail or password: recorded, and counted towards blocking the address. */
async function noteFailure(client: TClientInfo, userId: string | null = null) {
  await noteAttempt(client, 'invalid', userId);
  try {
    await countSignInFailure(client.ip);
  } catch (error) {
    // The answer is a refusal anyway; the per-address throttle still holds this address back.
    logLine('error', 'auth', `a failed sign-in could not be counted towards an address block (${errorSummary(error)})`);
  }
}

/**
 * The counters an attempt adds to, with their keys. The account's part of a key includes when its
 * password last changed, so a password reset starts every back-off of the account afresh (the old
 * counters are left to the daily purge). An unknown address is keyed the same way, so the counting
 * tells nothing about which addresses have accounts.
 */
export function signInCounters(email: string, passwordChangedAt: Date | null, ip: string | null, knownDevice: string | null) {
  const address = throttleAddressKey(ip);
  const account = `${email}\0${passwordChangedAt?.getTime() ?? 0}`;
  const backOffKey = `${account}\0${knownDevice ? `device:${knownDevice}` : `address:${address}`}`;
  const all: Array<[TThrottleRule, string]> = [
    [throttleRules.loginFailuresPerIp, address],
    [throttleRules.loginFailuresPerAccountAndClient, backOffKey],
  ];
  if (!knownDevice) all.push([throttleRules.loginFailuresPerAccount, account]);
  return { all, backOffKey };
}

async function takeBack(hits: TThrottleHit[]) {
  try {
    await Promise.all(hits.map((hit) => takeBackThrottle(hit)));
  } catch (error) {
    // The count stays higher than it should: stricter, never looser.
    logLine('error', 'auth', `a sign-in attempt could not be taken back from its counters (${errorSummary(error)})`);
  }
}
