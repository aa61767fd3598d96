import 'server-only';
import { sql } from 'drizzle-orm';
import { activityEvents } from '@/db/schema';
import { db, type TExecutor } from '@/lib/db/client';
import { truncateIp, type TClientInfo } from '@/lib/http/client-info';

export type TActivity =
  | { kind: 'search'; searchQuery: string; searchFilters: Record<string, string> }
  | { kind: 'preview_view' | 'comp_download'; imageId: number }
  | { kind: 'login' };

export type TVisitor = { userId: string | null; client: TClientInfo };

export type TActivityRow = typeof activityEvents.$inferInsert;

/**
 * What is stored about a visitor's action. A customer's row carries their subject id and full IP; a
 * guest's row carries no account and no cookie, and the IP only to /24 or /48. The country is
 * derived from the full address before it is truncated.
 */
export function activityRow(activity: TActivity, visitor: TVisitor): TActivityRow {
  const isGuest = visitor.userId === null;
  return {
    kind: activity.kind,
    subjectUserId: visitor.userId,
    imageId: 'imageId' in activity ? activity.imageId : null,
    searchQuery: 'searchQuery' in activity ? activity.searchQuery : null,
    searchFilters: 'searchFilters' in activity ? activity.searchFilters : null,
    ip: isGuest ? truncateIp(visitor.client.ip) : visitor.client.ip,
    browser: visitor.client.browser,
    os: visitor.client.os,
    country: visitor.client.country,
  };
}

/** Records what a visitor did, now (inside the caller's transaction when it passes one). */
export async function recordActivity(activity: TActivity, visitor: TVisitor, executor: TExecutor = db) {
  await executor.insert(activityEvents).values(activityRow(activity, visitor));
}

/**
 * Records many actions in one statement with one parameter: the rows as JSON, unpacked by Postgres.
 * (Building a multi-row insert with a parameter per value cost the web process more CPU than the
 * insert costs Postgres.) A row whose image or account has been deleted since is skipped rather than
 * failing the rest.
 */
export async function recordActivityRows(rows: TActivityRow[], executor: TExecutor = db) {
  if (rows.length === 0) return;
  const records = rows.map((row) => ({
    kind: row.kind,
    subject_user_id: row.subjectUserId ?? null,
    image_id: row.imageId ?? null,
    search_query: row.searchQuery ?? null,
    search_filters: row.searchFilters ?? null,
    ip: row.ip ?? null,
    browser: row.browser ?? null,
    os: row.os ?? null,
    country: row.country ?? null,
  }));
  await executor.execute(sql`
    insert into activity_events (kind, subject_user_id, image_id, search_query, search_filters, ip, browser, os, country)
    select r.kind, r.subject_user_id, r.image_id, r.search_query, r.search_filters, r.ip, r.browser, r.os, r.country
    from json_populate_recordset(null::activity_events, ${JSON.stringify(records)}::json) as r
    where (r.image_id is null or exists (select 1 from images where images.id = r.image_id))
      and (r.subject_user_id is null or exists (select 1 from users where users.id = r.subject_user_id))`);
}
