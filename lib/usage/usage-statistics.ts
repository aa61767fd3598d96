import 'server-only';
import { sql } from 'drizzle-orm';
import { db } from '@/lib/db/client';
import { usageFeatureNames, type TUsageFeature } from './usage-features';

export type TUsageDay = { day: string; counts: Record<TUsageFeature, number> };
export type TUsageStatistics = { days: TUsageDay[]; totals: Record<TUsageFeature, number>; from: string; to: string };

const zeroCounts = (): Record<TUsageFeature, number> => Object.fromEntries(usageFeatureNames.map((name) => [name, 0])) as Record<TUsageFeature, number>;

/**
 * The last `days` days (UTC, today included), newest first, every known function on every day
 * (0 where nothing was counted). The counts hold no identity, so any staff member may read them.
 */
export async function usageStatistics(options: { days?: number; now?: Date } = {}): Promise<TUsageStatistics> {
  const days = options.days ?? 30;
  const today = (options.now ?? new Date()).toISOString().slice(0, 10);
  const result = await db.execute<{ day: string; feature: string; count: string }>(sql`
    select to_char(day, 'YYYY-MM-DD') as day, feature, count::text as count
    from usage_counts
    where day > ${today}::date - ${days}::int and day <= ${today}::date`);
  const byDay = new Map<string, Record<TUsageFeature, number>>();
  const totals = zeroCounts();
  for (let offset = 0; offset < days; offset++) {
    const day = new Date(Date.parse(`${today}T00:00:00Z`) - offset * 86_400_000).toISOString().slice(0, 10);
    byDay.set(day, zeroCounts());
  }
  for (const row of result.rows) {
    const counts = byDay.get(row.day);
    if (!counts || !(usageFeatureNames as string[]).includes(row.feature)) continue;
    const feature = row.feature as TUsageFeature;
    counts[feature] += Number(row.count);
    totals[feature] += Number(row.count);
  }
  const list = [...byDay].map(([day, counts]) => ({ day, counts }));
  return { days: list, totals, from: list.at(-1)?.day ?? today, to: today };
}
