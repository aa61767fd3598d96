/**
 * Signed-in staff members for integration tests of lib functions that take a TStaffActor.
 *
 * Why a cast, as in actor-factory.ts: only checkStaffAccess makes a TStaffActor, and it reads the
 * session cookie and the client address through next/headers, which exists only inside a request.
 * Every step here is real except that round trip: a real staff user row, a real staff session
 * from createSession, checked by loadSession (the function the guard calls). No second factors are
 * made: requireStaff would demand them, but a lib function takes the actor the guard returned.
 */
import { randomUUID } from 'node:crypto';
import bcrypt from 'bcrypt';
import { users } from '@/db/schema';
import { createSession } from '@/lib/auth/sessions/create-session';
import { loadSession } from '@/lib/auth/sessions/load-session';
import { db } from '@/lib/db/client';
import type { TStaffRole } from '@/lib/staff/permissions';
import type { TStaffActor } from '@/lib/staff/require-staff';
import { TEST_CLIENT } from './actor-factory';

export async function staffActorFor(role: TStaffRole, values: { fullName?: string } = {}): Promise<TStaffActor> {
  const [row] = await db
    .insert(users)
    .values({
      email: `staff-${role}-${randomUUID().slice(0, 8)}@example.test`,
      passwordHash: await bcrypt.hash(`pw-${randomUUID()}`, 4),
      fullName: values.fullName ?? `Test ${role}`,
      kind: 'staff',
      staffRole: role,
      status: 'active',
      activatedAt: new Date(),
    })
    .returning({ id: users.id });
  const { token } = await createSession(db, { userId: row!.id, remember: false, client: TEST_CLIENT, kind: 'staff' });
  const session = await loadSession(token);
  if (session.state !== 'active' || session.kind !== 'staff' || session.staffRole !== role) {
    throw new Error(`The guard would refuse this staff session (${session.state})`);
  }
  return {
    kind: 'staff',
    userId: session.userId,
    sessionId: session.sessionId,
    role,
    fullName: session.fullName,
    email: session.email,
    client: TEST_CLIENT,
  } as TStaffActor;
}
