import 'server-only';
import { and, count, gte, inArray, ne } from 'drizzle-orm';
import { accessLog } from '@/db/schema';
import { db } from '@/lib/db/client';
import { listActiveBlocks, type TIpBlock } from '@/lib/security/ip-blocks';
import { roleHasPermission } from './permissions';
import type { TStaffActor } from './require-staff';

export type TStaffDashboard = {
  /** Only for roles that may see security state (security.read); null for the others. */
  security: { activeBlocks: TIpBlock[]; failedSignInsLastDay: number; refusedStaffRequestsLastDay: number } | null;
};

/** What needs attention, as far as the actor's role may see it. */
export async function staffDashboard(actor: TStaffActor): Promise<TStaffDashboard> {
  if (!roleHasPermission(actor.role, 'security.read')) return { security: null };
  const since = new Date(Date.now() - 86_400_000);
  const [activeBlocks, [failures], [refusals]] = await Promise.all([
    listActiveBlocks(),
    db
      .select({ n: count() })
      .from(accessLog)
      .where(and(gte(accessLog.occurredAt, since), inArray(accessLog.kind, ['customer_sign_in', 'staff_sign_in']), ne(accessLog.outcome, 'success'))),
    db
      .select({ n: count() })
      .from(accessLog)
      .where(and(gte(accessLog.occurredAt, since), inArray(accessLog.kind, ['staff_request']))),
  ]);
  return { security: { activeBlocks, failedSignInsLastDay: failures?.n ?? 0, refusedStaffRequestsLastDay: refusals?.n ?? 0 } };
}
