import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { mailOutbox, sessions, users } from '@/db/schema';
import { changePassword } from '@/lib/accounts/change-password';
import { verifyPassword } from '@/lib/auth/passwords';
import { createSecretToken } from '@/lib/auth/secret-tokens';
import { loadSession } from '@/lib/auth/sessions/load-session';
import { closeDatabase, db } from '@/lib/db/client';
import { toActionFailure } from '@/lib/errors';
import { stopBoss } from '@/lib/jobs/boss';
import { clearOfWindowEdge } from '../../helpers/throttle-window';
import { actorFromToken, createSignedInCustomer } from '../../helpers/actor-factory';

const NEW_PASSWORD = 'quiet-harbour-lantern-42';

async function openParallelSession(userId: string) {
  const { token, sha256 } = createSecretToken();
  const [row] = await db
    .insert(sessions)
    .values({ tokenSha256: sha256, userId, expiresAt: new Date(Date.now() + 86_400_000), ip: '203.0.113.5' })
    .returning({ id: sessions.id });
  return { sessionId: row!.id, token };
}

const passwordHashOf = async (userId: string) => (await db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, userId)))[0]!.hash;

beforeAll(() => {
  // queueMail puts the notice in the outbox and a job in pg-boss; no worker runs here, nothing is sent.
  vi.stubEnv('STOCKROOM_LOG_LEVEL', 'error');
});

afterAll(async () => {
  await stopBoss({ timeoutMs: 5_000 });
  await closeDatabase();
  vi.unstubAllEnvs();
});

describe('changePassword', () => {
  // Limits count in 15-minute windows on the clock: keep each test's attempts inside one.
  beforeEach(() => clearOfWindowEdge(15 * 60, 25), 30_000);

  it('ends the other sessions, gives this one a new id that works, and retires the old id', async () => {
    const me = await createSignedInCustomer();
    const other = await openParallelSession(me.userId);

    const { sessionToken } = await changePassword(me.actor, { currentPassword: me.password, password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });

    expect(await verifyPassword(NEW_PASSWORD, await passwordHashOf(me.userId))).toBe(true);
    expect(await verifyPassword(me.password, await passwordHashOf(me.userId))).toBe(false);
    expect(await loadSession(other.token)).toEqual({ state: 'ended', reason: 'password_changed', kind: 'customer' });
    // The old cookie value no longer names any session; the new one is the same session, still open.
    expect(sessionToken).not.toBe(me.token);
    expect(await loadSession(me.token)).toEqual({ state: 'none' });
    expect((await actorFromToken(sessionToken)).sessionId).toBe(me.actor.sessionId);

    const notices = await db
      .select({ template: mailOutbox.template })
      .from(mailOutbox)
      .where(and(eq(mailOutbox.subjectUserId, me.userId), eq(mailOutbox.template, 'password-changed')));
    expect(notices).toHaveLength(1);
  });

  it('refuses a wrong current password next to its field, and changes nothing', async () => {
    const me = await createSignedInCustomer();
    const other = await openParallelSession(me.userId);
    const hashBefore = await passwordHashOf(me.userId);

    const failure = await changePassword(me.actor, { currentPassword: 'not-my-password', password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }).then(
      () => null,
      toActionFailure,
    );
    expect(failure).toEqual({ ok: false, error: 'Please correct the marked fields.', fieldErrors: { currentPassword: 'That is not your current password.' } });
    expect(await passwordHashOf(me.userId)).toBe(hashBefore);
    expect((await loadSession(other.token)).state).toBe('active');
    expect((await loadSession(me.token)).state).toBe('active');
  });

  it('reports a short new password and a confirmation that differs, per field', async () => {
    const me = await createSignedInCustomer();
    const short = await changePassword(me.actor, { currentPassword: me.password, password: 'short', confirmPassword: 'short' }).then(() => null, toActionFailure);
    expect(short?.fieldErrors).toEqual({ password: 'Use at least 8 characters.' });
    const differs = await changePassword(me.actor, { currentPassword: me.password, password: NEW_PASSWORD, confirmPassword: `${NEW_PASSWORD}!` }).then(
      () => null,
      toActionFailure,
    );
    expect(differs?.fieldErrors).toEqual({ confirmPassword: 'The two passwords differ.' });
    expect(await verifyPassword(me.password, await passwordHashOf(me.userId))).toBe(true);
  });

  it('throttles wrong current passwords, so a stolen session cannot guess the password', async () => {
    const me = await createSignedInCustomer();
    const attempt = (currentPassword: string) =>
      changePassword(me.actor, { currentPassword, password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }).then(() => null, toActionFailure);
    for (let guess = 0; guess < 5; guess++) expect((await attempt(`guess-${guess}`))?.fieldErrors).toHaveProperty('currentPassword');
    const blocked = await attempt(me.password);
    expect(blocked?.error).toMatch(/Too many wrong passwords/);
    expect(await verifyPassword(me.password, await passwordHashOf(me.userId))).toBe(true);
  });

  it('counts parallel wrong current passwords before checking them: no more checks than 5 sequential ones', async () => {
    const me = await createSignedInCustomer();
    const failures = await Promise.all(
      Array.from({ length: 12 }, (_, guess) =>
        changePassword(me.actor, { currentPassword: `guess-${guess}`, password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }).then(() => null, toActionFailure),
      ),
    );
    const checked = failures.filter((failure) => failure?.fieldErrors.currentPassword === 'That is not your current password.');
    const refused = failures.filter((failure) => /Too many wrong passwords/.test(failure?.error ?? ''));
    expect([checked.length, refused.length]).toEqual([5, 7]);
  }, 60_000);

  it('does not count the right current password', async () => {
    const me = await createSignedInCustomer();
    const attempt = (currentPassword: string, password: string) =>
      changePassword(me.actor, { currentPassword, password, confirmPassword: password }).then(() => null, toActionFailure);
    for (let guess = 0; guess < 4; guess++) expect((await attempt(`guess-${guess}`, NEW_PASSWORD))?.fieldErrors).toHaveProperty('currentPassword');
    expect(await attempt(me.password, NEW_PASSWORD)).toBeNull();
    // Four failures and a success: the fifth failure is still checked, not refused.
    expect((await attempt('guess-5', 'another-quiet-lantern-43'))?.fieldErrors).toHaveProperty('currentPassword');
  }, 60_000);
});
