import { mkdir, mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { imageMedia } from '@/db/schema';
import { closeDatabase, db } from '@/lib/db/client';
import { getBoss } from '@/lib/jobs/boss';
import { startWorkers } from '@/lib/jobs/start-workers';
import { ingestImage } from '@/lib/media/ingest-image';
import { createLocalDiskStorage, createStorageKey, storageObjectPath, type TMediaObject } from '@/lib/media/storage';
import { ORPHAN_GRACE_MS, sweepOrphanMedia } from '@/lib/media/sweep-orphan-media';
import { eventually } from '../mail/mail-test-kit';

let root: string;
const now = new Date('2026-11-23T12:00:00Z');
const twoDaysAgo = new Date(now.getTime() - 2 * ORPHAN_GRACE_MS);
const anHourAgo = new Date(now.getTime() - 60 * 60 * 1000);

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'stockroom-sweep-'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
  await closeDatabase();
});

async function writeAt(relative: string, writtenAt: Date) {
  const file = path.join(root, relative);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, 'bytes');
  await utimes(file, writtenAt, writtenAt);
  return file;
}

const orphan = (area: TMediaObject['area'], extension: TMediaObject['extension']): TMediaObject => ({ area, key: createStorageKey(), extension });

async function filesUnder(area: string) {
  const found: string[] = [];
  for (const shard of await readdir(path.join(root, area)).catch(() => [])) {
    for (const name of await readdir(path.join(root, area, shard))) found.push(path.join(area, shard, name));
  }
  return found.sort();
}

describe('sweepOrphanMedia', () => {
  it('removes day-old files no image refers to and day-old half-written files, and nothing else', async () => {
    const storage = createLocalDiskStorage(root);
    const source = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#3a6' } }).jpeg().toBuffer();
    const { imageId } = await ingestImage({ source, fileName: 'kept.jpg', metadata: { title: 'Kept' } }, { storage });
    const [media] = await db.select().from(imageMedia).where(eq(imageMedia.imageId, imageId));
    // The ingested files are old too: age alone never removes a file an image refers to.
    for (const [area, key, extension] of [
      ['originals', media!.originalKey, 'jpg'],
      ['derived', media!.thumbKey, 'webp'],
      ['derived', media!.previewKey, 'webp'],
    ] as const) {
      const file = path.join(root, storageObjectPath({ area, key, extension }));
      await utimes(file, twoDaysAgo, twoDaysAgo);
    }

    const oldOriginal = orphan('originals', 'tif');
    const oldDerivative = orphan('derived', 'webp');
    const recentOriginal = orphan('originals', 'jpg');
    await writeAt(storageObjectPath(oldOriginal), twoDaysAgo);
    await writeAt(storageObjectPath(oldDerivative), twoDaysAgo);
    await writeAt(storageObjectPath(recentOriginal), anHourAgo);
    const oldPartial = await writeAt(`${storageObjectPath(orphan('originals', 'png'))}.a1b2c3d4e5f6.partial`, twoDaysAgo);
    const recentPartial = await writeAt(`${storageObjectPath(orphan('derived', 'webp'))}.0123456789ab.partial`, anHourAgo);
    // Not a storage object at all (someone's note in the folder): the sweeper only deletes what storage wrote.
    const stray = await writeAt('originals/ab/README.txt', twoDaysAgo);

    const result = await sweepOrphanMedia({ storage, now });

    expect(result).toEqual({ removed: 2, interrupted: 1 });
    const remaining = [...(await filesUnder('originals')), ...(await filesUnder('derived'))];
    expect(remaining).toEqual(
      expect.arrayContaining([
        storageObjectPath({ area: 'originals', key: media!.originalKey, extension: 'jpg' }),
        storageObjectPath({ area: 'derived', key: media!.thumbKey, extension: 'webp' }),
        storageObjectPath({ area: 'derived', key: media!.previewKey, extension: 'webp' }),
        storageObjectPath(recentOriginal),
        path.relative(root, recentPartial),
        path.relative(root, stray),
      ]),
    );
    expect(remaining).not.toContain(storageObjectPath(oldOriginal));
    expect(remaining).not.toContain(storageObjectPath(oldDerivative));
    expect(remaining).not.toContain(path.relative(root, oldPartial));
    expect(remaining).toHaveLength(6);

    // The image still has everything it needs.
    expect(await storage.exists({ area: 'originals', key: media!.originalKey, extension: 'jpg' })).toBe(true);
  });

  it('is content with an empty or missing media folder', async () => {
    const empty = createLocalDiskStorage(path.join(root, 'never-created'));
    expect(await sweepOrphanMedia({ storage: empty, now })).toEqual({ removed: 0, interrupted: 0 });
  });

  it('runs daily as a job', async () => {
    vi.stubEnv('SMTP_URL', undefined);
    vi.stubEnv('STOCKROOM_LOG_LEVEL', 'error');
    const workers = await startWorkers({ pollingIntervalSeconds: 0.5 });
    try {
      const boss = await getBoss();
      const schedule = await boss.getSchedule('media.sweep-orphans');
      expect(schedule?.cron).toBe('23 4 * * *');
      expect(schedule?.timezone).toBe('UTC');
      // The test run's media folder holds nothing a day old: the job completes and removes nothing.
      const jobId = await boss.send('media.sweep-orphans', {});
      const job = await eventually(async () => {
        const [found] = await boss.findJobs('media.sweep-orphans', { id: jobId! });
        return found?.state === 'completed' ? found : undefined;
      });
      expect(job.output).toEqual({ removed: 0, interrupted: 0 });
    } finally {
      await workers.stop();
      vi.unstubAllEnvs();
    }
  });
});
