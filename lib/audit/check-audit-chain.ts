import 'server-only';
import { db } from '@/lib/db/client';
import type { TStaffActor } from '@/lib/staff/require-staff';
import { assertCanReadAudit } from './audit-entry-rows';
import { verifyAuditChain, type TChainReport } from './verify-audit-chain';

/**
 * The chain check for the back office. It reads and rehashes every entry (linear in the trail's
 * length), so the page runs it only when asked, never on every view.
 */
export async function checkAuditChain(actor: TStaffActor): Promise<TChainReport> {
  assertCanReadAudit(actor);
  return verifyAuditChain(db);
}
