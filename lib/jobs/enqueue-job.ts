import 'server-only';
import { sql } from 'drizzle-orm';
import { fromDrizzle } from 'pg-boss';
import type { TTransaction } from '@/lib/db/client';
import { getBoss } from './boss';
import { queueDefinitions, type TQueueName, type TQueuePayload } from './queues';

/**
 * Inserts a job in the caller's transaction: it exists only if the transaction commits, so a
 * rolled-back change never triggers its side effect. The payload is checked against the queue's
 * strict schema (ids only) before it is written.
 */
export async function enqueueJob<N extends TQueueName>(tx: TTransaction, name: N, payload: TQueuePayload<N>): Promise<string> {
  const data = queueDefinitions[name].payload.parse(payload);
  const boss = await getBoss();
  const id = await boss.send(name, data, { db: fromDrizzle(tx, sql) });
  if (!id) throw new Error(`The ${name} job was not created`);
  return id;
}
