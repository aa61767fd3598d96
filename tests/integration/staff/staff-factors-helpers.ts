import { eq } from 'drizzle-orm';
import { generateSync } from 'otplib';
import { staffFactors } from '@/db/schema';
import { db } from '@/lib/db/client';
import { insertCustomer } from '../../helpers/accounts-factory';

/** A staff member written directly: the factor tests are not about how accounts are made. */
export const insertStaff = () => insertCustomer({ kind: 'staff' });

/** The code an authenticator app shows at `ms`. */
export const totpCodeAt = (secret: string, ms: number) => generateSync({ secret, epoch: Math.floor(ms / 1000) });

/** A code that is not `code`. */
export const otherCode = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

export async function factorRowOf(userId: string) {
  const [row] = await db.select().from(staffFactors).where(eq(staffFactors.userId, userId));
  return row ?? null;
}
