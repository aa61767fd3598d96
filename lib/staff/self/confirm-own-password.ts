import 'server-only';
import { eq } from 'drizzle-orm';
import { users } from '@/db/schema';
import { verifyPassword } from '@/lib/auth/passwords';
import { db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { hitThrottle, takeBackThrottle } from '@/lib/throttle/hit-throttle';
import { throttleRules } from '@/lib/throttle/rules';
import { roleHasPermission } from '../permissions';
import type { TStaffActor } from '../require-staff';

/**
 * `field` names the form's password field, for the message next to it (My security has three
 * forms on one page, each with its own field name so their ids stay unique).
 *
 * Every change to one's own sign-in factors asks for the password first (checklist 18): a session
 * left open on a desk must not become a way to replace the factors. Wrong passwords are throttled
 * with the customers' change-password rule (counted before the check, atomically, so parallel
 * guesses get no extra tries; the right password takes its hit back).
 */
export async function confirmOwnPassword(actor: TStaffActor, password: string, field = 'currentPassword'): Promise<void> {
  if (!roleHasPermission(actor.role, 'backoffice.enter')) throw new AppError('FORBIDDEN', 'You do not have permission to do this.');
  const { userId } = actor;
  const hit = await hitThrottle(throttleRules.currentPasswordFailuresPerAccount, userId);
  if (!hit.allowed) {
    await takeBackThrottle(hit);
    throw new AppError('RATE_LIMITED', `Too many wrong passwords. Please try again in ${Math.ceil(hit.retryAfterSeconds / 60)} minutes.`);
  }
  const [user] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, userId));
  if (!(await verifyPassword(password, user?.passwordHash ?? null))) {
    throw new AppError('INVALID_INPUT', 'Please correct the marked fields.', { [field]: 'That is not your current password.' });
  }
  await takeBackThrottle(hit);
}
