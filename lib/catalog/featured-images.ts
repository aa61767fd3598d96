import 'server-only';
import { sql } from 'drizzle-orm';
import { images } from '@/db/schema';
import { db, type TExecutor } from '@/lib/db/client';
import { imageCardColumns, type TImageCard } from './image-card';
import { newestFirst } from './newest-first';

export const FEATURED_LIMIT_MAX = 60;

/** The most recently published images, newest first, for the home page. */
export async function getFeaturedImages(limit = 12, executor: TExecutor = db): Promise<TImageCard[]> {
  const count = Math.min(Math.max(Math.trunc(Number.isFinite(limit) ? limit : 12), 1), FEATURED_LIMIT_MAX);
  return executor
    .select(imageCardColumns)
    .from(images)
    .where(sql`${images.published}`)
    .orderBy(...newestFirst)
    .limit(count);
}
