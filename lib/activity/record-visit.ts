import 'server-only';
import { headers } from 'next/headers';
import { after } from 'next/server';
import { getOptionalUser } from '@/lib/auth/guards';
import { clientInfoFrom } from '@/lib/http/client-info';
import { isPrefetch } from '@/lib/http/prefetch';
import { errorSummary } from '@/lib/log/error-summary';
import { recordActivity, type TActivity } from './record-activity';
import { logLine } from '@/lib/log/log-line';
import { countUsage } from '@/lib/usage/count-usage';
import { activityUsageFeature } from '@/lib/usage/usage-features';

/**
 * Records a page view or download of the current request once the response has been sent, so it
 * adds no latency. Prefetches are not visits. A failure is logged (without values) and never
 * breaks the page.
 */
export async function recordVisit(activity: TActivity) {
  const requestHeaders = await headers();
  if (isPrefetch((name) => requestHeaders.get(name))) return;
  countUsage(activityUsageFeature[activity.kind]);
  const client = clientInfoFrom(requestHeaders);
  const user = await getOptionalUser();
  after(async () => {
    try {
      await recordActivity(activity, { userId: user?.userId ?? null, client });
    } catch (error) {
      logLine('error', 'activity', `recording a ${activity.kind} failed: ${errorSummary(error)}`);
    }
  });
}
