/**
 * The staff sign-in steps (lib/staff/sign-in) against real PostgreSQL: password, PIN, authenticator
 * code, enrolment and recovery codes; the pending note between steps; throttles; the access log.
 */
import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { accessLog, auditTrail, mailOutbox, sessions, staffFactors } from '@/db/schema';
import { closeDatabase, db } from '@/lib/db/client';
import type { TClientInfo } from '@/lib/http/client-info';
import { describePendingStaffSignIn } from '@/lib/staff/sign-in/describe-pending-sign-in';
import { decodePendingSignIn, encodePendingSignIn, pendingSignInCookie } from '@/lib/staff/sign-in/pending-sign-in';
import { signInStaffWithPassword } from '@/lib/staff/sign-in/sign-in-staff-password';
import type { TStaffStepResult } from '@/lib/staff/sign-in/staff-sign-in-result';
import { confirmRecoveryCodesSaved, enrolStaffAuthenticator, useStaffRecoveryCode, verifyStaffCode } from '@/lib/staff/sign-in/verify-staff-code';
import { setStaffPinAtSignIn, verifyStaffPin } from '@/lib/staff/sign-in/verify-staff-pin';
import { clearOfWindowEdge } from '../../helpers/throttle-window';
import { createCustomer } from '../../helpers/actor-factory';
import { createStaffMember, totpCode } from '../../helpers/staff-factory';

afterAll(closeDatabase);

let addressCounter = 0;
/** A fresh documentation address per test, so no test shares another's per-address counters. */
const freshClient = (): TClientInfo => ({ ip: `203.0.113.${(++addressCounter % 250) + 1}`, browser: 'Firefox 140', os: 'Linux', country: null });

const pendingOf = (result: TStaffStepResult) => {
  if (!result.ok || result.next === 'done') throw new Error(`expected a pending step, got ${JSON.stringify(result)}`);
  return result.pending;
};

const openSessionsOf = async (userId: string) =>
  (await db.select().from(sessions).where(eq(sessions.userId, userId))).filter((row) => row.endedAt === null);

const lastAccessOf = async (userId: string) => {
  const [row] = await db.select().from(accessLog).where(eq(accessLog.userId, userId)).orderBy(desc(accessLog.id)).limit(1);
  return row;
};

describe('staff sign-in', () => {
  // Limits count in 15-minute windows on the clock: keep each test's attempts inside one.
  beforeEach(() => clearOfWindowEdge(15 * 60, 25), 30_000);

  it('gives a pending note, never a session, for the password alone (checklist 12)', async () => {
    const staff = await createStaffMember('admin');
    const client = freshClient();
    const result = await signInStaffWithPassword({ email: staff.email, password: staff.password }, client, null);
    expect(result).toMatchObject({ ok: true, next: 'pin' });
    expect(await openSessionsOf(staff.userId)).toEqual([]);
    expect(decodePendingSignIn(pendingOf(result))).toMatchObject({ uid: staff.userId, passed: ['password'] });
    expect(await lastAccessOf(staff.userId)).toMatchObject({ kind: 'staff_sign_in', step: 'password', outcome: 'success', ip: client.ip });
  });

  it('signs in with password, PIN and code, opening a staff session of 8 hours at most, logged and audited', async () => {
    const staff = await createStaffMember('privacy_officer');
    const client = freshClient();
    const afterPassword = await signInStaffWithPassword({ email: staff.email, password: staff.password }, client, null);
    const afterPin = await verifyStaffPin({ pin: staff.pin }, client, pendingOf(afterPassword), null);
    expect(afterPin).toMatchObject({ ok: true, next: 'totp' });
    expect(await openSessionsOf(staff.userId)).toEqual([]);
    const done = await verifyStaffCode({ code: totpCode(staff.totpSecret!) }, client, pendingOf(afterPin), null);
    expect(done).toMatchObject({ ok: true, next: 'done' });
    const [session] = await openSessionsOf(staff.userId);
    expect(session!.remember).toBe(false);
    expect(session!.expiresAt.getTime() - session!.createdAt.getTime()).toBe(8 * 3_600_000);
    expect(await lastAccessOf(staff.userId)).toMatchObject({ step: 'totp', outcome: 'success' });
    const audit = await db.select().from(auditTrail).where(and(eq(auditTrail.actorUserId, staff.userId), eq(auditTrail.action, 'staff.signed-in')));
    expect(audit).toHaveLength(1);
  });

  it('needs no code for a role outside security.totpRoles', async () => {
    const staff = await createStaffMember('sales', { totp: false });
    const client = freshClient();
    const afterPassword = await signInStaffWithPassword({ email: staff.email, password: staff.password }, client, null);
    expect(await verifyStaffPin({ pin: staff.pin }, client, pendingOf(afterPassword), null)).toMatchObject({ ok: true, next: 'done' });
  });

  it('answers a customer at the staff door exactly as a wrong password, and logs it as the wrong kind', async () => {
    const customer = await createCustomer();
    const client = freshClient();
    const result = await signInStaffWithPassword({ email: customer.email, password: customer.password }, client, null);
    expect(result).toEqual({ ok: false, code: 'invalid' });
    expect(await signInStaffWithPassword({ email: 'nobody@example.test', password: 'whatever-it-is' }, client, null)).toEqual({ ok: false, code: 'invalid' });
    expect(await lastAccessOf(customer.userId)).toMatchObject({ kind: 'staff_sign_in', outcome: 'wrong_kind' });
  });

  it('refuses a forged, altered or expired pending note and a note from before a password change (checklist 17)', async () => {
    const staff = await createStaffMember('admin');
    const client = freshClient();
    const pending = pendingOf(await signInStaffWithPassword({ email: staff.email, password: staff.password }, client, null));
    const [body, signature] = pending.split('.');
    const forgedBody = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(body!, 'base64url').toString()), passed: ['password', 'pin'] })).toString('base64url');
    expect(await verifyStaffCode({ code: totpCode(staff.totpSecret!) }, client, `${forgedBody}.${signature}`, null)).toEqual({ ok: false, code: 'expired' });
    expect(await verifyStaffPin({ pin: staff.pin }, client, `${body}.${signature!.slice(0, -2)}AA`, null)).toEqual({ ok: false, code: 'expired' });
    const expired = encodePendingSignIn({ uid: staff.userId, pcv: 0, passed: ['password'] }, Date.now() - 6 * 60_000);
    expect(await verifyStaffPin({ pin: staff.pin }, client, expired, null)).toEqual({ ok: false, code: 'expired' });
    const wrongPasswordVersion = encodePendingSignIn({ uid: staff.userId, pcv: 12345, passed: ['password'] });
    expect(await verifyStaffPin({ pin: staff.pin }, client, wrongPasswordVersion, null)).toEqual({ ok: false, code: 'expired' });
    // A note that skips the PIN is refused at the code step: the note's steps decide, not the form.
    expect(await verifyStaffCode({ code: totpCode(staff.totpSecret!) }, client, pending, null)).toEqual({ ok: false, code: 'expired' });
    expect(await openSessionsOf(staff.userId)).toEqual([]);
    expect(await lastAccessOf(staff.userId)).toMatchObject({ outcome: 'factor_expired' });
  });

  it('rejects a wrong code and a code replayed in the same step, and counts wrong PINs like passwords (checklist 13-15)', async () => {
    const staff = await createStaffMember('admin');
    const client = freshClient();
    const afterPin = pendingOf(await verifyStaffPin({ pin: staff.pin }, client, pendingOf(await signInStaffWithPassword({ email: staff.email, password: staff.password }, client, null)), null));
    const code = totpCode(staff.totpSecret!);
    const wrong = code === '000000' ? '111111' : '000000';
    expect(await verifyStaffCode({ code: wrong }, client, afterPin, null)).toEqual({ ok: false, code: 'wrong_code' });
    expect(await verifyStaffCode({ code }, client, afterPin, null)).toMatchObject({ ok: true, next: 'done' });
    // The same note and the same code again: the step was used.
    expect(await verifyStaffCode({ code }, client, afterPin, null)).toEqual({ ok: false, code: 'wrong_code' });

    const other = await createStaffMember('sales', { totp: false });
    const guesser = freshClient();
    const pending = pendingOf(await signInStaffWithPassword({ email: other.email, password: other.password }, guesser, null));
    const answers: string[] = [];
    for (let attempt = 0; attempt < 11; attempt += 1) {
      const result = await verifyStaffPin({ pin: attempt === 10 ? other.pin : '000000' }, guesser, pending, null);
      answers.push(result.ok ? 'ok' : result.code);
    }
    expect(answers.slice(0, 10)).toEqual(Array(10).fill('wrong_pin'));
    // The eleventh, even the right PIN, is throttled and unchecked.
    expect(answers[10]).toBe('throttled');
    const logged = await db.select().from(accessLog).where(and(eq(accessLog.userId, other.userId), eq(accessLog.step, 'pin')));
    expect(logged.filter((row) => row.outcome === 'invalid')).toHaveLength(10);
    expect(logged.filter((row) => row.outcome === 'throttled')).toHaveLength(1);
  });

  it('lets exactly one of parallel requests with the same code through (checklist 14)', async () => {
    const staff = await createStaffMember('admin');
    const client = freshClient();
    const afterPin = pendingOf(await verifyStaffPin({ pin: staff.pin }, client, pendingOf(await signInStaffWithPassword({ email: staff.email, password: staff.password }, client, null)), null));
    const code = totpCode(staff.totpSecret!);
    const results = await Promise.all(Array.from({ length: 6 }, () => verifyStaffCode({ code }, client, afterPin, null)));
    expect(results.filter((result) => result.ok)).toHaveLength(1);
  });

  it('at first sign-in: sets the PIN, enrols the authenticator, shows ten recovery codes once, then opens the session', async () => {
    const staff = await createStaffMember('superadmin', { pin: false, totp: false });
    const client = freshClient();
    const afterPassword = await signInStaffWithPassword({ email: staff.email, password: staff.password }, client, null);
    expect(afterPassword).toMatchObject({ ok: true, next: 'pin_setup' });
    await expect(setStaffPinAtSignIn({ pin: '123456', pinConfirm: '654321' }, client, pendingOf(afterPassword), null)).rejects.toThrow();
    const afterPin = await setStaffPinAtSignIn({ pin: '24681357', pinConfirm: '24681357' }, client, pendingOf(afterPassword), null);
    expect(afterPin).toMatchObject({ ok: true, next: 'totp_enrolment' });

    const view = await describePendingStaffSignIn(pendingOf(afterPin));
    if (view.step !== 'totp_enrolment') throw new Error(`expected enrolment, got ${view.step}`);
    expect(view.otpauthUri).toContain(`secret=${view.secret}`);
    expect(Buffer.from(view.qrDataUrl.replace('data:image/svg+xml;base64,', ''), 'base64').toString()).toContain('<svg');
    // The note carries the secret sealed, not readable.
    expect(pendingOf(afterPin)).not.toContain(view.secret);

    expect(await enrolStaffAuthenticator({ code: '000000' === totpCode(view.secret) ? '111111' : '000000' }, client, pendingOf(afterPin), null)).toEqual({ ok: false, code: 'wrong_code' });
    const enrolled = await enrolStaffAuthenticator({ code: totpCode(view.secret) }, client, pendingOf(afterPin), null);
    expect(enrolled).toMatchObject({ ok: true, next: 'recovery_codes' });
    expect(await openSessionsOf(staff.userId)).toEqual([]);
    const codesView = await describePendingStaffSignIn(pendingOf(enrolled));
    if (codesView.step !== 'recovery_codes') throw new Error(`expected recovery codes, got ${codesView.step}`);
    expect(codesView.codes).toHaveLength(10);

    expect(await confirmRecoveryCodesSaved(client, pendingOf(enrolled), null)).toMatchObject({ ok: true, next: 'done' });
    expect(await openSessionsOf(staff.userId)).toHaveLength(1);
    const [factors] = await db.select().from(staffFactors).where(eq(staffFactors.userId, staff.userId));
    expect(factors!.totpEnrolledAt).not.toBeNull();
    const actions = (await db.select({ action: auditTrail.action }).from(auditTrail).where(eq(auditTrail.actorUserId, staff.userId))).map((row) => row.action);
    expect(actions).toEqual(expect.arrayContaining(['staff.pin-set', 'staff.totp-enrolled', 'staff.signed-in']));

    // Next time: a recovery code instead of the app, once only.
    const second = freshClient();
    const pending = pendingOf(await verifyStaffPin({ pin: '24681357' }, second, pendingOf(await signInStaffWithPassword({ email: staff.email, password: staff.password }, second, null)), null));
    expect(await useStaffRecoveryCode({ recoveryCode: codesView.codes[0]!.toUpperCase() }, second, pending, null)).toMatchObject({ ok: true, next: 'done' });
    expect(await useStaffRecoveryCode({ recoveryCode: codesView.codes[0]! }, second, pending, null)).toEqual({ ok: false, code: 'wrong_code' });
  });

  it('throttles guessing authenticator codes and logs every guess (checklist 15)', async () => {
    const staff = await createStaffMember('admin');
    const client = freshClient();
    const afterPin = pendingOf(await verifyStaffPin({ pin: staff.pin }, client, pendingOf(await signInStaffWithPassword({ email: staff.email, password: staff.password }, client, null)), null));
    const right = totpCode(staff.totpSecret!);
    const answers: string[] = [];
    for (let guess = 0; guess < 11; guess += 1) {
      const code = String(100000 + guess);
      const result = await verifyStaffCode({ code: code === right ? '999999' : code }, client, afterPin, null);
      answers.push(result.ok ? 'ok' : result.code);
    }
    expect(answers).toEqual([...Array(10).fill('wrong_code'), 'throttled']);
    // Throttled means unchecked: even the right code is refused now.
    expect(await verifyStaffCode({ code: right }, client, afterPin, null)).toMatchObject({ ok: false, code: 'throttled' });
    const logged = await db.select().from(accessLog).where(and(eq(accessLog.userId, staff.userId), eq(accessLog.step, 'totp')));
    expect(logged.map((row) => row.outcome).sort()).toEqual([...Array(10).fill('invalid'), 'throttled', 'throttled'].sort());
  });

  it('writes no password, PIN, code or recovery code to the logs or the access log (checklist 33)', async () => {
    const written: string[] = [];
    const spies = (['log', 'info', 'warn', 'error'] as const).map((level) => vi.spyOn(console, level).mockImplementation((...parts: unknown[]) => void written.push(parts.join(' '))));
    try {
      const staff = await createStaffMember('superadmin', { pin: false, totp: false });
      const client = freshClient();
      const pin = '86420975';
      const afterPassword = pendingOf(await signInStaffWithPassword({ email: staff.email, password: staff.password }, client, null));
      await signInStaffWithPassword({ email: staff.email, password: 'wrong-password-typed' }, client, null);
      const afterPin = pendingOf(await setStaffPinAtSignIn({ pin, pinConfirm: pin }, client, afterPassword, null));
      const view = await describePendingStaffSignIn(afterPin);
      if (view.step !== 'totp_enrolment') throw new Error('expected enrolment');
      const code = totpCode(view.secret);
      const enrolled = pendingOf(await enrolStaffAuthenticator({ code }, client, afterPin, null));
      const codesView = await describePendingStaffSignIn(enrolled);
      if (codesView.step !== 'recovery_codes') throw new Error('expected recovery codes');
      await confirmRecoveryCodesSaved(client, enrolled, null);
      const rows = JSON.stringify(await db.select().from(accessLog).where(eq(accessLog.userId, staff.userId)));
      for (const secret of [staff.password, 'wrong-password-typed', pin, code, view.secret, ...codesView.codes]) {
        expect(written.join('\n')).not.toContain(secret);
        expect(rows).not.toContain(secret);
      }
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
  });

  it('keeps the pending note in a __Host- cookie over HTTPS: Secure, HttpOnly, SameSite=Strict, five minutes (checklist 32)', () => {
    vi.stubEnv('APP_URL', 'https://shop.example');
    try {
      expect(pendingSignInCookie()).toEqual({
        name: '__Host-stockroom.staff-pending',
        options: { httpOnly: true, sameSite: 'strict', path: '/', secure: true, maxAge: 300 },
      });
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('mails the security address about a sign-in from a new address or a new browser, not about a known one', async () => {
    vi.stubEnv('APP_URL', 'https://shop.example');
    try {
      const staff = await createStaffMember('sales', { totp: false });
      const mails = async () => (await db.select({ id: mailOutbox.id }).from(mailOutbox).where(eq(mailOutbox.template, 'security-staff-new-address'))).length;
      const signInFrom = async (client: TClientInfo, deviceCookie: string | null) => {
        const pending = pendingOf(await signInStaffWithPassword({ email: staff.email, password: staff.password }, client, deviceCookie));
        const done = await verifyStaffPin({ pin: staff.pin }, client, pending, deviceCookie);
        if (!done.ok || done.next !== 'done') throw new Error('expected a finished sign-in');
        return done.deviceCookie;
      };
      const before = await mails();
      const office = freshClient();
      const device = await signInFrom(office, null);
      expect(await mails()).toBe(before + 1);
      await signInFrom(office, device);
      expect(await mails()).toBe(before + 1);
      await signInFrom(freshClient(), device);
      expect(await mails()).toBe(before + 2);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('refuses a locked account after the right password, and every later step once it is locked', async () => {
    const staff = await createStaffMember('catalog', { totp: false, status: 'disabled' });
    const client = freshClient();
    expect(await signInStaffWithPassword({ email: staff.email, password: staff.password }, client, null)).toEqual({ ok: false, code: 'disabled' });
    expect(await openSessionsOf(staff.userId)).toEqual([]);
  });
});
