import 'server-only';
import { sql } from 'drizzle-orm';
import { images } from '@/db/schema';

/**
 * Newest first, spelled exactly like images_newest_idx (published_at DESC NULLS LAST, id DESC NULLS LAST):
 * a plain DESC means NULLS FIRST, which that index cannot return in order, so Postgres would sort instead.
 */
export const newestFirst = [sql`${images.publishedAt} desc nulls last`, sql`${images.id} desc nulls last`] as const;
