/**
 * My security (every staff member, own account): changing the PIN, new recovery codes and
 * resetting the authenticator all need the current password (checklist 18), wrong passwords are
 * throttled like the customers' change-password, and each change is audited and mailed.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { staffFactors } from '@/db/schema';
import { closeDatabase, db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { pinMatches } from '@/lib/staff/factors/pin';
import { redeemRecoveryCode, regenerateRecoveryCodes, remainingRecoveryCodes } from '@/lib/staff/factors/recovery-codes';
import { hasTotp } from '@/lib/staff/factors/totp';
import { changeOwnPin } from '@/lib/staff/self/change-own-pin';
import { myStaffSecurity } from '@/lib/staff/self/my-staff-security';
import { regenerateOwnRecoveryCodes } from '@/lib/staff/self/regenerate-own-recovery-codes';
import { resetOwnAuthenticator } from '@/lib/staff/self/reset-own-authenticator';
import { clearOfWindowEdge } from '../../helpers/throttle-window';
import { createStaffMember } from '../../helpers/staff-factory';
import { actorFor, auditEntriesAbout, mailsTo, securityMailsAbout, sessionStates } from './staff-accounts-kit';

vi.stubEnv('APP_URL', 'https://shop.example');

afterAll(async () => {
  vi.unstubAllEnvs();
  await closeDatabase();
});

describe('without the password nothing changes (checklist 18)', () => {
  // Limits count in 15-minute windows on the clock: keep each test's attempts inside one.
  beforeEach(() => clearOfWindowEdge(15 * 60, 25), 30_000);

  it('refuses a PIN change, new recovery codes and an authenticator reset without or with a wrong password', async () => {
    const member = await createStaffMember('admin');
    const actor = await actorFor(member);
    await regenerateRecoveryCodes(db, member.userId);
    for (const currentPassword of [undefined, '', 'wrong-password']) {
      const given = (field: string) => (currentPassword === undefined ? {} : { [field]: currentPassword });
      const refusal = (error: unknown) => error instanceof AppError || (error as Error).name === 'ZodError';
      await expect(changeOwnPin(actor, { ...given('currentPassword'), pin: '24681357', confirmPin: '24681357' })).rejects.toSatisfy(refusal);
      await expect(regenerateOwnRecoveryCodes(actor, given('passwordForCodes'))).rejects.toSatisfy(refusal);
      await expect(resetOwnAuthenticator(actor, given('passwordForReset'))).rejects.toSatisfy(refusal);
      // The password of another form is not this form's password.
      await expect(resetOwnAuthenticator(actor, { currentPassword: member.password })).rejects.toSatisfy(refusal);
    }
    await expect(changeOwnPin(actor, { currentPassword: 'wrong-password', pin: '24681357', confirmPin: '24681357' })).rejects.toMatchObject({ fieldErrors: { currentPassword: 'That is not your current password.' } });
    await expect(resetOwnAuthenticator(actor, { passwordForReset: 'wrong-password' })).rejects.toMatchObject({ fieldErrors: { passwordForReset: 'That is not your current password.' } });
    expect(await pinMatches(member.userId, member.pin!)).toBe(true);
    expect(await hasTotp(member.userId)).toBe(true);
    expect(await remainingRecoveryCodes(member.userId)).toBe(10);
    expect(await sessionStates([actor.token])).toEqual(['active']);
    expect(await auditEntriesAbout(member.userId)).toEqual([]);
  });

  it('throttles wrong passwords: after 5 the right one is refused too, for a while', async () => {
    const member = await createStaffMember('sales', { totp: false });
    const actor = await actorFor(member);
    for (let i = 0; i < 5; i++) {
      await expect(changeOwnPin(actor, { currentPassword: `wrong-${i}`, pin: '24681357', confirmPin: '24681357' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    }
    await expect(changeOwnPin(actor, { currentPassword: member.password, pin: '24681357', confirmPin: '24681357' })).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    expect(await pinMatches(member.userId, member.pin!)).toBe(true);
  });
});

describe('with the password', () => {
  it('changes the PIN (given twice), audited and mailed', async () => {
    const member = await createStaffMember('catalog', { totp: false });
    const actor = await actorFor(member);
    await expect(changeOwnPin(actor, { currentPassword: member.password, pin: '24681357', confirmPin: '24681358' })).rejects.toMatchObject({ name: 'ZodError' });
    await expect(changeOwnPin(actor, { currentPassword: member.password, pin: '12ab', confirmPin: '12ab' })).rejects.toMatchObject({ name: 'ZodError' });
    await changeOwnPin(actor, { currentPassword: member.password, pin: '24681357', confirmPin: '24681357' });
    expect(await pinMatches(member.userId, '24681357')).toBe(true);
    expect(await pinMatches(member.userId, member.pin!)).toBe(false);
    expect((await auditEntriesAbout(member.userId)).map((entry) => entry.action)).toEqual(['staff.own-pin-changed']);
    expect((await mailsTo('staff-factors-changed', member.email))[0]?.subject).toContain('your staff PIN was changed');
    expect(await sessionStates([actor.token])).toEqual(['active']);
  });

  it('makes 10 new recovery codes, the old ones stop working; refused without an authenticator', async () => {
    const member = await createStaffMember('admin');
    const actor = await actorFor(member);
    const [oldCode] = await regenerateRecoveryCodes(db, member.userId);
    const codes = await regenerateOwnRecoveryCodes(actor, { passwordForCodes: member.password });
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    expect((await myStaffSecurity(actor)).recoveryCodesLeft).toBe(10);
    expect(await redeemRecoveryCode(member.userId, oldCode!)).toBe(false);
    expect(await redeemRecoveryCode(member.userId, codes[3]!)).toBe(true);
    expect((await myStaffSecurity(actor)).recoveryCodesLeft).toBe(9);
    expect((await auditEntriesAbout(member.userId)).map((entry) => entry.action)).toEqual(['staff.own-recovery-codes-regenerated']);

    const noApp = await createStaffMember('sales', { totp: false });
    await expect(regenerateOwnRecoveryCodes(await actorFor(noApp), { passwordForCodes: noApp.password })).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('resets the authenticator: secret and codes gone, every session ended (this one too), member and security address told', async () => {
    const member = await createStaffMember('admin');
    const actor = await actorFor(member);
    await regenerateRecoveryCodes(db, member.userId);
    await resetOwnAuthenticator(actor, { passwordForReset: member.password });
    expect(await hasTotp(member.userId)).toBe(false);
    expect(await remainingRecoveryCodes(member.userId)).toBe(0);
    const [factors] = await db.select().from(staffFactors).where(eq(staffFactors.userId, member.userId));
    expect(factors?.pinHash).not.toBeNull();
    expect(await sessionStates([actor.token])).toEqual(['ended']);
    expect((await mailsTo('staff-factors-changed', member.email))[0]?.subject).toContain('your authenticator was removed');
    expect((await securityMailsAbout(member.email))[0]?.to).toBe('security@shop.example');
    expect((await auditEntriesAbout(member.userId)).map((entry) => entry.action)).toEqual(['staff.own-authenticator-reset']);
  });
});
