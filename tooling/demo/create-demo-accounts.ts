import 'server-only';
import { randomBytes } from 'node:crypto';
import bcrypt from 'bcrypt';
import { users } from '@/db/schema';
import { db } from '@/lib/db/client';

const DEMO_ACCOUNTS = [
  { email: 'customer@demo.stockroom.test', fullName: 'Dana Demo', kind: 'customer' as const, staffRole: null },
  { email: 'staff@demo.stockroom.test', fullName: 'Sam Staff', kind: 'staff' as const, staffRole: 'superadmin' as const },
];

export type TCreatedDemoAccount = { email: string; password: string; kind: 'customer' | 'staff' };

/**
 * Creates the demo customer and staff accounts when missing, with random passwords that are
 * returned once for printing and never stored in plain text. Existing accounts are left alone.
 */
export async function createDemoAccounts(): Promise<TCreatedDemoAccount[]> {
  const created: TCreatedDemoAccount[] = [];
  for (const account of DEMO_ACCOUNTS) {
    const password = randomBytes(12).toString('base64url');
    const passwordHash = await bcrypt.hash(password, 12);
    const inserted = await db
      .insert(users)
      .values({ ...account, passwordHash, status: 'active', activatedAt: new Date() })
      .onConflictDoNothing()
      .returning({ id: users.id });
    if (inserted.length > 0) created.push({ email: account.email, password, kind: account.kind });
  }
  return created;
}
