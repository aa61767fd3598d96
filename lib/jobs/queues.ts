import type { QueueOptions } from 'pg-boss';
import { z } from 'zod';
import { retentionRules } from '@/lib/privacy/classification';

/**
 * Every job queue: its name, the shape of its payload and how its jobs are retried.
 *
 * Payloads are stored in the pgboss schema, which the personal-data map treats as infrastructure:
 * they carry ids only, never a personal value (an address, a name, a link). Each payload field is
 * classified in `jobPayloadMap` (lib/privacy/data-map.ts); a test fails when the two disagree.
 * Schemas are strict, so a payload with an extra field is refused when it is sent.
 */

export type TQueueOptions = Pick<
  QueueOptions,
  'retryLimit' | 'retryDelay' | 'retryBackoff' | 'retryDelayMax' | 'expireInSeconds' | 'retentionSeconds' | 'deleteAfterSeconds'
>;

export type TQueueDefinition = {
  description: string;
  payload: z.ZodObject;
  options: TQueueOptions;
};

const DAY_SECONDS = 24 * 60 * 60;
const MAIL_RETENTION_DAYS = retentionRules['mail-until-delivered'].days;

export const ZMailDeliverPayload = z.strictObject({ outboxId: z.uuid() });
export const ZMailPurgePayload = z.strictObject({});
export const ZScheduledPayload = z.strictObject({});
export const ZBuildBundlePayload = z.strictObject({ bundleId: z.uuid() });
export const ZBuildDataExportPayload = z.strictObject({ exportId: z.uuid() });
export const ZSendCampaignPayload = z.strictObject({ campaignId: z.uuid() });

/** Options shared by the scheduled clean-up jobs: a few retries, kept a day. */
const SCHEDULED_OPTIONS: TQueueOptions = {
  retryLimit: 3,
  retryDelay: 5 * 60,
  retryBackoff: false,
  expireInSeconds: 10 * 60,
  retentionSeconds: DAY_SECONDS,
  deleteAfterSeconds: 7 * DAY_SECONDS,
};

/**
 * Options shared by the long jobs a person or staff member starts (a ZIP, a data export, a
 * newsletter): 4 tries in all, a minute, two and four apart, each allowed half an hour.
 */
const REQUESTED_WORK_OPTIONS: TQueueOptions = {
  retryLimit: 3,
  retryDelay: 60,
  retryBackoff: true,
  retryDelayMax: 10 * 60,
  expireInSeconds: 30 * 60,
  retentionSeconds: DAY_SECONDS,
  deleteAfterSeconds: 7 * DAY_SECONDS,
};

export const queueDefinitions = {
  'mail.deliver': {
    description: 'Sends one message from mail_outbox over SMTP',
    payload: ZMailDeliverPayload,
    options: {
      // 21 tries in all. The wait doubles from about a minute and is capped at an hour, so an SMTP
      // server may be down for about 16 hours before a message is given up and marked failed.
      retryLimit: 20,
      retryDelay: 60,
      retryBackoff: true,
      retryDelayMax: 60 * 60,
      // An SMTP exchange times out long before this (see lib/mail/transport.ts).
      expireInSeconds: 5 * 60,
      // A job waiting for SMTP to be configured lives as long as its outbox row may (see purge-mail.ts).
      retentionSeconds: MAIL_RETENTION_DAYS * DAY_SECONDS,
      deleteAfterSeconds: 7 * DAY_SECONDS,
    },
  },
  'mail.purge': {
    description: 'Deletes delivery records older than the mail retention period (scheduled daily)',
    payload: ZMailPurgePayload,
    options: SCHEDULED_OPTIONS,
  },
  'accounts.purge-unactivated': {
    description: 'Deletes accounts never activated within their retention period (7 days by default), with their consent records (scheduled hourly)',
    payload: ZScheduledPayload,
    options: SCHEDULED_OPTIONS,
  },
  'throttle.purge': {
    description: 'Deletes attempt counters older than a day (scheduled hourly)',
    payload: ZScheduledPayload,
    options: SCHEDULED_OPTIONS,
  },
  'media.sweep-orphans': {
    description: 'Deletes media files no image refers to, left by an ingest that died mid-way (scheduled daily)',
    payload: ZScheduledPayload,
    options: SCHEDULED_OPTIONS,
  },
  'audit.remove-expired': {
    description: 'Removes audit trail entries past their retention period, oldest first (scheduled daily)',
    payload: ZScheduledPayload,
    options: SCHEDULED_OPTIONS,
  },
  'security.purge-access-log': {
    description: 'Deletes sign-in attempts and ended address blocks past the access-log retention period (scheduled daily)',
    payload: ZScheduledPayload,
    options: SCHEDULED_OPTIONS,
  },
  'shares.remove-expired': {
    description: 'Deletes shares 30 days after their link expired or was revoked (scheduled daily)',
    payload: ZScheduledPayload,
    options: SCHEDULED_OPTIONS,
  },
  'visitors.remove-stale': {
    description: "Deletes guests' lightboxes and carts 30 days after their last change (scheduled daily)",
    payload: ZScheduledPayload,
    options: SCHEDULED_OPTIONS,
  },
  'media.rerender-derivatives': {
    description: 'Renders thumbnails and previews again where the watermark settings changed since they were made (sent on a change and at worker start)',
    payload: ZScheduledPayload,
    options: { ...SCHEDULED_OPTIONS, expireInSeconds: 60 * 60 },
  },
  'invoices.send-reminders': {
    description: 'Mails the buyer of each overdue invoice the reminder of the level it has reached, once per level (scheduled daily)',
    payload: ZScheduledPayload,
    options: SCHEDULED_OPTIONS,
  },
  'downloads.build-bundle': {
    description: "Renders the purchased files of one order into a ZIP for its buyer and mails them the link (sent when the buyer asks)",
    payload: ZBuildBundlePayload,
    // After the last try the bundle is marked failed and the buyer sees "try again" in My Account
    // (lib/downloads/build-bundle.ts); rendering a few dozen large files takes minutes at most.
    options: REQUESTED_WORK_OPTIONS,
  },
  'downloads.remove-expired-bundles': {
    description: 'Deletes ZIP bundles whose link has expired, with their files, and bundle files no row refers to (scheduled daily)',
    payload: ZScheduledPayload,
    options: SCHEDULED_OPTIONS,
  },
  'privacy.apply-retention': {
    description: "Deletes or redacts searches, previews, sign-ins, IP addresses, sessions and account links past their retention periods, as the personal-data map says (scheduled daily)",
    payload: ZScheduledPayload,
    // A first run over a large backlog deletes in batches and may take a while.
    options: { ...SCHEDULED_OPTIONS, expireInSeconds: 60 * 60 },
  },
  'privacy.build-export': {
    description: 'Writes everything held about one person into an encrypted ZIP (CSV, JSON, an index and their invoices) and mails them (sent when they ask)',
    payload: ZBuildDataExportPayload,
    // After the last try the export is marked failed and My data offers to try again.
    options: REQUESTED_WORK_OPTIONS,
  },
  'privacy.remove-expired-exports': {
    description: 'Deletes data exports past their expiry, with their encrypted files, and export files no row refers to (scheduled daily)',
    payload: ZScheduledPayload,
    options: SCHEDULED_OPTIONS,
  },
  'privacy.run-due-erasures': {
    description: 'Erases the accounts whose deletion was confirmed and whose cooling-off has ended (every five minutes, and at once when there is no cooling-off)',
    payload: ZScheduledPayload,
    options: SCHEDULED_OPTIONS,
  },
  'privacy.remove-closed-requests': {
    description: 'Deletes data-protection requests closed longer ago than the request-record period (scheduled daily)',
    payload: ZScheduledPayload,
    options: SCHEDULED_OPTIONS,
  },
  'privacy.remind-due-requests': {
    description: 'Mails privacy officers about data-protection requests due within privacy.reminderDays and about overdue ones, once each (scheduled daily)',
    payload: ZScheduledPayload,
    options: SCHEDULED_OPTIONS,
  },
  'marketing.send-campaign': {
    description: 'Queues a newsletter to every active customer whose marketing consent is in force, one outbox message each, in one transaction (sent when staff send it)',
    payload: ZSendCampaignPayload,
    // The whole campaign is one transaction: a failed try queued nothing, so a retry cannot send twice.
    options: REQUESTED_WORK_OPTIONS,
  },
  'privacy.erase-inactive-accounts': {
    description: 'When the site owner switched the rule on (privacy.inactiveAccounts), warns customers inactive almost the set period by mail once, then erases those inactive for it; each run is logged in retention_runs (scheduled daily)',
    payload: ZScheduledPayload,
    options: SCHEDULED_OPTIONS,
  },
  'privacy.deidentify-cookie-consents': {
    description: "Blanks the anonymous consent id of visitors' cookie choices older than the cookie-consent-proof period (scheduled daily)",
    payload: ZScheduledPayload,
    options: SCHEDULED_OPTIONS,
  },
} as const satisfies Record<string, TQueueDefinition>;

export type TQueueName = keyof typeof queueDefinitions;
export type TQueuePayload<N extends TQueueName> = z.infer<(typeof queueDefinitions)[N]['payload']>;

export const queueNames = Object.keys(queueDefinitions) as TQueueName[];

/**
 * Differences between the queues' payload schemas and a payload map: a field one names and the
 * other does not, or a queue only one of them knows. Empty when they agree.
 */
export function findPayloadMapMismatches(
  definitions: Record<string, Pick<TQueueDefinition, 'payload'>>,
  payloadMap: Record<string, Record<string, unknown>>,
): string[] {
  const problems: string[] = [];
  for (const [queue, definition] of Object.entries(definitions)) {
    const mapped = payloadMap[queue];
    if (!mapped) {
      problems.push(`${queue}: queue has no entry in jobPayloadMap`);
      continue;
    }
    const fields = Object.keys(definition.payload.shape);
    for (const field of fields) {
      if (!(field in mapped)) problems.push(`${queue}.${field}: in the payload schema but not in jobPayloadMap`);
    }
    for (const field of Object.keys(mapped)) {
      if (!fields.includes(field)) problems.push(`${queue}.${field}: in jobPayloadMap but not in the payload schema`);
    }
  }
  for (const queue of Object.keys(payloadMap)) {
    if (!(queue in definitions)) problems.push(`${queue}: in jobPayloadMap but no such queue is defined`);
  }
  return problems;
}
