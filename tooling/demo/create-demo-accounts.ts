import 'server-only';
import { randomBytes, randomInt } from 'node:crypto';
import bcrypt from 'bcrypt';
import { users } from '@/db/schema';
import { db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { createStaffAccount } from '@/lib/staff/create-staff-account';
import { setPin } from '@/lib/staff/factors/pin';
import { startTotpEnrolment, storeTotpSecret } from '@/lib/staff/factors/totp';
import type { TStaffRole } from '@/lib/staff/permissions';

const DEMO_CUSTOMER = { email: 'customer@demo.stockroom.test', fullName: 'Dana Demo' };

/** One staff account per role, so the back office can be tried as each of them. */
const DEMO_STAFF: ReadonlyArray<{ email: string; fullName: string; role: TStaffRole }> = [
  { email: 'superadmin@demo.stockroom.test', fullName: 'Helena Marchetti', role: 'superadmin' },
  { email: 'admin@demo.stockroom.test', fullName: 'Oskar Lindqvist', role: 'admin' },
  { email: 'privacy@demo.stockroom.test', fullName: 'Amara Okafor', role: 'privacy_officer' },
  { email: 'sales@demo.stockroom.test', fullName: 'Diego Alvarez', role: 'sales' },
  { email: 'catalog@demo.stockroom.test', fullName: 'Mei Tanaka', role: 'catalog' },
];

export type TCreatedDemoAccount =
  | { kind: 'customer'; email: string; password: string }
  | { kind: 'staff'; email: string; password: string; role: TStaffRole; pin: string; otpauthUri: string };

const randomPassword = () => randomBytes(12).toString('base64url');

/**
 * Creates the demo customer and the demo staff accounts when missing, with random passwords (and
 * for staff a random PIN and an enrolled authenticator secret) that are returned once for printing
 * and never stored in plain text. Existing accounts are left alone.
 */
export async function createDemoAccounts(): Promise<TCreatedDemoAccount[]> {
  const created: TCreatedDemoAccount[] = [];

  const password = randomPassword();
  const inserted = await db
    .insert(users)
    .values({ ...DEMO_CUSTOMER, kind: 'customer', passwordHash: await bcrypt.hash(password, 12), status: 'active', activatedAt: new Date() })
    .onConflictDoNothing()
    .returning({ id: users.id });
  if (inserted.length > 0) created.push({ kind: 'customer', email: DEMO_CUSTOMER.email, password });

  for (const account of DEMO_STAFF) {
    const staff = await createDemoStaff(account);
    if (staff) created.push(staff);
  }
  return created;
}

/** The account, its PIN and its authenticator in one transaction: a demo staff member is complete or absent. */
async function createDemoStaff(account: (typeof DEMO_STAFF)[number]): Promise<TCreatedDemoAccount | null> {
  const password = randomPassword();
  const pin = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const { secret, otpauthUri } = await startTotpEnrolment(account.email);
  try {
    await db.transaction(async (tx) => {
      const { userId } = await createStaffAccount(tx, { ...account, password });
      await setPin(tx, userId, pin);
      // Enrolled without a code: the printed otpauth:// URI is how the secret reaches the app.
      await storeTotpSecret(tx, userId, secret, null);
    });
  } catch (error) {
    if (error instanceof AppError && error.code === 'CONFLICT') return null;
    throw error;
  }
  return { kind: 'staff', email: account.email, password, role: account.role, pin, otpauthUri };
}
