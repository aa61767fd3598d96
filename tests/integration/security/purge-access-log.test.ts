import { inArray } from 'drizzle-orm';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { accessLog, ipBlocks } from '@/db/schema';
import { closeDatabase, db } from '@/lib/db/client';
import { getBoss } from '@/lib/jobs/boss';
import { startWorkers } from '@/lib/jobs/start-workers';
import { retentionRules } from '@/lib/privacy/classification';
import { purgeAccessLog } from '@/lib/security/purge-access-log';
import { eventually } from '../mail/mail-test-kit';
import { uniqueIpv6 } from './security-kit';

const DAY = 86_400_000;
const RETENTION_DAYS = retentionRules['access-log'].days;
const ago = (days: number) => new Date(Date.now() - days * DAY);

afterAll(async () => {
  await closeDatabase();
});

async function attemptAt(occurredAt: Date) {
  const [row] = await db
    .insert(accessLog)
    .values({ occurredAt, kind: 'customer_sign_in', step: 'password', outcome: 'invalid', ip: uniqueIpv6().replace(/::.*$/, '::1') })
    .returning({ id: accessLog.id });
  return row!.id;
}

async function blockWith(values: Partial<typeof ipBlocks.$inferInsert>) {
  const [row] = await db
    .insert(ipBlocks)
    .values({ network: `${uniqueIpv6().replace(/::.*$/, '')}::/64`, source: 'automatic', ...values })
    .returning({ id: ipBlocks.id });
  return row!.id;
}

describe('the access-log retention job', () => {
  it(`deletes attempts older than ${RETENTION_DAYS} days and blocks that ended longer ago; keeps the rest`, async () => {
    const oldAttempt = await attemptAt(ago(RETENTION_DAYS + 1));
    const recentAttempt = await attemptAt(ago(RETENTION_DAYS - 1));
    const expiredLongAgo = await blockWith({ createdAt: ago(400), blockedUntil: ago(RETENTION_DAYS + 2) });
    const liftedLongAgo = await blockWith({ source: 'manual', createdAt: ago(400), blockedUntil: null, liftedAt: ago(RETENTION_DAYS + 5) });
    const expiredRecently = await blockWith({ createdAt: ago(RETENTION_DAYS + 10), blockedUntil: ago(RETENTION_DAYS - 3) });
    const forGood = await blockWith({ source: 'manual', createdAt: ago(1000), blockedUntil: null });
    const liftedEarly = await blockWith({ createdAt: ago(400), blockedUntil: ago(RETENTION_DAYS + 30), liftedAt: ago(RETENTION_DAYS + 40) });
    const inForce = await blockWith({ createdAt: ago(1), blockedUntil: new Date(Date.now() + DAY) });

    const purged = await purgeAccessLog();
    expect(purged.accessLog).toBeGreaterThanOrEqual(1);
    expect(purged.ipBlocks).toBeGreaterThanOrEqual(3);

    const attempts = await db.select({ id: accessLog.id }).from(accessLog).where(inArray(accessLog.id, [oldAttempt, recentAttempt]));
    expect(attempts.map((row) => row.id)).toEqual([recentAttempt]);
    const blocks = await db.select({ id: ipBlocks.id }).from(ipBlocks).where(inArray(ipBlocks.id, [expiredLongAgo, liftedLongAgo, expiredRecently, forGood, liftedEarly, inForce]));
    // A block ends at the earlier of its lifting and its end: liftedEarly was lifted long ago, whatever its end said.
    expect(blocks.map((row) => row.id).sort()).toEqual([expiredRecently, forGood, inForce].sort());
  });

  it('runs daily as a job', async () => {
    vi.stubEnv('SMTP_URL', undefined);
    vi.stubEnv('STOCKROOM_LOG_LEVEL', 'error');
    const workers = await startWorkers({ pollingIntervalSeconds: 0.5 });
    try {
      const boss = await getBoss();
      const schedule = await boss.getSchedule('security.purge-access-log');
      expect(schedule?.cron).toBe('47 4 * * *');
      expect(schedule?.timezone).toBe('UTC');
      const old = await attemptAt(ago(RETENTION_DAYS + 1));
      const recent = await attemptAt(ago(1));
      const jobId = await boss.send('security.purge-access-log', {});
      const job = await eventually(async () => {
        const [found] = await boss.findJobs('security.purge-access-log', { id: jobId! });
        return found?.state === 'completed' ? found : undefined;
      });
      // Rows other files left that old would go too: at least this file's one.
      expect((job.output as { accessLog: number }).accessLog).toBeGreaterThanOrEqual(1);
      const left = await db.select({ id: accessLog.id }).from(accessLog).where(inArray(accessLog.id, [old, recent]));
      expect(left.map((row) => row.id)).toEqual([recent]);
    } finally {
      await workers.stop();
      vi.unstubAllEnvs();
    }
  });
});
