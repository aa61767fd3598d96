import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { closeDatabase } from '@/lib/db/client';
import { getBoss, stopBoss } from '@/lib/jobs/boss';
import { findPayloadMapMismatches, queueDefinitions } from '@/lib/jobs/queues';
import { jobPayloadMap } from '@/lib/privacy/data-map';

afterAll(async () => {
  await stopBoss();
  await closeDatabase();
});

describe('job payloads and the personal-data map', () => {
  it('classifies every payload field of every queue, and nothing else', () => {
    expect(findPayloadMapMismatches(queueDefinitions, jobPayloadMap)).toEqual([]);
  });

  it('notices a payload field missing from the map, a stale map entry and an unmapped queue', () => {
    const definitions = {
      'mail.deliver': { payload: z.strictObject({ outboxId: z.uuid(), recipient: z.email() }) },
      'orders.export': { payload: z.strictObject({ orderId: z.uuid() }) },
    };
    const map = { 'mail.deliver': { outboxId: {}, subject: {} }, 'mail.purge': {} };
    expect(findPayloadMapMismatches(definitions, map).sort()).toEqual(
      [
        'mail.deliver.recipient: in the payload schema but not in jobPayloadMap',
        'mail.deliver.subject: in jobPayloadMap but not in the payload schema',
        'mail.purge: in jobPayloadMap but no such queue is defined',
        'orders.export: queue has no entry in jobPayloadMap',
      ].sort(),
    );
  });

  it('refuses to send a payload with a field outside its schema', () => {
    expect(queueDefinitions['mail.deliver'].payload.safeParse({ outboxId: crypto.randomUUID(), to: 'a@example.test' }).success).toBe(false);
  });

  it('has a definition, and so a map entry, for every queue in the database', async () => {
    const boss = await getBoss();
    const queues = await boss.getQueues();
    // pg-boss's own queues (the scheduler's __pgboss__send-it) carry schedule definitions, not application data.
    const names = queues.map((queue) => queue.name).filter((name) => !name.startsWith('__pgboss__'));
    expect(names.length).toBeGreaterThan(0);
    expect(names.filter((name) => !(name in queueDefinitions))).toEqual([]);
    expect(names.filter((name) => !(name in jobPayloadMap))).toEqual([]);
  });
});
