import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountTokens, consentLedger, mailOutbox, sessions, users } from '@/db/schema';
import { activateAccount, INVALID_ACTIVATION_LINK, isActivationLinkUsable } from '@/lib/accounts/activate-account';
import { purgeUnactivatedAccounts } from '@/lib/accounts/purge-unactivated-accounts';
import { sha256Hex } from '@/lib/auth/secret-tokens';
import { signInWithPassword } from '@/lib/auth/sign-in-with-password';
import { closeDatabase, db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import {
  ACTIVATION_SUBJECT,
  alterToken,
  clientAt,
  insertCustomer,
  linkFrom,
  messagesTo,
  registerAndReceiveActivation,
  registerCustomer,
  RESET_SUBJECT,
  sessionRowsOf,
  startMailDelivery,
  uniqueEmail,
  userByEmail,
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

async function expectActivationRefused(token: string) {
  const error = await activateAccount(token).then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe('INVALID_INPUT');
  expect((error as AppError).userMessage).toBe(INVALID_ACTIVATION_LINK);
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('activation link', () => {
  it('activates the account once; the same link is refused afterwards', async () => {
    const { email, token } = await registerAndReceiveActivation(mail.sink);
    expect(await isActivationLinkUsable(token)).toBe(true);

    await activateAccount(token);
    const user = await userByEmail(email);
    expect(user!.status).toBe('active');
    expect(user!.activatedAt).toBeInstanceOf(Date);

    expect(await isActivationLinkUsable(token)).toBe(false);
    await expectActivationRefused(token);
    const [row] = await db.select().from(accountTokens).where(eq(accountTokens.tokenSha256, sha256Hex(token)));
    expect(row!.usedAt).toBeInstanceOf(Date);
  });

  it('is refused once expired, and the account stays pending', async () => {
    const { email, token } = await registerAndReceiveActivation(mail.sink);
    await db
      .update(accountTokens)
      .set({ expiresAt: new Date(Date.now() - 1_000) })
      .where(eq(accountTokens.tokenSha256, sha256Hex(token)));
    expect(await isActivationLinkUsable(token)).toBe(false);
    await expectActivationRefused(token);
    expect((await userByEmail(email))!.status).toBe('pending');
  });

  it('is refused with one character changed, and the real link still works afterwards', async () => {
    const { email, token } = await registerAndReceiveActivation(mail.sink);
    const altered = alterToken(token);
    expect(altered).not.toBe(token);
    expect(altered).toHaveLength(token.length);
    await expectActivationRefused(altered);
    expect((await userByEmail(email))!.status).toBe('pending');
    await activateAccount(token);
    expect((await userByEmail(email))!.status).toBe('active');
  });

  it.each([
    ['empty', ''],
    ['too short', 'abc'],
    ['one character too long', `${'A'.repeat(43)}B`],
    ['a character outside base64url', `${'A'.repeat(42)}!`],
    ['a path', '../../../etc/passwd'],
    ['SQL', "' or '1'='1"],
  ])('refuses a malformed token (%s)', async (_label, token) => {
    expect(await isActivationLinkUsable(token)).toBe(false);
    await expectActivationRefused(token);
  });

  it('does not accept a password-reset token', async () => {
    const customer = await insertCustomer();
    await sendAccountLinkAndFinish('password_reset', { email: customer.email }, clientAt());
    const resetToken = linkFrom(await waitForMail(mail.sink, customer.email, RESET_SUBJECT), 'reset-password').token;
    await expectActivationRefused(resetToken);
  });

  it('activates the account behind the link only', async () => {
    const first = await registerAndReceiveActivation(mail.sink);
    const second = await registerAndReceiveActivation(mail.sink);
    await activateAccount(first.token);
    expect((await userByEmail(first.email))!.status).toBe('active');
    expect((await userByEmail(second.email))!.status).toBe('pending');
  });
});

describe('sign-in before activation', () => {
  it('is refused after the right password with not_activated, and opens no session', async () => {
    const { email, password } = await registerCustomer();
    const user = await userByEmail(email);
    expect(await signInWithPassword({ email, password }, clientAt())).toEqual({ ok: false, code: 'not_activated' });
    expect(await sessionRowsOf(user!.id)).toEqual([]);
  });

  it('answers a wrong password for a pending account like any wrong password', async () => {
    const { email } = await registerCustomer();
    expect(await signInWithPassword({ email, password: 'Not-The-Password-1' }, clientAt())).toEqual({ ok: false, code: 'invalid' });
  });

  it('works once the account is activated', async () => {
    const { email, password, token } = await registerAndReceiveActivation(mail.sink);
    await activateAccount(token);
    const result = await signInWithPassword({ email, password }, clientAt());
    expect(result.ok).toBe(true);
    expect(await sessionRowsOf((await userByEmail(email))!.id)).toHaveLength(1);
  });
});

describe('sending the activation link again', () => {
  it('mails a new link and retires the earlier one', async () => {
    const registered = await registerAndReceiveActivation(mail.sink);
    await sendAccountLinkAndFinish('activation', { email: registered.email.toUpperCase() }, clientAt());
    await mail.sink.waitFor(() => messagesTo(mail.sink, registered.email, ACTIVATION_SUBJECT).length === 2);
    const [, second] = messagesTo(mail.sink, registered.email, ACTIVATION_SUBJECT);
    const fresh = linkFrom(second!, 'activate').token;
    expect(fresh).not.toBe(registered.token);

    await expectActivationRefused(registered.token);
    await activateAccount(fresh);
    expect((await userByEmail(registered.email))!.status).toBe('active');
  });

  it('answers the same for an unknown address and for an active account, and mails neither', async () => {
    const unknown = uniqueEmail('nobody');
    const active = await insertCustomer();
    await expect(sendAccountLinkAndFinish('activation', { email: unknown }, clientAt())).resolves.toBeUndefined();
    await expect(sendAccountLinkAndFinish('activation', { email: active.email }, clientAt())).resolves.toBeUndefined();
    const outbox = await db.select({ id: mailOutbox.id }).from(mailOutbox).where(eq(mailOutbox.subjectUserId, active.userId));
    expect(outbox).toEqual([]);
    await pause(1_500);
    expect(messagesTo(mail.sink, unknown)).toEqual([]);
    expect(messagesTo(mail.sink, active.email)).toEqual([]);
  });

  it('is throttled per address', async () => {
    const { email } = await registerCustomer();
    for (let attempt = 0; attempt < 3; attempt += 1) await sendAccountLinkAndFinish('activation', { email }, clientAt());
    const error = await sendAccountLinkAndFinish('activation', { email }, clientAt()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('RATE_LIMITED');
  });
});

describe('purging accounts never activated', () => {
  it('deletes pending accounts older than 7 days with their consent records, tokens and sessions; keeps the rest', async () => {
    const stale = await registerAndReceiveActivation(mail.sink, { marketing: true });
    const recent = await registerCustomer();
    const activatedLongAgo = await registerAndReceiveActivation(mail.sink);
    await activateAccount(activatedLongAgo.token);

    const staleUser = (await userByEmail(stale.email))!;
    const recentUser = (await userByEmail(recent.email))!;
    const activeUser = (await userByEmail(activatedLongAgo.email))!;
    const eightDaysAgo = new Date(Date.now() - 8 * 86_400_000);
    const sixDaysAgo = new Date(Date.now() - 6 * 86_400_000);
    await db.update(users).set({ createdAt: eightDaysAgo }).where(inArray(users.id, [staleUser.id, activeUser.id]));
    await db.update(users).set({ createdAt: sixDaysAgo }).where(eq(users.id, recentUser.id));
    expect(await db.select().from(consentLedger).where(eq(consentLedger.subjectUserId, staleUser.id))).toHaveLength(3);

    const { deleted } = await purgeUnactivatedAccounts();
    expect(deleted).toBeGreaterThanOrEqual(1);

    expect(await userByEmail(stale.email)).toBeNull();
    expect(await db.select().from(consentLedger).where(eq(consentLedger.subjectUserId, staleUser.id))).toEqual([]);
    expect(await db.select().from(accountTokens).where(eq(accountTokens.userId, staleUser.id))).toEqual([]);
    // The outbox keeps its delivery record, no longer linked to the person.
    expect(await db.select().from(mailOutbox).where(eq(mailOutbox.subjectUserId, staleUser.id))).toEqual([]);
    await expectActivationRefused(stale.token);

    expect((await userByEmail(recent.email))!.status).toBe('pending');
    expect(await db.select().from(consentLedger).where(eq(consentLedger.subjectUserId, recentUser.id))).toHaveLength(2);
    expect((await userByEmail(activatedLongAgo.email))!.status).toBe('active');
    expect(await db.select().from(consentLedger).where(eq(consentLedger.subjectUserId, activeUser.id))).toHaveLength(2);

    // Nothing left to purge: a second run deletes none of these.
    await purgeUnactivatedAccounts();
    expect(await userByEmail(recent.email)).not.toBeNull();
    expect(await userByEmail(activatedLongAgo.email)).not.toBeNull();
  });

  it('leaves an account that signed in alone even when it is old', async () => {
    const customer = await insertCustomer();
    await db.update(users).set({ createdAt: new Date(Date.now() - 30 * 86_400_000) }).where(eq(users.id, customer.userId));
    await signInWithPassword({ email: customer.email, password: customer.password }, clientAt());
    await purgeUnactivatedAccounts();
    expect(await userByEmail(customer.email)).not.toBeNull();
    expect(await db.select().from(sessions).where(and(eq(sessions.userId, customer.userId)))).toHaveLength(1);
  });
});
