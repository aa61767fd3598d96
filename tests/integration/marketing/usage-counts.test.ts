/**
 * Usage statistics: counts per day and function, nothing else. The table has no column that could
 * name a person, a real use case's count holds none of its identifiers, a failed write breaks
 * nothing and is written later, and the dashboard's query gives 30 days.
 */
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { closeDatabase, db } from '@/lib/db/client';
import { unsubscribeByLink } from '@/lib/marketing/unsubscribe-by-link';
import { unsubscribeToken } from '@/lib/marketing/unsubscribe-link';
import { countUsage, flushUsageCounts } from '@/lib/usage/count-usage';
import { usageFeatureNames } from '@/lib/usage/usage-features';
import { usageStatistics } from '@/lib/usage/usage-statistics';
import { customerWithConsent } from './marketing-kit';

afterAll(closeDatabase);

const countOf = async (day: string, feature: string) => {
  const result = await db.execute<{ count: string }>(sql`select count::text from usage_counts where day = ${day}::date and feature = ${feature}`);
  return Number(result.rows[0]?.count ?? 0);
};

describe('usage counts', () => {
  it('keep only a day, a function name and a number', async () => {
    const columns = await db.execute<{ column_name: string }>(sql`
      select column_name from information_schema.columns where table_schema = 'public' and table_name = 'usage_counts' order by ordinal_position`);
    expect(columns.rows.map((row) => row.column_name)).toEqual(['day', 'feature', 'count']);
  });

  it('add up uses per UTC day and function in one upsert', async () => {
    const day = '2031-03-04';
    countUsage('search', new Date(`${day}T00:00:01Z`));
    countUsage('search', new Date(`${day}T23:59:59Z`));
    countUsage('cart-add', new Date(`${day}T12:00:00Z`));
    countUsage('search', new Date('2031-03-05T00:00:00Z'));
    await flushUsageCounts();
    countUsage('search', new Date(`${day}T13:00:00Z`));
    await flushUsageCounts();
    expect(await countOf(day, 'search')).toBe(3);
    expect(await countOf(day, 'cart-add')).toBe(1);
    expect(await countOf('2031-03-05', 'search')).toBe(1);
  });

  it('hold none of the identifiers of the use counted', async () => {
    const customer = await customerWithConsent('given', { fullName: 'Ula Strand' });
    const before = await countOf(new Date().toISOString().slice(0, 10), 'unsubscribe');
    expect(await unsubscribeByLink(unsubscribeToken(customer.userId))).toBe('unsubscribed');
    await flushUsageCounts();
    expect(await countOf(new Date().toISOString().slice(0, 10), 'unsubscribe')).toBe(before + 1);
    for (const needle of [customer.userId, customer.email, 'Ula Strand', '192.0.2.1', '198.51.100.23']) {
      const found = await db.execute<{ n: number }>(sql`select count(*)::int as n from usage_counts t where position(${needle} in t::text) > 0`);
      expect.soft(found.rows[0]?.n, needle).toBe(0);
    }
  });

  it('never throw: a write that fails is logged and kept for the next flush', async () => {
    vi.stubEnv('STOCKROOM_LOG_LEVEL', 'silent');
    const day = '2031-04-01';
    await db.execute(sql`alter table usage_counts rename to usage_counts_away`);
    try {
      expect(() => countUsage('checkout', new Date(`${day}T10:00:00Z`))).not.toThrow();
      await expect(flushUsageCounts()).resolves.toBeUndefined();
    } finally {
      await db.execute(sql`alter table usage_counts_away rename to usage_counts`);
      vi.unstubAllEnvs();
    }
    expect(await countOf(day, 'checkout')).toBe(0);
    await flushUsageCounts();
    expect(await countOf(day, 'checkout')).toBe(1);
  });

  it('give the dashboard 30 days, newest first, every function on every day', async () => {
    countUsage('preview', new Date('2031-05-30T08:00:00Z'));
    countUsage('preview', new Date('2031-05-01T08:00:00Z'));
    countUsage('preview', new Date('2031-04-30T08:00:00Z'));
    await flushUsageCounts();
    const statistics = await usageStatistics({ days: 30, now: new Date('2031-05-30T20:00:00Z') });
    expect(statistics.days).toHaveLength(30);
    expect(statistics.days[0]!.day).toBe('2031-05-30');
    expect(statistics.days.at(-1)!.day).toBe('2031-05-01');
    expect(statistics.from).toBe('2031-05-01');
    expect(Object.keys(statistics.days[5]!.counts).sort()).toEqual([...usageFeatureNames].sort());
    expect(statistics.days[0]!.counts.preview).toBe(1);
    expect(statistics.totals.preview).toBe(2);
  });
});
