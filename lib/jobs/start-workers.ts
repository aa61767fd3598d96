import 'server-only';
import { purgeUnactivatedAccounts } from '@/lib/accounts/purge-unactivated-accounts';
import { removeExpiredAuditEntries } from '@/lib/audit/remove-expired-audit-entries';
import { mailEnv } from '@/lib/env';
import { sendInvoiceReminders } from '@/lib/invoices/send-invoice-reminders';
import { deliverMail } from '@/lib/mail/deliver-mail';
import { purgeMailOutbox } from '@/lib/mail/purge-mail';
import { closeMailTransports } from '@/lib/mail/transport';
import { flushUsageCounts } from '@/lib/usage/count-usage';
import { rerenderDerivatives } from '@/lib/media/rerender-derivatives';
import { sweepOrphanMedia } from '@/lib/media/sweep-orphan-media';
import { purgeAccessLog } from '@/lib/security/purge-access-log';
import { purgeThrottleCounters } from '@/lib/throttle/hit-throttle';
import { getBoss, stopBoss } from './boss';
import { logLine } from '@/lib/log/log-line';
import { removeExpiredShares } from '@/lib/lightboxes/remove-expired-shares';
import { removeStaleGuestVisits } from '@/lib/visitors/remove-stale-guest-visits';
import { buildDownloadBundle } from '@/lib/downloads/build-bundle';
import { removeExpiredBundles } from '@/lib/downloads/remove-expired-bundles';
import { describeRetentionCount } from '@/lib/privacy/apply-retention';
import { runRetention } from '@/lib/privacy/run-retention';
import { runInactiveAccounts } from '@/lib/privacy/run-inactive-accounts';
import { buildDataExport } from '@/lib/privacy/build-data-export';
import { removeExpiredExports } from '@/lib/privacy/remove-expired-exports';
import { removeClosedRequests } from '@/lib/privacy/remove-closed-requests';
import { runDueErasures } from '@/lib/privacy/erase-account';
import { remindDueRequests } from '@/lib/privacy/requests/remind-due-requests';
import { sendCampaign } from '@/lib/marketing/send-campaign';
import { deidentifyGuestCookieConsents } from '@/lib/cookie-consent/deidentify-guest-cookie-consents';
import { queueDefinitions, queueNames, type TQueueName, type TQueueOptions } from './queues';

export type TStartWorkersOptions = {
  /** Replaces a queue's retry and retention options (tests use short retry delays). Jobs take them when sent. */
  queueOptions?: Partial<Record<TQueueName, TQueueOptions>>;
  /** How often an idle worker looks for jobs; pg-boss allows 0.5 at the least. Default 2. */
  pollingIntervalSeconds?: number;
  /** When the outbox purge runs (cron, UTC). Default daily at 03:17. */
  purgeCron?: string;
};

export type TWorkers = { stop: () => Promise<void> };

const DEFAULT_PURGE_CRON = '17 3 * * *';

/**
 * Starts pg-boss, brings the queues' options up to date and registers the workers: mail delivery
 * (only when SMTP_URL is set; without it messages wait in the outbox, visible at /dev/mail in
 * development, and their jobs wait unclaimed, so no retry is spent) and the scheduled clean-ups:
 * outbox, unactivated accounts, throttle counters, orphaned media files, the audit trail and the
 * access log; the daily overdue-invoice reminders; the ZIP bundles of purchased files and the
 * "Download my data" exports (each built on request, removed daily once expired); the
 * retention periods of the personal-data map; the erasures whose cooling-off has ended; the daily
 * reminder of data-protection requests due soon or overdue; and the newsletters staff send (one job per campaign).
 * `stop()` lets running jobs finish, then stops pg-boss and closes its pool and the SMTP transports.
 */
export async function startWorkers(options: TStartWorkersOptions = {}): Promise<TWorkers> {
  const boss = await getBoss();
  for (const name of queueNames) {
    await boss.updateQueue(name, { ...queueDefinitions[name].options, ...options.queueOptions?.[name] });
  }
  const polling = { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 };

  const { SMTP_URL, MAIL_FROM } = mailEnv();
  if (SMTP_URL) {
    await boss.work('mail.deliver', { ...polling, batchSize: 1, includeMetadata: true }, async ([job]) => {
      if (!job) return;
      const payload = queueDefinitions['mail.deliver'].payload.safeParse(job.data);
      if (!payload.success) {
        logLine('error', 'mail', `job ${job.id} has an invalid payload; dropped`);
        return;
      }
      const outcome = await deliverMail(payload.data.outboxId, {
        smtpUrl: SMTP_URL,
        from: MAIL_FROM,
        isLastAttempt: job.retryCount >= job.retryLimit,
      });
      return { outcome };
    });
  } else {
    logLine('warn', 'mail', 'SMTP_URL is not set: mail stays in the outbox (in development: /dev/mail)');
  }

  await boss.work('mail.purge', polling, async () => {
    const { deleted } = await purgeMailOutbox();
    if (deleted > 0) logLine('info', 'mail', `purged ${deleted} outbox rows past retention`);
    return { deleted };
  });
  await boss.schedule('mail.purge', options.purgeCron ?? DEFAULT_PURGE_CRON, {}, { tz: 'UTC' });

  await boss.work('accounts.purge-unactivated', polling, async () => {
    const { deleted } = await purgeUnactivatedAccounts();
    if (deleted > 0) logLine('info', 'accounts', `purged ${deleted} accounts never activated`);
    return { deleted };
  });
  await boss.schedule('accounts.purge-unactivated', '41 * * * *', {}, { tz: 'UTC' });

  await boss.work('throttle.purge', polling, async () => {
    await purgeThrottleCounters();
  });
  await boss.schedule('throttle.purge', '7 * * * *', {}, { tz: 'UTC' });

  await boss.work('media.sweep-orphans', polling, async () => {
    const swept = await sweepOrphanMedia();
    if (swept.removed + swept.interrupted > 0) {
      logLine('info', 'media', `removed ${swept.removed} files no image refers to and ${swept.interrupted} half-written ones`);
    }
    return swept;
  });
  await boss.schedule('media.sweep-orphans', '23 4 * * *', {}, { tz: 'UTC' });

  await boss.work('audit.remove-expired', polling, async () => {
    const expired = await removeExpiredAuditEntries();
    if (expired.removed > 0) logLine('info', 'audit', `removed ${expired.removed} audit entries past retention`);
    return expired;
  });
  await boss.schedule('audit.remove-expired', '37 4 * * *', {}, { tz: 'UTC' });

  await boss.work('security.purge-access-log', polling, async () => {
    const purged = await purgeAccessLog();
    if (purged.accessLog + purged.ipBlocks > 0) {
      logLine('info', 'security', `removed ${purged.accessLog} sign-in attempts and ${purged.ipBlocks} ended blocks past retention`);
    }
    return purged;
  });
  await boss.schedule('security.purge-access-log', '47 4 * * *', {}, { tz: 'UTC' });

  await boss.work('shares.remove-expired', polling, async () => {
    const expired = await removeExpiredShares();
    if (expired.removed > 0) logLine('info', 'shares', `removed ${expired.removed} shares past retention`);
    return expired;
  });
  await boss.schedule('shares.remove-expired', '53 4 * * *', {}, { tz: 'UTC' });

  await boss.work('visitors.remove-stale', polling, async () => {
    const stale = await removeStaleGuestVisits();
    if (stale.lightboxes + stale.carts > 0) logLine('info', 'visitors', `removed ${stale.lightboxes} guest lightboxes and ${stale.carts} guest carts past retention`);
    return stale;
  });
  await boss.schedule('visitors.remove-stale', '57 4 * * *', {}, { tz: 'UTC' });

  await boss.work('media.rerender-derivatives', polling, async () => {
    const result = await rerenderDerivatives();
    if (result.rerendered + result.failed > 0) {
      logLine('info', 'media', `re-rendered the thumbnail and preview of ${result.rerendered} images for the current watermark settings; ${result.failed} failed`);
    }
    return result;
  });
  // Derivatives made by an older version, or while a change was half done, are brought up to date.
  await boss.send('media.rerender-derivatives', {});

  // In the morning (UTC) of the day after the due date: the buyer reads it during business hours.
  await boss.work('invoices.send-reminders', polling, async () => {
    const reminders = await sendInvoiceReminders();
    if (reminders.sent + reminders.failed > 0) logLine('info', 'invoices', `queued ${reminders.sent} overdue reminders (${reminders.failed} failed)`);
    return reminders;
  });
  await boss.schedule('invoices.send-reminders', '13 7 * * *', {}, { tz: 'UTC' });

  // One bundle at a time per process: rendering is CPU-bound and holds one file in memory.
  await boss.work('downloads.build-bundle', { ...polling, batchSize: 1, includeMetadata: true }, async ([job]) => {
    if (!job) return;
    const payload = queueDefinitions['downloads.build-bundle'].payload.safeParse(job.data);
    if (!payload.success) {
      logLine('error', 'downloads', `job ${job.id} has an invalid payload; dropped`);
      return;
    }
    const outcome = await buildDownloadBundle(payload.data.bundleId, { isLastAttempt: job.retryCount >= job.retryLimit });
    return { outcome };
  });

  await boss.work('downloads.remove-expired-bundles', polling, async () => {
    const expired = await removeExpiredBundles();
    if (expired.removed + expired.orphans > 0) logLine('info', 'downloads', `removed ${expired.removed} expired bundles and ${expired.orphans} bundle files no row refers to`);
    return expired;
  });
  await boss.schedule('downloads.remove-expired-bundles', '5 5 * * *', {}, { tz: 'UTC' });

  await boss.work('privacy.apply-retention', polling, async () => {
    const counts = await runRetention('schedule');
    for (const count of counts) if (count.rows > 0) logLine('info', 'privacy', describeRetentionCount(count));
    return { counts };
  });
  await boss.schedule('privacy.apply-retention', '15 5 * * *', {}, { tz: 'UTC' });
  // One export at a time per process: it holds a read transaction and one batch of rows.
  await boss.work('privacy.build-export', { ...polling, batchSize: 1, includeMetadata: true }, async ([job]) => {
    if (!job) return;
    const payload = queueDefinitions['privacy.build-export'].payload.safeParse(job.data);
    if (!payload.success) {
      logLine('error', 'privacy', `job ${job.id} has an invalid payload; dropped`);
      return;
    }
    const outcome = await buildDataExport(payload.data.exportId, { isLastAttempt: job.retryCount >= job.retryLimit });
    return { outcome };
  });

  await boss.work('privacy.remove-expired-exports', polling, async () => {
    const expired = await removeExpiredExports();
    if (expired.removed + expired.orphans > 0) logLine('info', 'privacy', `removed ${expired.removed} expired data exports and ${expired.orphans} export files no row refers to`);
    return expired;
  });
  await boss.schedule('privacy.remove-expired-exports', '25 5 * * *', {}, { tz: 'UTC' });

  await boss.work('privacy.remove-closed-requests', polling, async () => {
    const removed = await removeClosedRequests();
    if (removed > 0) logLine('info', 'privacy', `removed ${removed} data-protection requests past their retention period`);
    return { removed };
  });
  await boss.schedule('privacy.remove-closed-requests', '35 5 * * *', {}, { tz: 'UTC' });

  // One run at a time: each erasure locks its request, but two runs would only wait on each other.
  await boss.work('privacy.run-due-erasures', { ...polling, batchSize: 1 }, async () => {
    const outcomes = await runDueErasures();
    if (outcomes.erased + outcomes.failed > 0) logLine('info', 'privacy', `erased ${outcomes.erased} accounts; ${outcomes.failed} erasures failed and wait for a retry`);
    return outcomes;
  });
  await boss.schedule('privacy.run-due-erasures', '*/5 * * * *', {}, { tz: 'UTC' });
  // Early morning UTC, so the officers read it at the start of their day.
  await boss.work('privacy.remind-due-requests', polling, async () => {
    const reminders = await remindDueRequests();
    if (reminders.reminded > 0) logLine('info', 'privacy', `reminded ${reminders.officers} privacy officers of ${reminders.reminded} requests due soon or overdue`);
    return reminders;
  });
  await boss.schedule('privacy.remind-due-requests', '45 6 * * *', {}, { tz: 'UTC' });
  // A newsletter queues all its messages in one transaction; one campaign at a time per process.
  await boss.work('marketing.send-campaign', { ...polling, batchSize: 1 }, async ([job]) => {
    if (!job) return;
    const payload = queueDefinitions['marketing.send-campaign'].payload.safeParse(job.data);
    if (!payload.success) {
      logLine('error', 'marketing', `job ${job.id} has an invalid payload; dropped`);
      return;
    }
    const result = await sendCampaign(payload.data.campaignId);
    if (result.outcome === 'sent') logLine('info', 'marketing', `campaign ${payload.data.campaignId}: queued ${result.recipients} messages`);
    return result;
  });

  // Daily, after the retention run; does nothing while the inactive-accounts rule is off (the default).
  // A run while it is on is logged in retention_runs and shown on /staff/retention.
  await boss.work('privacy.erase-inactive-accounts', { ...polling, batchSize: 1 }, async () => {
    const outcome = await runInactiveAccounts('schedule');
    if (outcome.enabled) {
      logLine(
        'info',
        'privacy',
        `inactive accounts: warned ${outcome.warned}, erased ${outcome.erased}; kept ${outcome.skippedUnpaid} with unpaid invoices and ${outcome.skippedRestricted} restricted; ${outcome.failed} failed`,
      );
    }
    return outcome;
  });
  await boss.schedule('privacy.erase-inactive-accounts', '55 5 * * *', {}, { tz: 'UTC' });
  await boss.work('privacy.deidentify-cookie-consents', polling, async () => {
    const result = await deidentifyGuestCookieConsents();
    if (result.deidentified > 0) logLine('info', 'privacy', `blanked the consent id of ${result.deidentified} cookie choices of visitors past retention`);
    return result;
  });
  await boss.schedule('privacy.deidentify-cookie-consents', '35 5 * * *', {}, { tz: 'UTC' });

  let stopping: Promise<void> | null = null;
  return {
    stop: () =>
      (stopping ??= (async () => {
        await stopBoss();
        closeMailTransports();
        await flushUsageCounts();
      })()),
  };
}
