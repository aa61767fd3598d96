import 'server-only';
import { eq } from 'drizzle-orm';
import { staffFactors, users } from '@/db/schema';
import { db, type TExecutor } from '@/lib/db/client';
import type { TStaffRole } from '../permissions';

export type TStaffSignInAccount = {
  userId: string;
  email: string;
  status: 'pending' | 'active' | 'disabled';
  kind: 'customer' | 'staff';
  role: TStaffRole | null;
  passwordChangedAt: Date | null;
  hasPin: boolean;
  totpEnrolled: boolean;
};

/** The account a pending staff sign-in is about, with which factors it has; read afresh at every step. */
export async function loadStaffSignInAccount(userId: string, executor: TExecutor = db): Promise<TStaffSignInAccount | null> {
  const [row] = await executor
    .select({
      userId: users.id,
      email: users.email,
      status: users.status,
      kind: users.kind,
      role: users.staffRole,
      passwordChangedAt: users.passwordChangedAt,
      pinHash: staffFactors.pinHash,
      totpEnrolledAt: staffFactors.totpEnrolledAt,
    })
    .from(users)
    .leftJoin(staffFactors, eq(staffFactors.userId, users.id))
    .where(eq(users.id, userId));
  if (!row) return null;
  const { pinHash, totpEnrolledAt, ...account } = row;
  return { ...account, hasPin: pinHash !== null, totpEnrolled: totpEnrolledAt !== null };
}
