import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { closeDatabase, db } from '@/lib/db/client';
import { startWorkers, type TWorkers } from '@/lib/jobs/start-workers';
import { queueMail } from '@/lib/mail/send-mail';
import { startSmtpSink, type TSmtpSink } from '../../helpers/smtp-sink';
import { deliveryJobsFor, eventually, fastRetries, outboxRow, tablesContaining, uniqueAddress, uniqueLink, dropEarlierDeliveries } from './mail-test-kit';

let sink: TSmtpSink;
let workers: TWorkers | undefined;

beforeAll(async () => {
  await dropEarlierDeliveries();
  vi.stubEnv('STOCKROOM_LOG_LEVEL', 'error');
  sink = await startSmtpSink();
  vi.stubEnv('SMTP_URL', sink.url);
});

afterEach(async () => {
  await workers?.stop();
  workers = undefined;
});

afterAll(async () => {
  await sink?.stop();
  await closeDatabase();
  vi.unstubAllEnvs();
});

describe('an SMTP server that is down', () => {
  it('keeps the message pending while retries fail, then delivers it once the server is back', async () => {
    workers = await startWorkers({ pollingIntervalSeconds: 0.5, queueOptions: fastRetries(20) });
    await sink.stop();

    const to = uniqueAddress('outage');
    const activationUrl = uniqueLink('activate');
    const { outboxId } = await db.transaction((tx) =>
      queueMail(tx, { template: 'account-activation', to, data: { name: 'Otto', activationUrl } }),
    );

    const failing = await eventually(async () => {
      const row = await outboxRow(outboxId);
      return row && row.attempts >= 3 ? row : undefined;
    }, 20_000, 'three failed attempts');
    expect(failing.status).toBe('pending');
    expect(failing.envelope).not.toBeNull();
    expect(failing.lastError).toMatch(/ECONNREFUSED|ESOCKET|ECONNECTION/);
    expect(failing.lastError).not.toContain(to);
    const [job] = await deliveryJobsFor(outboxId);
    // Between attempts the job waits in 'retry'; the worker may already be on the next attempt ('active').
    expect(['retry', 'active']).toContain(job?.state);
    expect(job?.retryCount).toBeGreaterThanOrEqual(2);

    await sink.restart();
    const message = await sink.waitFor((m) => m.envelopeTo.includes(to), 15_000);
    expect(message.subject).toBe('Activate your Stockroom account');
    expect(message.text).toContain(activationUrl);

    const sent = await eventually(async () => {
      const row = await outboxRow(outboxId);
      return row?.status === 'sent' ? row : undefined;
    });
    expect(sent.attempts).toBeGreaterThanOrEqual(4);
    expect(sent.envelope).toBeNull();
    expect(sent.lastError).toBeNull();
    expect(sink.messages.filter((m) => m.envelopeTo.includes(to))).toHaveLength(1);
    // The failed attempts' errors stored by pg-boss name neither the recipient nor the link.
    expect(await tablesContaining(to)).toEqual([]);
    expect(await tablesContaining(activationUrl)).toEqual([]);
  });

  it('marks the message failed and wipes its content after the last retry', async () => {
    workers = await startWorkers({ pollingIntervalSeconds: 0.5, queueOptions: fastRetries(2) });
    await sink.stop();

    const to = uniqueAddress('given-up');
    const resetUrl = uniqueLink('reset');
    const { outboxId } = await db.transaction((tx) => queueMail(tx, { template: 'password-reset', to, data: { name: 'Gina', resetUrl } }));

    const failed = await eventually(async () => {
      const row = await outboxRow(outboxId);
      return row?.status === 'failed' ? row : undefined;
    }, 20_000, 'the message to be given up');
    expect(failed.attempts).toBe(3); // the first try and two retries
    expect(failed.envelope).toBeNull();
    expect(failed.sentAt).toBeNull();
    const job = await eventually(async () => {
      const [current] = await deliveryJobsFor(outboxId);
      return current?.state === 'failed' ? current : undefined;
    }, 5_000, 'the job to fail');
    expect(job.retryCount).toBe(2);
    expect(await tablesContaining(resetUrl)).toEqual([]);

    // Nothing is sent once the server is back: the message was given up.
    await sink.restart();
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(sink.messages.filter((m) => m.envelopeTo.includes(to))).toEqual([]);
  });
});
