import 'server-only';
import { eq } from 'drizzle-orm';
import { staffFactors } from '@/db/schema';
import { db } from '@/lib/db/client';
import { remainingRecoveryCodes } from '../factors/recovery-codes';
import type { TStaffActor } from '../require-staff';

export type TMyStaffSecurity = { pinChangedAt: Date | null; totpEnrolledAt: Date | null; recoveryCodesLeft: number };

/** What My security shows about one's own factors (never a secret). */
export async function myStaffSecurity(actor: TStaffActor): Promise<TMyStaffSecurity> {
  const [[factors], recoveryCodesLeft] = await Promise.all([
    db.select({ pinChangedAt: staffFactors.pinChangedAt, totpEnrolledAt: staffFactors.totpEnrolledAt }).from(staffFactors).where(eq(staffFactors.userId, actor.userId)),
    remainingRecoveryCodes(actor.userId),
  ]);
  return { pinChangedAt: factors?.pinChangedAt ?? null, totpEnrolledAt: factors?.totpEnrolledAt ?? null, recoveryCodesLeft };
}
