import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { after } from 'next/server';
import { z } from 'zod';
import { users } from '@/db/schema';
import { db, type TTransaction } from '@/lib/db/client';
import { serverEnv } from '@/lib/env';
import { AppError } from '@/lib/errors';
import type { TClientInfo } from '@/lib/http/client-info';
import { errorSummary } from '@/lib/log/error-summary';
import { logLine } from '@/lib/log/log-line';
import { queueMail } from '@/lib/mail/send-mail';
import { hitThrottle } from '@/lib/throttle/hit-throttle';
import { throttleRules } from '@/lib/throttle/rules';
import { issueAccountToken } from './account-tokens';

const ZEmail = z.object({
  email: z.string({ error: 'Enter your e-mail address.' }).trim().max(254).pipe(z.email('Enter a valid e-mail address, like name@example.com.')),
});

/** Runs work once the response has been sent; `after` from next/server unless a caller (a test) holds it. */
export type TDeferWork = (work: () => Promise<void>) => void;

/**
 * Mails a new activation link (for a pending account) or a password-reset link (for an active
 * one). The answer is the same whether or not the address has such an account, and so is its
 * timing: only the throttle is checked before answering; looking the address up, issuing the token
 * and queueing the mail (one transaction) happen after the response has been sent.
 */
export async function sendAccountLink(
  kind: 'activation' | 'password_reset',
  form: Record<string, unknown>,
  client: TClientInfo,
  defer: TDeferWork = after,
) {
  const { email } = ZEmail.parse(form);
  const [emailState, ipState] = await Promise.all([
    hitThrottle(throttleRules.mailLinksPerEmail, `${kind}:${email}`),
    hitThrottle(throttleRules.mailLinksPerIp, client.ip ?? 'unknown'),
  ]);
  if (!emailState.allowed || !ipState.allowed) {
    throw new AppError('RATE_LIMITED', `We have just sent a link. Please wait ${Math.ceil(Math.max(emailState.retryAfterSeconds, ipState.retryAfterSeconds) / 60)} minutes before asking again.`);
  }
  defer(async () => {
    try {
      await issueAccountLink(kind, email);
    } catch (error) {
      logLine('error', 'accounts', `a ${kind} link could not be issued (${errorSummary(error)})`);
    }
  });
}

async function issueAccountLink(kind: 'activation' | 'password_reset', email: string) {
  await db.transaction(async (tx) => {
    const [user] = await tx
      .select({ id: users.id, email: users.email, fullName: users.fullName, status: users.status, kind: users.kind })
      .from(users)
      .where(eq(sql`lower(${users.email})`, email.toLowerCase()));
    if (!user || user.kind !== 'customer') return;
    await queueAccountLinkMail(tx, kind, user);
  });
}

/**
 * Issues the link and queues its mail in the caller's transaction, when the account's status
 * allows that kind (activation: pending; reset: active). Returns whether a mail was queued. Also
 * used by staff sending a reset (lib/customers/send-customer-password-reset.ts).
 */
export async function queueAccountLinkMail(
  tx: TTransaction,
  kind: 'activation' | 'password_reset',
  user: { id: string; email: string; fullName: string; status: 'pending' | 'active' | 'disabled' },
): Promise<boolean> {
  const { APP_URL } = serverEnv();
  const recipient = { address: user.email, name: user.fullName };
  if (kind === 'activation' && user.status === 'pending') {
    const token = await issueAccountToken(tx, user.id, 'activation');
    await queueMail(tx, {
      template: 'account-activation',
      to: recipient,
      subjectUserId: user.id,
      data: { name: user.fullName, activationUrl: `${APP_URL}/activate/${token}` },
    });
    return true;
  }
  if (kind === 'password_reset' && user.status === 'active') {
    const token = await issueAccountToken(tx, user.id, 'password_reset');
    await queueMail(tx, {
      template: 'password-reset',
      to: recipient,
      subjectUserId: user.id,
      data: { name: user.fullName, resetUrl: `${APP_URL}/reset-password/${token}` },
    });
    return true;
  }
  return false;
}
