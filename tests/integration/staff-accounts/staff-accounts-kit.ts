/**
 * Shared by the staff-accounts integration tests: a signed-in actor for a staff member whose
 * password is known (My security asks for it), open sessions of a member, queued mail read from
 * the outbox, and the audit entries about an account.
 */
import { and, eq, isNotNull } from 'drizzle-orm';
import { accountTokens, auditTrail, mailOutbox } from '@/db/schema';
import { createSession } from '@/lib/auth/sessions/create-session';
import { loadSession } from '@/lib/auth/sessions/load-session';
import { db } from '@/lib/db/client';
import { openEnvelope } from '@/lib/mail/envelope';
import type { TEmailTemplateName } from '@/lib/mail/send-mail';
import type { TStaffActor } from '@/lib/staff/require-staff';
import { TEST_CLIENT } from '../../helpers/actor-factory';
import type { TTestStaff } from '../../helpers/staff-factory';

/** A staff session for `member` and the actor the guard would make of it (see tests/helpers/staff-actor.ts for why a cast). */
export async function actorFor(member: TTestStaff): Promise<TStaffActor & { token: string }> {
  const { token } = await createSession(db, { userId: member.userId, remember: false, client: TEST_CLIENT, kind: 'staff' });
  const session = await loadSession(token);
  if (session.state !== 'active') throw new Error('The session is not active');
  return { kind: 'staff', userId: member.userId, sessionId: session.sessionId, role: member.role, fullName: session.fullName, email: session.email, client: TEST_CLIENT, token } as TStaffActor & { token: string };
}

/** Opens `count` sessions for a member, returning their tokens (a staff sign-in ends the member's earlier session). */
export async function openSessions(userId: string, count = 2): Promise<string[]> {
  const tokens: string[] = [];
  for (let i = 0; i < count; i++) tokens.push((await createSession(db, { userId, remember: false, client: TEST_CLIENT, kind: 'staff' })).token);
  return tokens;
}

export async function sessionStates(tokens: string[]) {
  return Promise.all(tokens.map(async (token) => (await loadSession(token)).state));
}

/** Messages of a template queued to `to` (envelopes are sealed; opened with the data key). */
export async function mailsTo(template: TEmailTemplateName, to: string) {
  const rows = await db.select({ envelope: mailOutbox.envelope, subjectUserId: mailOutbox.subjectUserId }).from(mailOutbox).where(and(eq(mailOutbox.template, template), isNotNull(mailOutbox.envelope)));
  return rows.map((row) => ({ subjectUserId: row.subjectUserId, ...openEnvelope(row.envelope!) })).filter((mail) => mail.to.toLowerCase() === to.toLowerCase());
}

/** Security messages whose body names `needle` (the account's e-mail is one of the facts). */
export async function securityMailsAbout(needle: string) {
  const rows = await db.select({ envelope: mailOutbox.envelope }).from(mailOutbox).where(and(eq(mailOutbox.template, 'security-factors-reset'), isNotNull(mailOutbox.envelope)));
  return rows.map((row) => openEnvelope(row.envelope!)).filter((mail) => mail.text.includes(needle));
}

export async function auditEntriesAbout(userId: string) {
  return db.select().from(auditTrail).where(eq(auditTrail.subjectUserId, userId)).orderBy(auditTrail.id);
}

/** The invitation link's token, read out of the queued invitation mail. */
export async function invitationTokenFor(email: string): Promise<string> {
  const [mail] = (await mailsTo('staff-invitation', email)).slice(-1);
  const match = mail ? /\/staff\/invitation\/([A-Za-z0-9_-]+)/.exec(mail.text) : null;
  if (!match) throw new Error('No invitation link was queued');
  return match[1]!;
}

export async function expireTokensOf(userId: string) {
  await db.update(accountTokens).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(accountTokens.userId, userId));
}
