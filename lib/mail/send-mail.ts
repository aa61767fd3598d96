import 'server-only';
import { mailOutbox } from '@/db/schema';
import { emailTemplates, renderEmail, type TEmailData, type TEmailTemplateName } from '@/emails';
import type { TTransaction } from '@/lib/db/client';
import { serverEnv } from '@/lib/env';
import { enqueueJob } from '@/lib/jobs/enqueue-job';
import { getSetting } from '@/lib/settings/get-setting';
import { sealEnvelope } from './envelope';
import { assertHeaderSafe, parseRecipient, type TMailRecipient } from './headers';
import { assertMailAllowed } from './restricted-mail';

// Callers outside lib/mail may not import emails/; they name templates and data through these.
export type { TEmailData, TEmailTemplateName } from '@/emails';
export type { TMailRecipient } from './headers';

export type TQueueMailInput<N extends TEmailTemplateName> = {
  template: N;
  to: TMailRecipient;
  /** The account the message is about, for the person's data export and erasure. */
  subjectUserId?: string | null;
  data: TEmailData<N>;
};

/**
 * Puts a message in the outbox within the caller's transaction: the outbox row and its delivery
 * job commit together or not at all, so a rolled-back change sends nothing. The recipient, subject
 * and bodies are stored encrypted; the job carries the row's id only.
 *
 * Throws AppError('INVALID_INPUT') for an unusable address or a header value with a line break,
 * AppError('CONFLICT') for mail about a restricted account (./restricted-mail.ts), and ZodError
 * for template data of the wrong shape; in every case nothing is queued.
 */
export async function queueMail<N extends TEmailTemplateName>(
  tx: TTransaction,
  input: TQueueMailInput<N>,
): Promise<{ outboxId: string; jobId: string }> {
  if (!(input.template in emailTemplates)) throw new Error(`Unknown e-mail template: ${String(input.template)}`);
  await assertMailAllowed(tx, input.template, input.subjectUserId);
  const recipient = parseRecipient(input.to);
  const siteName = await getSetting('site.name', tx);
  const rendered = renderEmail(input.template, input.data, { siteName, siteUrl: serverEnv().APP_URL });
  assertHeaderSafe('subject', rendered.subject);
  if (rendered.listUnsubscribe) assertHeaderSafe('list-unsubscribe', rendered.listUnsubscribe);

  const [row] = await tx
    .insert(mailOutbox)
    .values({
      template: input.template,
      subjectUserId: input.subjectUserId ?? null,
      envelope: sealEnvelope({ to: recipient.address, toName: recipient.name, ...rendered }),
    })
    .returning({ id: mailOutbox.id });
  if (!row) throw new Error('The outbox row was not created');

  const jobId = await enqueueJob(tx, 'mail.deliver', { outboxId: row.id });
  return { outboxId: row.id, jobId };
}
