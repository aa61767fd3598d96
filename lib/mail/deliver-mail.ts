import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { mailOutbox } from '@/db/schema';
import { db } from '@/lib/db/client';
import { logLine, oneLine } from '@/lib/log/log-line';
import { openEnvelope, type TMailEnvelope } from './envelope';
import { assertHeaderSafe } from './headers';
import { mailTransport } from './transport';

export type TDeliveryOutcome = 'sent' | 'failed' | 'skipped';

export type TDeliverMailOptions = {
  smtpUrl: string;
  from: string;
  /** The job's last try: a failure now marks the message failed instead of waiting for a retry. */
  isLastAttempt: boolean;
};

/** Thrown so pg-boss retries the job later; its message is scrubbed of the recipient and the body. */
export class MailDeliveryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MailDeliveryError';
  }
}

/**
 * Messages whose outbox row goes once delivered: the erasure receipt is the last trace of an erased
 * person (their id beside a message to them), so not even its delivery record stays.
 */
const PURGED_WHEN_DELIVERED = new Set<string>(['erasure-receipt']);

/**
 * Sends one outbox message. On success the row is marked sent and its envelope wiped, so neither
 * the recipient nor a link in the body stays in the database. On an SMTP failure the attempt and
 * the error text are recorded and MailDeliveryError is thrown for pg-boss to retry with back-off;
 * after the last attempt, or when the server refuses the recipient for good (5xx), the row is
 * marked failed and its envelope wiped. A row already handled, or erased meanwhile, is skipped.
 */
export async function deliverMail(outboxId: string, options: TDeliverMailOptions): Promise<TDeliveryOutcome> {
  const [row] = await db
    .select({ status: mailOutbox.status, envelope: mailOutbox.envelope, template: mailOutbox.template })
    .from(mailOutbox)
    .where(eq(mailOutbox.id, outboxId));
  if (!row || row.status !== 'pending' || !row.envelope) return 'skipped';

  let envelope: TMailEnvelope;
  try {
    envelope = openEnvelope(row.envelope);
  } catch {
    // Another data key, or a damaged row: no retry can read it.
    await recordFailure(outboxId, 'The envelope could not be decrypted', true);
    return 'failed';
  }

  assertHeaderSafe('from', options.from);
  const headers = mailHeaders(envelope);
  try {
    await mailTransport(options.smtpUrl).sendMail({
      from: options.from,
      to: envelope.toName ? { name: envelope.toName, address: envelope.to } : envelope.to,
      subject: envelope.subject,
      text: envelope.text,
      html: envelope.html,
      headers,
    });
  } catch (error) {
    const message = describeSmtpFailure(error, envelope);
    const permanent = isPermanentRejection(error);
    const final = permanent || options.isLastAttempt;
    await recordFailure(outboxId, message, final);
    logLine('warn', 'mail', `delivery of ${outboxId} failed${final ? ', giving up' : ', will retry'}: ${message}`);
    if (permanent) return 'failed';
    throw new MailDeliveryError(message);
  }

  if (PURGED_WHEN_DELIVERED.has(row.template)) {
    await db.delete(mailOutbox).where(and(eq(mailOutbox.id, outboxId), eq(mailOutbox.status, 'pending')));
    return 'sent';
  }
  await db
    .update(mailOutbox)
    .set({ status: 'sent', sentAt: new Date(), envelope: null, attempts: sql`${mailOutbox.attempts} + 1`, lastError: null })
    .where(and(eq(mailOutbox.id, outboxId), eq(mailOutbox.status, 'pending')));
  return 'sent';
}

/**
 * Marketing mail carries its unsubscribe link as RFC 2369 List-Unsubscribe, and RFC 8058's
 * List-Unsubscribe-Post, so mail programs can offer one-click unsubscribing that POSTs to it.
 */
export function mailHeaders(envelope: Pick<TMailEnvelope, 'listUnsubscribe'>): Record<string, string> {
  if (!envelope.listUnsubscribe) return { 'Auto-Submitted': 'auto-generated' };
  assertHeaderSafe('list-unsubscribe', envelope.listUnsubscribe);
  return {
    'Auto-Submitted': 'auto-generated',
    'List-Unsubscribe': `<${envelope.listUnsubscribe}>`,
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
  };
}

async function recordFailure(outboxId: string, message: string, final: boolean) {
  await db
    .update(mailOutbox)
    .set({
      attempts: sql`${mailOutbox.attempts} + 1`,
      lastError: message,
      ...(final ? { status: 'failed' as const, envelope: null } : {}),
    })
    .where(and(eq(mailOutbox.id, outboxId), eq(mailOutbox.status, 'pending')));
}

type TSmtpError = { code?: unknown; responseCode?: unknown; message?: unknown };

function asSmtpError(error: unknown): TSmtpError {
  return typeof error === 'object' && error !== null ? (error as TSmtpError) : { message: String(error) };
}

/** The server refused the recipient itself (5xx at RCPT TO): retrying cannot help. */
function isPermanentRejection(error: unknown): boolean {
  const { code, responseCode } = asSmtpError(error);
  return code === 'EENVELOPE' && typeof responseCode === 'number' && responseCode >= 500 && responseCode < 600;
}

const EMAIL_LIKE = /[^\s<>"'(),;:@]+@[^\s<>"'(),;:@]+/g;

/** The error as one line for mail_outbox.last_error, with every address and the recipient's name removed. */
export function describeSmtpFailure(error: unknown, envelope: Pick<TMailEnvelope, 'to' | 'toName'>): string {
  const { code, responseCode, message } = asSmtpError(error);
  let text = [typeof code === 'string' ? code : null, typeof responseCode === 'number' ? String(responseCode) : null, String(message ?? 'unknown error')]
    .filter(Boolean)
    .join(' ');
  for (const secret of [envelope.to, envelope.toName]) {
    if (secret) text = text.split(secret).join('[recipient]');
  }
  text = text.replace(EMAIL_LIKE, '[address]');
  return oneLine(text, 500);
}
