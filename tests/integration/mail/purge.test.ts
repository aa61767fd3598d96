import { inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mailOutbox } from '@/db/schema';
import { closeDatabase, db } from '@/lib/db/client';
import { getBoss } from '@/lib/jobs/boss';
import { startWorkers, type TWorkers } from '@/lib/jobs/start-workers';
import { eventually } from './mail-test-kit';

const DAY = 24 * 60 * 60 * 1000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY);

let workers: TWorkers;

beforeAll(async () => {
  vi.stubEnv('SMTP_URL', undefined);
  vi.stubEnv('STOCKROOM_LOG_LEVEL', 'error');
  workers = await startWorkers({ pollingIntervalSeconds: 0.5 });
});

afterAll(async () => {
  await workers?.stop();
  await closeDatabase();
  vi.unstubAllEnvs();
});

describe('the outbox purge', () => {
  it('deletes delivery records past 30 days and keeps everything younger', async () => {
    const rows = await db
      .insert(mailOutbox)
      .values([
        { template: 'old-sent', status: 'sent', createdAt: daysAgo(40), sentAt: daysAgo(31) },
        { template: 'recent-sent', status: 'sent', createdAt: daysAgo(40), sentAt: daysAgo(29) },
        { template: 'old-failed', status: 'failed', createdAt: daysAgo(31) },
        { template: 'recent-failed', status: 'failed', createdAt: daysAgo(2) },
        { template: 'old-pending', status: 'pending', createdAt: daysAgo(31), envelope: Buffer.from('sealed') },
        { template: 'new-pending', status: 'pending', createdAt: daysAgo(1), envelope: Buffer.from('sealed') },
      ])
      .returning({ id: mailOutbox.id, template: mailOutbox.template });
    const ids = rows.map((row) => row.id);

    // Through the queue, as the daily schedule runs it.
    const boss = await getBoss();
    const jobId = await boss.send('mail.purge', {});
    expect(jobId).toBeTruthy();
    await eventually(async () => {
      const [job] = await boss.findJobs('mail.purge', { id: jobId! });
      return job?.state === 'completed' ? job : undefined;
    });

    const left = await db.select({ template: mailOutbox.template }).from(mailOutbox).where(inArray(mailOutbox.id, ids));
    expect(left.map((row) => row.template).sort()).toEqual(['new-pending', 'recent-failed', 'recent-sent']);
  });

  it('is scheduled daily', async () => {
    const boss = await getBoss();
    const schedule = await boss.getSchedule('mail.purge');
    expect(schedule?.cron).toBe('17 3 * * *');
    expect(schedule?.timezone).toBe('UTC');
  });
});
