import 'server-only';
import { activityEvents } from '@/db/schema';
import { db, type TExecutor } from '@/lib/db/client';
import { truncateIp, type TClientInfo } from '@/lib/http/client-info';

type TActivity =
  | { kind: 'search'; searchQuery: string; searchFilters: Record<string, string> }
  | { kind: 'preview_view' | 'comp_download'; imageId: number }
  | { kind: 'login' };

/**
 * Records what a visitor did. A customer's row carries their subject id and full IP; a guest's row
 * carries no account and no cookie, and the IP only to /24 or /48. The country is derived from
 * the full address before it is truncated.
 */
export async function recordActivity(
  activity: TActivity,
  visitor: { userId: string | null; client: TClientInfo },
  executor: TExecutor = db,
) {
  const isGuest = visitor.userId === null;
  await executor.insert(activityEvents).values({
    kind: activity.kind,
    subjectUserId: visitor.userId,
    imageId: 'imageId' in activity ? activity.imageId : null,
    searchQuery: 'searchQuery' in activity ? activity.searchQuery : null,
    searchFilters: 'searchFilters' in activity ? activity.searchFilters : null,
    ip: isGuest ? truncateIp(visitor.client.ip) : visitor.client.ip,
    browser: visitor.client.browser,
    os: visitor.client.os,
    country: visitor.client.country,
  });
}
