import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountTokens, mailOutbox, sessions, users } from '@/db/schema';
import { changePassword } from '@/lib/accounts/change-password';
import { sendAccountLink } from '@/lib/accounts/send-account-link';
import { INVALID_RESET_LINK, isResetLinkUsable, resetPassword } from '@/lib/accounts/reset-password';
import type { TCustomerActor } from '@/lib/auth/guards';
import { createSecretToken, sha256Hex } from '@/lib/auth/secret-tokens';
import { loadSession } from '@/lib/auth/sessions/load-session';
import { signInWithPassword } from '@/lib/auth/sign-in-with-password';
import { closeDatabase, db } from '@/lib/db/client';
import { AppError, toActionFailure } from '@/lib/errors';
import {
  ACTIVATION_SUBJECT,
  afterResponse,
  alterToken,
  clientAt,
  insertCustomer,
  linkFrom,
  messagesTo,
  PASSWORD_CHANGED_SUBJECT,
  registerCustomer,
  RESET_SUBJECT,
  sessionRowsOf,
  startMailDelivery,
  uniqueEmail,
  waitForMail,
  sendAccountLinkAndFinish,
  type TMailDelivery,
} from '../../helpers/accounts-factory';

let mail: TMailDelivery;

beforeAll(async () => {
  mail = await startMailDelivery();
});

afterAll(async () => {
  await mail?.stop();
  await closeDatabase();
});

const NEW_PASSWORD = 'Saffron-Lighthouse-Drift-8';
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function signIn(email: string, password: string) {
  const result = await signInWithPassword({ email, password }, clientAt());
  if (!result.ok) throw new Error(`sign-in failed: ${result.code}`);
  return result;
}

async function requestResetToken(email: string) {
  const before = messagesTo(mail.sink, email, RESET_SUBJECT).length;
  await sendAccountLinkAndFinish('password_reset', { email }, clientAt());
  await mail.sink.waitFor(() => messagesTo(mail.sink, email, RESET_SUBJECT).length > before);
  return linkFrom(messagesTo(mail.sink, email, RESET_SUBJECT).at(-1)!, 'reset-password');
}

async function failureOf(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).not.toBeNull();
  return { error, failure: toActionFailure(error) };
}

describe('password reset by mail', () => {
  it('sets the new password, ends every session, tells the owner, and the link works once', async () => {
    const customer = await insertCustomer();
    const { sessionToken } = await signIn(customer.email, customer.password);
    const { token, url } = await requestResetToken(customer.email);
    expect(url).toMatch(/\/reset-password\/[A-Za-z0-9_-]{43}$/);
    expect(await isResetLinkUsable(token)).toBe(true);

    await resetPassword(token, { password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });

    expect(await loadSession(sessionToken)).toEqual({ state: 'ended', reason: 'password_reset', kind: 'customer' });
    expect(await db.select().from(sessions).where(and(eq(sessions.userId, customer.userId), isNull(sessions.endedAt)))).toEqual([]);
    expect(await signInWithPassword({ email: customer.email, password: customer.password }, clientAt())).toEqual({ ok: false, code: 'invalid' });
    expect((await signIn(customer.email, NEW_PASSWORD)).ok).toBe(true);
    const [user] = await db.select().from(users).where(eq(users.id, customer.userId));
    expect(user!.passwordChangedAt).toBeInstanceOf(Date);

    const notice = await waitForMail(mail.sink, customer.email, PASSWORD_CHANGED_SUBJECT);
    expect(notice.text).not.toContain(NEW_PASSWORD);

    expect(await isResetLinkUsable(token)).toBe(false);
    const second = await failureOf(resetPassword(token, { password: 'Another-Fresh-Pass-5', confirmPassword: 'Another-Fresh-Pass-5' }));
    expect(second.failure.error).toBe(INVALID_RESET_LINK);
    expect((await signIn(customer.email, NEW_PASSWORD)).ok).toBe(true);
  });

  it('gives the same answer for an unknown address and a pending account, and mails neither', async () => {
    const unknown = uniqueEmail('nobody');
    const pending = await registerCustomer();
    const outboxBefore = await db.select({ id: mailOutbox.id }).from(mailOutbox);
    await expect(sendAccountLinkAndFinish('password_reset', { email: unknown }, clientAt())).resolves.toBeUndefined();
    await expect(sendAccountLinkAndFinish('password_reset', { email: pending.email }, clientAt())).resolves.toBeUndefined();
    expect(await db.select({ id: mailOutbox.id }).from(mailOutbox)).toHaveLength(outboxBefore.length);
    await pause(1_500);
    expect(messagesTo(mail.sink, unknown)).toEqual([]);
    expect(messagesTo(mail.sink, pending.email, RESET_SUBJECT)).toEqual([]);
  });

  it.each([
    ['password_reset', 'an active account', () => insertCustomer()],
    ['activation', 'a pending account', () => insertCustomer({ status: 'pending' })],
  ] as const)('%s for %s: answers as for an unknown address, and issues the link only after the response', async (kind, _label, makeAccount) => {
    const account = await makeAccount();
    const tokensOf = () => db.select({ purpose: accountTokens.purpose }).from(accountTokens).where(eq(accountTokens.userId, account.userId));
    const mailOf = () => db.select({ template: mailOutbox.template }).from(mailOutbox).where(eq(mailOutbox.subjectUserId, account.userId));

    const forAccount = afterResponse();
    const forNobody = afterResponse();
    expect(await sendAccountLink(kind, { email: account.email }, clientAt(), forAccount.defer)).toBeUndefined();
    expect(await sendAccountLink(kind, { email: uniqueEmail('nobody') }, clientAt(), forNobody.defer)).toBeUndefined();
    // Answered, with nothing done yet: the same work waits for after the response in both cases.
    expect([forAccount.pendingCount(), forNobody.pendingCount()]).toEqual([1, 1]);
    expect(await tokensOf()).toEqual([]);
    expect(await mailOf()).toEqual([]);

    await forAccount.run();
    await forNobody.run();
    expect(await tokensOf()).toEqual([{ purpose: kind }]);
    expect(await mailOf()).toEqual([{ template: kind === 'activation' ? 'account-activation' : 'password-reset' }]);
    await waitForMail(mail.sink, account.email, kind === 'activation' ? ACTIVATION_SUBJECT : RESET_SUBJECT);
  });

  it('refuses an expired, altered or malformed link, and an activation token', async () => {
    const customer = await insertCustomer();
    const { token } = await requestResetToken(customer.email);
    const form = { password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD };

    expect((await failureOf(resetPassword(alterToken(token), form))).failure.error).toBe(INVALID_RESET_LINK);
    expect((await failureOf(resetPassword('short', form))).failure.error).toBe(INVALID_RESET_LINK);

    await db.update(accountTokens).set({ expiresAt: new Date(Date.now() - 1_000) }).where(eq(accountTokens.tokenSha256, sha256Hex(token)));
    expect(await isResetLinkUsable(token)).toBe(false);
    expect((await failureOf(resetPassword(token, form))).failure.error).toBe(INVALID_RESET_LINK);

    const pending = await registerCustomer();
    const activation = linkFrom(await waitForMail(mail.sink, pending.email, /^Activate/), 'activate').token;
    expect((await failureOf(resetPassword(activation, form))).failure.error).toBe(INVALID_RESET_LINK);

    expect((await signIn(customer.email, customer.password)).ok).toBe(true);
  });

  it('is valid for one hour, and a newer link retires the older', async () => {
    const customer = await insertCustomer();
    const older = await requestResetToken(customer.email);
    const [row] = await db.select().from(accountTokens).where(eq(accountTokens.tokenSha256, sha256Hex(older.token)));
    expect((row!.expiresAt.getTime() - row!.createdAt.getTime()) / 60_000).toBeCloseTo(60, 0);
    const newer = await requestResetToken(customer.email);
    expect(await isResetLinkUsable(older.token)).toBe(false);
    expect(await isResetLinkUsable(newer.token)).toBe(true);
  });

  it('checks the new password and its confirmation before using the link', async () => {
    const customer = await insertCustomer();
    const { token } = await requestResetToken(customer.email);

    const mismatch = await failureOf(resetPassword(token, { password: NEW_PASSWORD, confirmPassword: `${NEW_PASSWORD}x` }));
    expect(mismatch.failure.fieldErrors.confirmPassword).toBe('The two passwords differ.');
    const tooLong = 'Rq5-'.padEnd(73, 'r');
    const long = await failureOf(resetPassword(token, { password: tooLong, confirmPassword: tooLong }));
    expect(long.failure.fieldErrors.password).toMatch(/^Use at most 72 bytes/);
    const common = await failureOf(resetPassword(token, { password: 'iloveyou', confirmPassword: 'iloveyou' }));
    expect(common.failure.fieldErrors.password).toBe('This password is on a list of commonly used passwords. Please choose another.');

    // None of these used up the link.
    expect(await isResetLinkUsable(token)).toBe(true);
    await resetPassword(token, { password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
    expect((await signIn(customer.email, NEW_PASSWORD)).ok).toBe(true);
  });
});

describe('password change', () => {
  /** The actor the guard would make for this session (tests cannot run the guard outside Next). */
  async function actorFor(sessionToken: string): Promise<TCustomerActor> {
    const loaded = await loadSession(sessionToken);
    if (loaded.state !== 'active') throw new Error('no active session');
    return { kind: 'customer', userId: loaded.userId, sessionId: loaded.sessionId, fullName: loaded.fullName, email: loaded.email } as TCustomerActor;
  }

  it('ends the other sessions and gives this one a new id: the old id is refused, the new accepted', async () => {
    const customer = await insertCustomer();
    const { sessionToken } = await signIn(customer.email, customer.password);
    const actor = await actorFor(sessionToken);
    // Another open session of the same account (opened on another device before this one).
    const other = createSecretToken();
    await db.insert(sessions).values({ tokenSha256: other.sha256, userId: customer.userId, expiresAt: new Date(Date.now() + 3_600_000) });
    expect((await loadSession(other.token)).state).toBe('active');

    const { sessionToken: rotated } = await changePassword(actor, {
      currentPassword: customer.password,
      password: NEW_PASSWORD,
      confirmPassword: NEW_PASSWORD,
    });

    expect(rotated).not.toBe(sessionToken);
    expect(await loadSession(other.token)).toEqual({ state: 'ended', reason: 'password_changed', kind: 'customer' });
    expect(await loadSession(sessionToken)).toEqual({ state: 'none' });
    const current = await loadSession(rotated);
    expect(current.state).toBe('active');
    expect(current.state === 'active' && current.sessionId).toBe(actor.sessionId);

    expect(await signInWithPassword({ email: customer.email, password: customer.password }, clientAt())).toEqual({ ok: false, code: 'invalid' });
    await waitForMail(mail.sink, customer.email, PASSWORD_CHANGED_SUBJECT);
  });

  it('requires the current password and changes nothing without it', async () => {
    const customer = await insertCustomer();
    const { sessionToken } = await signIn(customer.email, customer.password);
    const actor = await actorFor(sessionToken);
    const [before] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, customer.userId));

    const { error, failure } = await failureOf(
      changePassword(actor, { currentPassword: 'Not-My-Password-1', password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }),
    );
    expect(error).toBeInstanceOf(AppError);
    expect(failure.fieldErrors.currentPassword).toBe('That is not your current password.');
    const [after] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, customer.userId));
    expect(after!.passwordHash).toBe(before!.passwordHash);
    expect((await loadSession(sessionToken)).state).toBe('active');
    expect(await sessionRowsOf(customer.userId)).toHaveLength(1);
  });

  it('applies the password rules to the new password', async () => {
    const customer = await insertCustomer();
    const actor = await actorFor((await signIn(customer.email, customer.password)).sessionToken);
    const tooLong = 'Wv2-'.padEnd(73, 'w');
    const { failure } = await failureOf(changePassword(actor, { currentPassword: customer.password, password: tooLong, confirmPassword: tooLong }));
    expect(failure.fieldErrors.password).toMatch(/^Use at most 72 bytes/);
  });
});
