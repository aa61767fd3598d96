import 'server-only';
import { eq } from 'drizzle-orm';
import { users } from '@/db/schema';
import type { TEmailTemplateName } from '@/emails';
import type { TTransaction } from '@/lib/db/client';
import { AppError } from '@/lib/errors';

/**
 * What still reaches an account whose processing is restricted (GDPR art. 18). Strict on purpose:
 * restriction means the data is stored and not used, so only mail the person cannot do without
 * goes out. Answers to their own data-protection requests (the identity link, an extension, the
 * answer, the restriction notice and the notice before it is lifted, art. 18(3); the copy of their
 * data they asked for) and the security of their account (password reset and change, someone
 * registering with their address, an e-mail change). Orders, invoices and reminders, shares and
 * download ZIPs are processing of the account and are refused.
 */
export const MAIL_DURING_RESTRICTION: ReadonlySet<TEmailTemplateName> = new Set<TEmailTemplateName>([
  'privacy-request-identity',
  'privacy-request-extended',
  'privacy-request-closed',
  'privacy-restriction',
  'data-export-ready',
  'password-reset',
  'password-changed',
  'registration-attempt-existing',
  'email-change-confirm',
  'email-change-requested',
  'email-changed',
]);

export const RESTRICTED_MAIL_REFUSED = 'This account is restricted (GDPR art. 18): it is not mailed and its orders are not processed until a privacy officer lifts the restriction.';

/**
 * Refuses (AppError CONFLICT) a message about a restricted account unless it is one of the above.
 * Reads the account row FOR SHARE, so a restriction set at the same moment waits for this
 * transaction or makes it see the restriction.
 */
export async function assertMailAllowed(tx: TTransaction, template: TEmailTemplateName, subjectUserId: string | null | undefined): Promise<void> {
  if (!subjectUserId || MAIL_DURING_RESTRICTION.has(template)) return;
  const [row] = await tx.select({ restrictedAt: users.restrictedAt }).from(users).where(eq(users.id, subjectUserId)).for('share');
  if (row?.restrictedAt) throw new AppError('CONFLICT', RESTRICTED_MAIL_REFUSED);
}
