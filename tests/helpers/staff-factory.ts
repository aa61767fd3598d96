/**
 * Staff members for integration tests: real rows, real factors (PIN hash, sealed TOTP secret),
 * made through the same lib functions the sign-in and `npm run staff:create` use.
 */
import { randomUUID } from 'node:crypto';
import bcrypt from 'bcrypt';
import { generateSecret, generateSync } from 'otplib';
import { users } from '@/db/schema';
import { db } from '@/lib/db/client';
import { setPin } from '@/lib/staff/factors/pin';
import { storeTotpSecret } from '@/lib/staff/factors/totp';
import type { TStaffRole } from '@/lib/staff/permissions';

export type TTestStaff = { userId: string; email: string; password: string; pin: string | null; totpSecret: string | null; role: TStaffRole };

/** A staff member with a password, and a PIN and an enrolled authenticator unless told otherwise. */
export async function createStaffMember(role: TStaffRole, options: { pin?: boolean; totp?: boolean; status?: 'active' | 'disabled' } = {}): Promise<TTestStaff> {
  const password = `pw-${randomUUID()}`;
  const email = `staff-${role}-${randomUUID().slice(0, 8)}@example.test`;
  const [row] = await db
    .insert(users)
    .values({ email, passwordHash: await bcrypt.hash(password, 4), fullName: `Test ${role}`, kind: 'staff', staffRole: role, status: options.status ?? 'active', activatedAt: new Date() })
    .returning({ id: users.id });
  const userId = row!.id;
  const pin = options.pin === false ? null : String(100000 + Math.floor(Math.random() * 899999));
  if (pin) await setPin(db, userId, pin);
  const totpSecret = options.totp === false ? null : generateSecret();
  if (totpSecret) await storeTotpSecret(db, userId, totpSecret);
  return { userId, email, password, pin, totpSecret, role };
}

/** The authenticator code of `secret` at `nowMs` (otplib, as the staff member's app computes it). */
export const totpCode = (secret: string, nowMs = Date.now()) => generateSync({ secret, epoch: Math.floor(nowMs / 1000) });
