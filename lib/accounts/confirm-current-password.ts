import 'server-only';
import { eq } from 'drizzle-orm';
import { users } from '@/db/schema';
import type { TCustomerActor } from '@/lib/auth/guards';
import { verifyPassword } from '@/lib/auth/passwords';
import { db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { hitThrottle, takeBackThrottle } from '@/lib/throttle/hit-throttle';
import { throttleRules } from '@/lib/throttle/rules';

/**
 * The signed-in customer types their password again before something a stolen session must not
 * do alone (change the password, take a copy of all their data). A stolen session must not become
 * a way to guess the password either: wrong passwords are throttled per account, counted before
 * the check (atomically), so parallel requests get no extra guesses; the right password takes its
 * hit back. A wrong one is a field error on `field`.
 */
export async function confirmCurrentPassword(actor: TCustomerActor, password: string, field = 'currentPassword'): Promise<void> {
  const hit = await hitThrottle(throttleRules.currentPasswordFailuresPerAccount, actor.userId);
  if (!hit.allowed) {
    await takeBackThrottle(hit);
    throw new AppError('RATE_LIMITED', `Too many wrong passwords. Please try again in ${Math.ceil(hit.retryAfterSeconds / 60)} minutes.`);
  }
  const [user] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, actor.userId));
  if (!(await verifyPassword(password, user?.passwordHash ?? null))) {
    throw new AppError('INVALID_INPUT', 'Please correct the marked fields.', { [field]: 'That is not your current password.' });
  }
  await takeBackThrottle(hit);
}
