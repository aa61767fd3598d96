import 'server-only';
import { and, eq, ne, sql } from 'drizzle-orm';
import { users } from '@/db/schema';
import { consumeAccountTokenRow, isAccountTokenUsable } from '@/lib/accounts/account-tokens';
import { recordAuditEntry } from '@/lib/audit/record-audit-entry';
import { endSessionsOfUser } from '@/lib/auth/sessions/end-sessions';
import { db } from '@/lib/db/client';
import type { TClientInfo } from '@/lib/http/client-info';
import { queueMail } from '@/lib/mail/send-mail';
import { serverEnv } from '@/lib/env';

export const INVALID_EMAIL_CHANGE_LINK = 'This link cannot be used: it has expired, was used already or is incomplete. Ask our staff to send a new one.';
export const EMAIL_CHANGE_TAKEN = 'Another account signs in with this address now, so the change cannot be made. Contact us if you need help.';

export type TEmailChangeResult = { ok: true } | { ok: false; reason: 'invalid' | 'taken'; message: string };

/**
 * Opens an e-mail change link (the confirm button of /confirm-email/[token]): the link is used
 * once, in one UPDATE, so two racing requests cannot both apply it. If the address was taken
 * meanwhile the link is spent and nothing changes. Otherwise the login e-mail changes, every
 * session of the account ends (it must sign in with the new address), and the OLD address is told.
 */
export async function confirmEmailChange(token: string, client: TClientInfo): Promise<TEmailChangeResult> {
  try {
    return await db.transaction(async (tx) => {
      const link = await consumeAccountTokenRow(tx, token, 'email_change');
      if (!link?.newEmail) return { ok: false, reason: 'invalid', message: INVALID_EMAIL_CHANGE_LINK } as const;
      const newEmail = link.newEmail;
      const [user] = await tx.select().from(users).where(eq(users.id, link.userId)).for('update');
      if (!user || user.kind !== 'customer') return { ok: false, reason: 'invalid', message: INVALID_EMAIL_CHANGE_LINK } as const;
      const [taken] = await tx.select({ id: users.id }).from(users).where(and(eq(sql`lower(${users.email})`, newEmail.toLowerCase()), ne(users.id, user.id)));
      if (taken) return { ok: false, reason: 'taken', message: EMAIL_CHANGE_TAKEN } as const;
      const changedAt = new Date();
      await tx.update(users).set({ email: newEmail, updatedAt: changedAt }).where(eq(users.id, user.id));
      // No end reason names an e-mail change; staff started it, so 'ended_by_staff' tells the customer's session list the truth.
      await endSessionsOfUser(user.id, 'ended_by_staff', { executor: tx });
      await queueMail(tx, {
        template: 'email-changed',
        to: { address: user.email, name: user.fullName },
        subjectUserId: user.id,
        data: { name: user.fullName, newEmail, changedAt, loginUrl: `${serverEnv().APP_URL}/login` },
      });
      await recordAuditEntry(tx, { actorKind: 'customer', actorUserId: user.id, action: 'account.email-changed', subjectUserId: user.id, objectType: 'user', objectId: user.id, changedFields: ['email'], clientIp: client.ip });
      return { ok: true } as const;
    });
  } catch (error) {
    // Taken between the check and the update (users_email_unique): the transaction rolled back, the link is unused.
    if (isUniqueViolation(error)) return { ok: false, reason: 'taken', message: EMAIL_CHANGE_TAKEN };
    throw error;
  }
}

/** For the page behind the link: whether to show the confirm button. Changes nothing. */
export function isEmailChangeLinkUsable(token: string): Promise<boolean> {
  return isAccountTokenUsable(db, token, 'email_change');
}

// drizzle wraps the driver's error; the code is on it or on its cause.
const isUniqueViolation = (error: unknown) => (error as { code?: string }).code === '23505' || (error as { cause?: { code?: string } }).cause?.code === '23505';
