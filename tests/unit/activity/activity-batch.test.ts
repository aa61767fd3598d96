import { afterEach, describe, expect, it, vi } from 'vitest';
import { ActivityBatch } from '@/lib/activity/activity-batch';
import type { TActivityRow } from '@/lib/activity/record-activity';

const row = (n: number): TActivityRow => ({ kind: 'search', searchQuery: `q${n}`, searchFilters: {} });

/** Collects what the batch would insert: the batching rules under test, not the database. */
function recorder() {
  const writes: TActivityRow[][] = [];
  return { writes, write: async (rows: TActivityRow[]) => void writes.push(rows) };
}

describe('ActivityBatch', () => {
  afterEach(() => vi.useRealTimers());

  it('writes waiting rows in one statement once the delay has passed', async () => {
    vi.useFakeTimers();
    const { writes, write } = recorder();
    const batch = new ActivityBatch({ maxDelayMs: 250 }, write);
    batch.add(row(1));
    batch.add(row(2));
    await vi.advanceTimersByTimeAsync(249);
    expect(writes).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(writes).toEqual([[row(1), row(2)]]);
  });

  it('writes at once when the batch is full', async () => {
    const { writes, write } = recorder();
    const batch = new ActivityBatch({ maxRows: 3, maxDelayMs: 60_000 }, write);
    for (let n = 1; n <= 4; n++) batch.add(row(n));
    await batch.flush();
    expect(writes).toEqual([[row(1), row(2), row(3)], [row(4)]]);
  });

  it('drops rows beyond the pending limit instead of holding them without bound', async () => {
    const pending: (() => void)[] = [];
    const written: TActivityRow[][] = [];
    const slowWrite = (rows: TActivityRow[]) =>
      new Promise<void>((resolve) => {
        written.push(rows);
        pending.push(resolve);
      });
    const batch = new ActivityBatch({ maxRows: 2, maxDelayMs: 60_000, maxPending: 3 }, slowWrite);
    // 1 and 2 fill a batch whose write hangs; 3 waits; 4 and 5 find three rows pending.
    for (let n = 1; n <= 5; n++) batch.add(row(n));
    const flushed = batch.flush();
    for (const resolve of pending) resolve();
    await new Promise((resolve) => setImmediate(resolve));
    for (const resolve of pending) resolve();
    await flushed;
    expect(written.flat()).toEqual([row(1), row(2), row(3)]);
  });

  it('runs one statement at a time however fast rows arrive', async () => {
    let running = 0;
    let mostAtOnce = 0;
    const written: TActivityRow[][] = [];
    const batch = new ActivityBatch({ maxRows: 2, maxDelayMs: 60_000 }, async (rows) => {
      running++;
      mostAtOnce = Math.max(mostAtOnce, running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      written.push(rows);
      running--;
    });
    for (let n = 1; n <= 7; n++) batch.add(row(n));
    await batch.flush();
    expect(mostAtOnce).toBe(1);
    expect(written).toEqual([[row(1), row(2)], [row(3), row(4)], [row(5), row(6)], [row(7)]]);
  });

  it('survives a failed write and goes on with the next rows', async () => {
    let fail = true;
    const writes: TActivityRow[][] = [];
    const batch = new ActivityBatch({ maxDelayMs: 60_000 }, async (rows) => {
      if (fail) throw new Error('connection refused');
      writes.push(rows);
    });
    batch.add(row(1));
    await batch.flush();
    fail = false;
    batch.add(row(2));
    await batch.flush();
    expect(writes).toEqual([[row(2)]]);
  });
});
