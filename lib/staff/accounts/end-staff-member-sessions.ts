import 'server-only';
import { recordAuditEntry } from '@/lib/audit/record-audit-entry';
import { endSessionsOfUser } from '@/lib/auth/sessions/end-sessions';
import { db } from '@/lib/db/client';
import type { TStaffActor } from '../require-staff';
import { assertNotSelf, loadManagedStaffAccount, lockStaffChanges, ZStaffUserId } from './staff-account-rules';

/**
 * Ends every session of a staff account from the staff accounts section (staff.manage, with the
 * admin rule); its next request finds them ended. The access log's button does the same for
 * security.manage (lib/staff/staff-sessions.ts). One's own sessions end with "Sign out".
 */
export async function endStaffMemberSessions(actor: TStaffActor, rawUserId: unknown): Promise<number> {
  const userId = ZStaffUserId.parse(rawUserId);
  return db.transaction(async (tx) => {
    await lockStaffChanges(tx);
    const account = await loadManagedStaffAccount(tx, actor, userId);
    assertNotSelf(actor, account, 'To end your own session, sign out.');
    const ended = await endSessionsOfUser(account.userId, 'ended_by_staff', { executor: tx });
    await recordAuditEntry(tx, {
      actorKind: 'staff',
      actorUserId: actor.userId,
      action: 'staff.sessions-ended',
      subjectUserId: account.userId,
      objectType: 'user',
      objectId: account.userId,
      clientIp: actor.client.ip,
    });
    return ended;
  });
}
