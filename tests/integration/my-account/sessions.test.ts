import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { sessions } from '@/db/schema';
import { listMySessions } from '@/lib/accounts/get-my-account';
import { signOutEverywhereElse } from '@/lib/accounts/sign-out-everywhere-else';
import { createSecretToken } from '@/lib/auth/secret-tokens';
import { loadSession } from '@/lib/auth/sessions/load-session';
import { closeDatabase, db } from '@/lib/db/client';
import { actorFromToken, createSignedInCustomer, signIn } from '../../helpers/actor-factory';

const HOUR = 3_600_000;

/**
 * A second open session next to the current one. Sign-in itself ends the account's other sessions
 * (one computer at a time), so a parallel session only exists when inserted like this, as it would
 * after two sign-ins racing each other; it is exactly the case "sign out everywhere else" is for.
 */
async function openParallelSession(userId: string, values: Partial<typeof sessions.$inferInsert> = {}) {
  const { token, sha256 } = createSecretToken();
  const now = new Date();
  const [row] = await db
    .insert(sessions)
    .values({
      tokenSha256: sha256,
      userId,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + 24 * HOUR),
      ip: '203.0.113.9',
      browser: 'Safari 17',
      os: 'iOS 17',
      country: 'FR',
      ...values,
    })
    .returning({ id: sessions.id });
  return { sessionId: row!.id, token };
}

const sessionRow = async (id: string) => {
  const [row] = await db.select().from(sessions).where(eq(sessions.id, id));
  return row!;
};

afterAll(async () => {
  await closeDatabase();
});

describe('listMySessions', () => {
  it("lists the actor's sessions newest first, marks the current one, and never shows another customer's", async () => {
    const stranger = await createSignedInCustomer();
    const strangerExtra = await openParallelSession(stranger.userId, { ip: '192.0.2.99' });
    const me = await createSignedInCustomer();
    const earlier = await openParallelSession(me.userId, { createdAt: new Date(Date.now() - 2 * HOUR), lastSeenAt: new Date(Date.now() - 60_000) });

    const listed = await listMySessions(me.actor);
    expect(listed.map((session) => session.id)).toEqual([me.actor.sessionId, earlier.sessionId]);
    expect(listed[0]).toMatchObject({ state: 'current', ip: '198.51.100.23', browser: 'Firefox 128', os: 'Linux', country: 'IE', endedAt: null, endReason: null });
    expect(listed[1]).toMatchObject({ state: 'open', ip: '203.0.113.9', browser: 'Safari 17', os: 'iOS 17', country: 'FR' });

    const ids = listed.map((session) => session.id);
    expect(ids).not.toContain(stranger.actor.sessionId);
    expect(ids).not.toContain(strangerExtra.sessionId);
    expect(listed.some((session) => session.ip === '192.0.2.99')).toBe(false);
  });

  it('shows a session replaced by a later sign-in as ended, with the reason', async () => {
    const me = await createSignedInCustomer();
    const first = me.actor;
    const { actor: second } = await signIn(me.userId);

    const listed = await listMySessions(second);
    expect(listed).toHaveLength(2);
    expect(listed[0]).toMatchObject({ id: second.sessionId, state: 'current' });
    expect(listed[1]).toMatchObject({ id: first.sessionId, state: 'ended', endReason: 'signed_in_elsewhere' });
    expect(listed[1]!.endedAt).toBeInstanceOf(Date);
  });

  it('shows an unclosed session whose time ran out as ended (expired, or idle)', async () => {
    const me = await createSignedInCustomer();
    const expiresAt = new Date(Date.now() - HOUR);
    const expired = await openParallelSession(me.userId, { remember: true, createdAt: new Date(Date.now() - 40 * 24 * HOUR), expiresAt });
    const idleSince = new Date(Date.now() - 2 * HOUR);
    const idle = await openParallelSession(me.userId, { createdAt: new Date(Date.now() - 3 * HOUR), lastSeenAt: idleSince });

    const byId = new Map((await listMySessions(me.actor)).map((session) => [session.id, session]));
    expect(byId.get(expired.sessionId)).toMatchObject({ state: 'ended', endReason: 'expired', endedAt: expiresAt });
    expect(byId.get(idle.sessionId)).toMatchObject({ state: 'ended', endReason: 'idle_timeout', endedAt: new Date(idleSince.getTime() + 30 * 60_000) });
  });
});

describe('signOutEverywhereElse', () => {
  it('ends the other open sessions, keeps the current one, and says how many it ended', async () => {
    const stranger = await createSignedInCustomer();
    const me = await createSignedInCustomer();
    const phone = await openParallelSession(me.userId);
    const laptop = await openParallelSession(me.userId, { browser: 'Chrome 126', os: 'Windows 11' });

    expect(await signOutEverywhereElse(me.actor)).toBe(2);

    for (const other of [phone, laptop]) {
      const row = await sessionRow(other.sessionId);
      expect(row.endReason).toBe('signed_out_elsewhere');
      expect(row.endedAt).toBeInstanceOf(Date);
      expect(await loadSession(other.token)).toEqual({ state: 'ended', reason: 'signed_out_elsewhere', kind: 'customer' });
      await expect(actorFromToken(other.token)).rejects.toThrow('ended: signed_out_elsewhere');
    }
    // This browser stays signed in.
    expect((await sessionRow(me.actor.sessionId)).endedAt).toBeNull();
    expect((await actorFromToken(me.token)).sessionId).toBe(me.actor.sessionId);
    // Another customer's session is not touched.
    expect((await sessionRow(stranger.actor.sessionId)).endedAt).toBeNull();

    // A second click finds nothing left to end.
    expect(await signOutEverywhereElse(me.actor)).toBe(0);
    const listed = await listMySessions(me.actor);
    expect(listed.filter((session) => session.state !== 'ended').map((session) => session.id)).toEqual([me.actor.sessionId]);
  });

  it('does not rewrite sessions that had already ended', async () => {
    const me = await createSignedInCustomer();
    const old = await openParallelSession(me.userId, { endedAt: new Date(Date.now() - HOUR), endReason: 'logout' });
    expect(await signOutEverywhereElse(me.actor)).toBe(0);
    expect(await sessionRow(old.sessionId)).toMatchObject({ endReason: 'logout' });
  });
});
