import 'server-only';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { staffFactors } from '@/db/schema';
import { hashPassword, verifyPassword } from '@/lib/auth/passwords';
import { db, type TExecutor } from '@/lib/db/client';

/** A staff PIN: 6 to 8 digits, kept as a string so leading zeros count. */
export const ZPin = z.string().regex(/^\d{6,8}$/, 'Use 6 to 8 digits.');

const ZUserId = z.uuid();

/**
 * Stores a new PIN as a bcrypt hash (the password hasher: same cost, so a stolen table gives a
 * PIN no faster than a password), creating the staff member's factor row when it is missing.
 */
export async function setPin(executor: TExecutor, userId: string, pin: string): Promise<void> {
  const id = ZUserId.parse(userId);
  const pinHash = await hashPassword(ZPin.parse(pin));
  const now = new Date();
  await executor
    .insert(staffFactors)
    .values({ userId: id, pinHash, pinChangedAt: now, updatedAt: now })
    .onConflictDoUpdate({ target: staffFactors.userId, set: { pinHash, pinChangedAt: now, updatedAt: now } });
}

/**
 * Whether `pin` is the staff member's PIN. Without a PIN (or for a malformed one) it still spends a
 * bcrypt comparison against a dummy hash, so the time taken does not tell whether a PIN is set.
 * Counting attempts is the sign-in flow's job, not this one's.
 */
export async function pinMatches(userId: string, pin: string): Promise<boolean> {
  const hash = await pinHashOf(userId);
  const wellFormed = ZPin.safeParse(pin).success;
  // verifyPassword compares '' against the hash (or the dummy) and answers false for it.
  return verifyPassword(wellFormed ? pin : '', hash);
}

export async function hasPin(userId: string): Promise<boolean> {
  return (await pinHashOf(userId)) !== null;
}

async function pinHashOf(userId: string): Promise<string | null> {
  if (!ZUserId.safeParse(userId).success) return null;
  const [row] = await db.select({ pinHash: staffFactors.pinHash }).from(staffFactors).where(eq(staffFactors.userId, userId));
  return row?.pinHash ?? null;
}
