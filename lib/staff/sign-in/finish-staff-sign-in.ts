import 'server-only';
import { recordAuditEntry } from '@/lib/audit/record-audit-entry';
import { createSession } from '@/lib/auth/sessions/create-session';
import { deviceCookieValue, knownDeviceOf } from '@/lib/auth/sign-in-device';
import { db } from '@/lib/db/client';
import type { TClientInfo } from '@/lib/http/client-info';
import type { TAccessStep } from '@/lib/security/record-access';
import { isNewStaffOrigin, queueSecurityMail } from '@/lib/security/security-mail';
import type { TStaffRole } from '../permissions';
import type { TStaffSignInAccount } from './load-staff-sign-in-account';
import { recordStaffStep } from './record-staff-step';
import type { TStaffStepResult } from './staff-sign-in-result';

/**
 * Every step passed: opens the staff session (ending the account's other sessions), and records
 * the sign-in in the access log and the audit trail in the same transaction. A sign-in from an
 * address or a browser the account has not signed in from before is mailed to the security address.
 */
export async function finishStaffSignIn(
  account: TStaffSignInAccount & { role: TStaffRole },
  lastStep: TAccessStep,
  client: TClientInfo,
  deviceCookie: string | null,
): Promise<TStaffStepResult> {
  const knownDevice = knownDeviceOf(deviceCookie, account.email);
  const newOrigin = !knownDevice || (await isNewStaffOrigin(account.userId, client.ip));
  const session = await db.transaction(async (tx) => {
    const opened = await createSession(tx, { userId: account.userId, remember: false, client, kind: 'staff' });
    await recordStaffStep(lastStep, 'success', account.userId, client, tx);
    await recordAuditEntry(tx, {
      actorKind: 'staff',
      actorUserId: account.userId,
      action: 'staff.signed-in',
      subjectUserId: account.userId,
      objectType: 'session',
      objectId: opened.sessionId,
      clientIp: client.ip,
    });
    if (newOrigin) {
      await queueSecurityMail(tx, {
        kind: 'staff-new-address',
        cooldownKey: `${account.userId}:${client.ip ?? 'unknown'}:${knownDevice ?? 'new-browser'}`,
        facts: {
          account: account.email,
          role: account.role,
          address: client.ip ?? 'unknown',
          browser: [client.browser, client.os].filter(Boolean).join(' on ') || 'unknown',
          newBrowser: knownDevice ? 'no' : 'yes',
        },
      });
    }
    return opened;
  });
  return { ok: true, next: 'done', sessionToken: session.token, deviceCookie: deviceCookieValue(account.email, knownDevice) };
}
