import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { closeDatabase, db } from '@/lib/db/client';
import { startWorkers, type TWorkers } from '@/lib/jobs/start-workers';
import { queueMail } from '@/lib/mail/send-mail';
import { startSmtpSink, type TSmtpSink } from '../../helpers/smtp-sink';
import { deliveryJobsFor, eventually, outboxRow, pause, uniqueAddress, uniqueLink, dropEarlierDeliveries } from './mail-test-kit';

let sink: TSmtpSink;
let workers: TWorkers | undefined;

beforeAll(async () => {
  await dropEarlierDeliveries();
  vi.stubEnv('STOCKROOM_LOG_LEVEL', 'error');
  sink = await startSmtpSink();
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

describe('without SMTP_URL', () => {
  it('leaves messages pending without spending retries, and sends them once SMTP is configured', async () => {
    vi.stubEnv('SMTP_URL', undefined);
    workers = await startWorkers({ pollingIntervalSeconds: 0.5 });

    const to = uniqueAddress('later');
    const resetUrl = uniqueLink('reset');
    const { outboxId, jobId } = await db.transaction((tx) => queueMail(tx, { template: 'password-reset', to, data: { name: 'Lea', resetUrl } }));

    await pause(2_000); // four polling intervals
    const waiting = await outboxRow(outboxId);
    expect(waiting?.status).toBe('pending');
    expect(waiting?.attempts).toBe(0);
    expect(waiting?.envelope).not.toBeNull();
    const [job] = await deliveryJobsFor(outboxId);
    expect(job?.id).toBe(jobId);
    expect(job?.state).toBe('created');
    expect(job?.retryCount).toBe(0);
    expect(sink.messages).toEqual([]);

    // A restart with SMTP configured picks the waiting job up.
    await workers.stop();
    vi.stubEnv('SMTP_URL', sink.url);
    workers = await startWorkers({ pollingIntervalSeconds: 0.5 });
    const message = await sink.waitFor((m) => m.envelopeTo.includes(to));
    expect(message.text).toContain(resetUrl);
    const sent = await eventually(async () => {
      const row = await outboxRow(outboxId);
      return row?.status === 'sent' ? row : undefined;
    });
    expect(sent.attempts).toBe(1);
  });
});
