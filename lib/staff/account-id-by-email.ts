import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { users } from '@/db/schema';
import { db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { roleHasPermission } from './permissions';
import type { TStaffActor } from './require-staff';

/** For filtering the access log by account: the id behind a login e-mail, or null. Needs security.read. */
export async function accountIdByEmail(actor: TStaffActor, email: string): Promise<string | null> {
  if (!roleHasPermission(actor.role, 'security.read')) throw new AppError('FORBIDDEN', 'You do not have permission to see this.');
  const [row] = await db.select({ id: users.id }).from(users).where(eq(sql`lower(${users.email})`, email.trim().toLowerCase()));
  return row?.id ?? null;
}
