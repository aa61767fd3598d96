import { afterAll, describe, expect, it, vi } from 'vitest';
import { auditTrail } from '@/db/schema';
import { removeExpiredAuditEntries } from '@/lib/audit/remove-expired-audit-entries';
import { verifyAuditChain } from '@/lib/audit/verify-audit-chain';
import { closeDatabase, db } from '@/lib/db/client';
import { getBoss } from '@/lib/jobs/boss';
import { startWorkers } from '@/lib/jobs/start-workers';
import { retentionRules } from '@/lib/privacy/classification';
import { eventually } from '../mail/mail-test-kit';
import { appendEntry } from './audit-helpers';

const RETENTION_MS = retentionRules['audit-retention'].days * 86_400_000;

afterAll(async () => {
  await closeDatabase();
});

describe('removing audit entries past retention', () => {
  it('keeps entries younger than the retention period', async () => {
    // Entries other test files wrote a while ago may go; the two written just now are a minute short of the period.
    const recent = await appendEntry();
    const newest = await appendEntry();
    await removeExpiredAuditEntries({ now: new Date(Date.now() + RETENTION_MS - 60_000) });
    const ids = (await db.select({ id: auditTrail.id }).from(auditTrail)).map((row) => row.id);
    expect(ids).toEqual(expect.arrayContaining([recent, newest]));
  });

  it('removes entries once the period has passed, keeps the newest, and the chain still verifies', async () => {
    await appendEntry();
    const newest = await appendEntry();
    const { removed } = await removeExpiredAuditEntries({ now: new Date(Date.now() + RETENTION_MS + 60_000) });
    expect(removed).toBeGreaterThanOrEqual(1);
    const remaining = await db.select({ id: auditTrail.id }).from(auditTrail);
    expect(remaining.map((row) => row.id)).toEqual([newest]);
    expect(await verifyAuditChain(db)).toMatchObject({ intact: true, entries: 1, firstId: newest });
  });

  it('runs daily as a job', async () => {
    vi.stubEnv('SMTP_URL', undefined);
    vi.stubEnv('STOCKROOM_LOG_LEVEL', 'error');
    const workers = await startWorkers({ pollingIntervalSeconds: 0.5 });
    try {
      const boss = await getBoss();
      const schedule = await boss.getSchedule('audit.remove-expired');
      expect(schedule?.cron).toBe('37 4 * * *');
      expect(schedule?.timezone).toBe('UTC');
      const recent = await appendEntry();
      const jobId = await boss.send('audit.remove-expired', {});
      const job = await eventually(async () => {
        const [found] = await boss.findJobs('audit.remove-expired', { id: jobId! });
        return found?.state === 'completed' ? found : undefined;
      });
      expect(job.output).toEqual({ removed: 0 });
      expect((await db.select({ id: auditTrail.id }).from(auditTrail)).map((row) => row.id)).toContain(recent);
    } finally {
      await workers.stop();
      vi.unstubAllEnvs();
    }
  });
});
