/**
 * The login e-mail change staff start for a customer, end to end through real SMTP: the link goes
 * to the new address, the old address is told when it is requested and when it took effect, and
 * the link works once, for 24 hours, and not for an address taken meanwhile.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountTokens, auditTrail, users } from '@/db/schema';
import { loadSession } from '@/lib/auth/sessions/load-session';
import { sha256Hex } from '@/lib/auth/secret-tokens';
import { confirmEmailChange, EMAIL_CHANGE_TAKEN, INVALID_EMAIL_CHANGE_LINK, isEmailChangeLinkUsable } from '@/lib/customers/confirm-email-change';
import { requestCustomerEmailChange } from '@/lib/customers/request-email-change';
import { closeDatabase, db } from '@/lib/db/client';
import type { TSinkMessage } from '../../helpers/smtp-sink';
import { clientAt, startMailDelivery, uniqueEmail, userByEmail, waitForMail, type TMailDelivery } from '../../helpers/accounts-factory';
import { createCustomer, signIn } from '../../helpers/actor-factory';
import { staffActorFor } from '../../helpers/staff-actor';

let mail: TMailDelivery;
beforeAll(async () => {
  mail = await startMailDelivery();
});
afterAll(async () => {
  await mail.stop();
  await closeDatabase();
});

const CONFIRM_SUBJECT = /^Confirm your new .+ sign-in e-mail$/;
const REQUESTED_SUBJECT = /^A change of your .+ sign-in e-mail was requested$/;
const CHANGED_SUBJECT = /^Your .+ sign-in e-mail was changed$/;

const tokenFrom = (message: TSinkMessage) => {
  const match = /https?:\/\/[^\s"<>]+\/confirm-email\/([A-Za-z0-9_-]+)/.exec(message.text);
  if (!match) throw new Error('No /confirm-email/ link in the message');
  return match[1]!;
};

async function requestChange() {
  const officer = await staffActorFor('privacy_officer');
  const customer = await createCustomer({ fullName: 'Nora Quill' });
  const newEmail = uniqueEmail('nora-new');
  await requestCustomerEmailChange(officer, customer.userId, { newEmail: `  ${newEmail}  ` });
  const confirm = await waitForMail(mail.sink, newEmail, CONFIRM_SUBJECT);
  return { officer, customer, newEmail, token: tokenFrom(confirm), confirm };
}

describe('a login e-mail change started by staff', () => {
  it('mails the link to the new address, tells the old one twice, and changes only when the link is opened, once', async () => {
    const { officer, customer, newEmail, token, confirm } = await requestChange();
    expect(confirm.text).toContain(newEmail);
    const requested = await waitForMail(mail.sink, customer.email, REQUESTED_SUBJECT);
    expect(requested.text).toContain(newEmail);
    expect(requested.text).not.toContain('/confirm-email/');
    const { token: sessionToken } = await signIn(customer.userId);

    // Nothing has changed before the link is opened.
    expect((await userByEmail(customer.email))?.id).toBe(customer.userId);
    expect(await isEmailChangeLinkUsable(token)).toBe(true);
    const [row] = await db.select().from(accountTokens).where(eq(accountTokens.tokenSha256, sha256Hex(token)));
    expect(row).toMatchObject({ purpose: 'email_change', newEmail, userId: customer.userId });
    expect(row!.expiresAt.getTime() - row!.createdAt.getTime()).toBeCloseTo(24 * 3_600_000, -4);

    const client = clientAt();
    expect(await confirmEmailChange(token, client)).toEqual({ ok: true });
    expect((await userByEmail(newEmail))?.id).toBe(customer.userId);
    expect(await userByEmail(customer.email)).toBeNull();
    expect(await loadSession(sessionToken)).toMatchObject({ state: 'ended' });
    const changed = await waitForMail(mail.sink, customer.email, CHANGED_SUBJECT);
    expect(changed.text).toContain(newEmail);

    expect(await confirmEmailChange(token, client)).toEqual({ ok: false, reason: 'invalid', message: INVALID_EMAIL_CHANGE_LINK });
    expect(await isEmailChangeLinkUsable(token)).toBe(false);

    const entries = await db.select().from(auditTrail).where(eq(auditTrail.subjectUserId, customer.userId)).orderBy(auditTrail.id);
    expect(entries.map((entry) => [entry.action, entry.actorUserId, entry.details])).toEqual([
      ['customer.email-change-requested', officer.userId, { changedFields: ['email'] }],
      ['account.email-changed', customer.userId, { changedFields: ['email'] }],
    ]);
    expect(JSON.stringify(entries)).not.toContain(newEmail);
    expect(JSON.stringify(entries)).not.toContain(customer.email);
  });

  it('refuses an expired link', async () => {
    const { customer, token } = await requestChange();
    await db.update(accountTokens).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(accountTokens.tokenSha256, sha256Hex(token)));
    expect(await isEmailChangeLinkUsable(token)).toBe(false);
    expect(await confirmEmailChange(token, clientAt())).toMatchObject({ ok: false, reason: 'invalid' });
    expect((await userByEmail(customer.email))?.id).toBe(customer.userId);
  });

  it('refuses when the new address was taken meanwhile, and the link is spent', async () => {
    const { customer, newEmail, token } = await requestChange();
    const { token: sessionToken } = await signIn(customer.userId);
    const other = await createCustomer({ email: newEmail.toUpperCase() });
    expect(await confirmEmailChange(token, clientAt())).toEqual({ ok: false, reason: 'taken', message: EMAIL_CHANGE_TAKEN });
    expect((await userByEmail(customer.email))?.id).toBe(customer.userId);
    expect((await userByEmail(newEmail))?.id).toBe(other.userId);
    expect(await loadSession(sessionToken)).toMatchObject({ state: 'active' });
    expect(await isEmailChangeLinkUsable(token)).toBe(false);
  });

  it('keeps only the latest request usable', async () => {
    const { officer, customer, token } = await requestChange();
    const newer = uniqueEmail('nora-newer');
    await requestCustomerEmailChange(officer, customer.userId, { newEmail: newer });
    const newerToken = tokenFrom(await waitForMail(mail.sink, newer, CONFIRM_SUBJECT));
    expect(await confirmEmailChange(token, clientAt())).toMatchObject({ ok: false, reason: 'invalid' });
    expect(await confirmEmailChange(newerToken, clientAt())).toEqual({ ok: true });
    expect((await userByEmail(newer))?.id).toBe(customer.userId);
  });

  it('refuses a taken, unchanged or malformed new address with a message on the field, and other roles', async () => {
    const officer = await staffActorFor('privacy_officer');
    const customer = await createCustomer();
    const other = await createCustomer();
    await expect(requestCustomerEmailChange(officer, customer.userId, { newEmail: other.email.toUpperCase() })).rejects.toMatchObject({ code: 'INVALID_INPUT', fieldErrors: { newEmail: expect.stringContaining('already') } });
    await expect(requestCustomerEmailChange(officer, customer.userId, { newEmail: customer.email })).rejects.toMatchObject({ code: 'INVALID_INPUT', fieldErrors: { newEmail: expect.any(String) } });
    await expect(requestCustomerEmailChange(officer, customer.userId, { newEmail: 'not an address' })).rejects.toThrow(/valid e-mail/);
    const staffAccount = await staffActorFor('sales');
    await expect(requestCustomerEmailChange(officer, staffAccount.userId, { newEmail: uniqueEmail('x') })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    for (const role of ['admin', 'sales', 'catalog'] as const) {
      await expect(requestCustomerEmailChange(await staffActorFor(role), customer.userId, { newEmail: uniqueEmail('y') })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    const tokens = await db.select().from(accountTokens).where(eq(accountTokens.userId, customer.userId));
    expect(tokens).toHaveLength(0);
    const [row] = await db.select({ email: users.email }).from(users).where(eq(users.id, customer.userId));
    expect(row!.email).toBe(customer.email);
  });

  it('refuses a malformed link without touching anything', async () => {
    expect(await confirmEmailChange('short', clientAt())).toMatchObject({ ok: false, reason: 'invalid' });
    expect(await isEmailChangeLinkUsable('short')).toBe(false);
  });
});
