/**
 * The staff accounts section's use cases against the real database: invitations (link once, 24 h,
 * altered), role changes, locks, factor resets with their mails, ending sessions, and who may do
 * which (admins never touch admin or superadmin accounts; nobody locks themselves).
 */
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { staffFactors, staffRecoveryCodes, users } from '@/db/schema';
import { verifyPassword } from '@/lib/auth/passwords';
import { closeDatabase, db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { acceptStaffInvitation, INVALID_INVITATION_LINK, isStaffInvitationUsable } from '@/lib/staff/accounts/accept-staff-invitation';
import { changeStaffRole } from '@/lib/staff/accounts/change-staff-role';
import { endStaffMemberSessions } from '@/lib/staff/accounts/end-staff-member-sessions';
import { inviteStaffMember } from '@/lib/staff/accounts/invite-staff-member';
import { getStaffAccount, listStaffAccounts } from '@/lib/staff/accounts/list-staff-accounts';
import { lockStaffAccount, unlockStaffAccount } from '@/lib/staff/accounts/lock-staff-account';
import { resetStaffAuthenticator, resetStaffPin } from '@/lib/staff/accounts/reset-staff-factors';
import { regenerateRecoveryCodes } from '@/lib/staff/factors/recovery-codes';
import { clientAt, insertCustomer, TEST_PASSWORD, uniqueEmail, userByEmail } from '../../helpers/accounts-factory';
import { createStaffMember } from '../../helpers/staff-factory';
import { staffActorFor } from '../../helpers/staff-actor';
import { auditEntriesAbout, expireTokensOf, invitationTokenFor, mailsTo, openSessions, securityMailsAbout, sessionStates } from './staff-accounts-kit';

// A host with a domain, so the security messages have a deliverable address (security@shop.example).
vi.stubEnv('APP_URL', 'https://shop.example');

afterAll(async () => {
  vi.unstubAllEnvs();
  await closeDatabase();
});

const refusedWith = async (promise: Promise<unknown>, code: AppError['code']) => {
  await expect(promise).rejects.toBeInstanceOf(AppError);
  await expect(promise).rejects.toMatchObject({ code });
};

describe('inviting a staff member', () => {
  it('creates a pending account without a usable password, mails a 24-hour link, and audits without personal values', async () => {
    const admin = await staffActorFor('admin');
    const email = uniqueEmail('invitee');
    const { userId } = await inviteStaffMember(admin, { email, fullName: 'Ines Invited', role: 'sales' });
    const user = await userByEmail(email);
    expect(user).toMatchObject({ id: userId, kind: 'staff', staffRole: 'sales', status: 'pending', activatedAt: null });
    expect(await verifyPassword('', user!.passwordHash)).toBe(false);

    const [mail, ...more] = await mailsTo('staff-invitation', email);
    expect(more).toHaveLength(0);
    expect(mail!.subjectUserId).toBe(userId);
    expect(mail!.text).toContain('https://shop.example/staff/invitation/');
    expect(mail!.text).toContain('valid for 24 hours');
    const token = await invitationTokenFor(email);
    expect(await isStaffInvitationUsable(token)).toBe(true);

    const [entry] = await auditEntriesAbout(userId);
    expect(entry).toMatchObject({ action: 'staff.invited', actorKind: 'staff', actorUserId: admin.userId, objectId: userId, clientIp: admin.client.ip, details: { role: 'sales' } });
    expect(JSON.stringify(entry)).not.toContain(email);
    expect(JSON.stringify(entry)).not.toContain('Ines');

    expect((await listStaffAccounts(admin)).find((row) => row.userId === userId)).toMatchObject({ status: 'pending', invitationOpen: true, hasPin: false, totpEnrolled: false, manageable: true });
  });

  it('refuses an address that already has an account, bad input with field messages, and admin roles for an admin', async () => {
    const admin = await staffActorFor('admin');
    const customer = await insertCustomer();
    await expect(inviteStaffMember(admin, { email: customer.email.toUpperCase(), fullName: 'Someone', role: 'sales' })).rejects.toMatchObject({ code: 'CONFLICT', fieldErrors: { email: expect.any(String) } });
    await expect(inviteStaffMember(admin, { email: 'not-an-address', fullName: '', role: 'chief' })).rejects.toMatchObject({ name: 'ZodError' });
    for (const role of ['admin', 'superadmin'] as const) {
      const email = uniqueEmail('would-be-admin');
      await refusedWith(inviteStaffMember(admin, { email, fullName: 'Would Be', role }), 'FORBIDDEN');
      expect(await userByEmail(email)).toBeNull();
    }
    const superadmin = await staffActorFor('superadmin');
    const email = uniqueEmail('new-admin');
    await inviteStaffMember(superadmin, { email, fullName: 'New Admin', role: 'admin' });
    expect((await userByEmail(email))?.staffRole).toBe('admin');
  });

  it('refuses roles without staff.manage, whatever the action let through', async () => {
    for (const role of ['privacy_officer', 'sales', 'catalog'] as const) {
      const actor = await staffActorFor(role);
      await refusedWith(inviteStaffMember(actor, { email: uniqueEmail('x'), fullName: 'X', role: 'sales' }), 'FORBIDDEN');
      await refusedWith(listStaffAccounts(actor), 'FORBIDDEN');
    }
  });
});

describe('the invitation link', () => {
  async function invite() {
    const admin = await staffActorFor('admin');
    const email = uniqueEmail('invitee');
    const { userId } = await inviteStaffMember(admin, { email, fullName: 'Otto Onboard', role: 'catalog' });
    return { admin, email, userId, token: await invitationTokenFor(email) };
  }

  it('sets the password once and makes the account active; a second use is refused', async () => {
    const { email, userId, token } = await invite();
    const client = clientAt();
    await acceptStaffInvitation(token, { password: TEST_PASSWORD, confirmPassword: TEST_PASSWORD }, client);
    const user = await userByEmail(email);
    expect(user).toMatchObject({ status: 'active' });
    expect(user!.activatedAt).toBeInstanceOf(Date);
    expect(await verifyPassword(TEST_PASSWORD, user!.passwordHash)).toBe(true);
    expect((await auditEntriesAbout(userId)).map((entry) => entry.action)).toEqual(['staff.invited', 'staff.invitation-accepted']);
    expect((await auditEntriesAbout(userId))[1]).toMatchObject({ actorUserId: userId, clientIp: client.ip, details: { role: 'catalog' } });

    expect(await isStaffInvitationUsable(token)).toBe(false);
    await expect(acceptStaffInvitation(token, { password: 'Another-Fine-Password-7', confirmPassword: 'Another-Fine-Password-7' }, client)).rejects.toMatchObject({ userMessage: INVALID_INVITATION_LINK });
    expect(await verifyPassword(TEST_PASSWORD, (await userByEmail(email))!.passwordHash)).toBe(true);
  });

  it('refuses an expired link, an altered one, and a link whose account was locked meanwhile', async () => {
    const expired = await invite();
    await expireTokensOf(expired.userId);
    expect(await isStaffInvitationUsable(expired.token)).toBe(false);
    await expect(acceptStaffInvitation(expired.token, { password: TEST_PASSWORD, confirmPassword: TEST_PASSWORD }, clientAt())).rejects.toMatchObject({ userMessage: INVALID_INVITATION_LINK });
    expect((await userByEmail(expired.email))?.status).toBe('pending');

    const altered = await invite();
    const flipped = `${altered.token.slice(0, -1)}${altered.token.endsWith('A') ? 'B' : 'A'}`;
    for (const token of [flipped, altered.token.slice(0, -2), '', 'x'.repeat(500)]) {
      expect(await isStaffInvitationUsable(token)).toBe(false);
      await expect(acceptStaffInvitation(token, { password: TEST_PASSWORD, confirmPassword: TEST_PASSWORD }, clientAt())).rejects.toMatchObject({ userMessage: INVALID_INVITATION_LINK });
    }
    expect((await userByEmail(altered.email))?.status).toBe('pending');

    const locked = await invite();
    await db.update(users).set({ status: 'disabled' }).where(eq(users.id, locked.userId));
    await expect(acceptStaffInvitation(locked.token, { password: TEST_PASSWORD, confirmPassword: TEST_PASSWORD }, clientAt())).rejects.toMatchObject({ userMessage: INVALID_INVITATION_LINK });
    expect((await userByEmail(locked.email))?.status).toBe('disabled');
  });

  it('checks the password policy and the confirmation, without using the link up', async () => {
    const { token } = await invite();
    await expect(acceptStaffInvitation(token, { password: 'short', confirmPassword: 'short' }, clientAt())).rejects.toMatchObject({ name: 'ZodError' });
    await expect(acceptStaffInvitation(token, { password: 'password123', confirmPassword: 'password123' }, clientAt())).rejects.toMatchObject({ name: 'ZodError' });
    await expect(acceptStaffInvitation(token, { password: TEST_PASSWORD, confirmPassword: 'other' }, clientAt())).rejects.toMatchObject({ name: 'ZodError' });
    expect(await isStaffInvitationUsable(token)).toBe(true);
  });

  it('is not accepted as an activation or a password-reset link, nor are those as an invitation', async () => {
    const { token } = await invite();
    const { isActivationLinkUsable } = await import('@/lib/accounts/activate-account');
    const { isResetLinkUsable } = await import('@/lib/accounts/reset-password');
    expect(await isActivationLinkUsable(token)).toBe(false);
    expect(await isResetLinkUsable(token)).toBe(false);
    expect(await isStaffInvitationUsable(token)).toBe(true);
  });
});

describe('changing roles', () => {
  it('changes a role, audited with the new role; admin roles only by a superadmin', async () => {
    const admin = await staffActorFor('admin');
    const member = await createStaffMember('sales');
    expect(await changeStaffRole(admin, { userId: member.userId, role: 'catalog' })).toEqual({ role: 'catalog', changed: true });
    expect((await getStaffAccount(admin, member.userId)).role).toBe('catalog');
    expect((await auditEntriesAbout(member.userId)).at(-1)).toMatchObject({ action: 'staff.role-changed', actorUserId: admin.userId, details: { role: 'catalog' } });

    await refusedWith(changeStaffRole(admin, { userId: member.userId, role: 'admin' }), 'FORBIDDEN');
    await refusedWith(changeStaffRole(admin, { userId: member.userId, role: 'superadmin' }), 'FORBIDDEN');
    const superadmin = await staffActorFor('superadmin');
    await changeStaffRole(superadmin, { userId: member.userId, role: 'admin' });
    expect((await getStaffAccount(superadmin, member.userId)).role).toBe('admin');
  });

  it('lets an admin neither change, lock, reset nor end the sessions of an admin or superadmin account', async () => {
    const admin = await staffActorFor('admin');
    for (const role of ['admin', 'superadmin'] as const) {
      const target = await createStaffMember(role);
      const [token] = await openSessions(target.userId, 1);
      await refusedWith(changeStaffRole(admin, { userId: target.userId, role: 'sales' }), 'FORBIDDEN');
      await refusedWith(lockStaffAccount(admin, target.userId), 'FORBIDDEN');
      await refusedWith(resetStaffPin(admin, target.userId), 'FORBIDDEN');
      await refusedWith(resetStaffAuthenticator(admin, target.userId), 'FORBIDDEN');
      await refusedWith(endStaffMemberSessions(admin, target.userId), 'FORBIDDEN');
      const [row] = await db.select().from(users).where(eq(users.id, target.userId));
      expect(row).toMatchObject({ staffRole: role, status: 'active' });
      expect(await sessionStates([token!])).toEqual(['active']);
      expect((await listStaffAccounts(admin)).find((account) => account.userId === target.userId)?.manageable).toBe(false);
    }
  });

  it('finds no account for a customer id or a malformed id', async () => {
    const admin = await staffActorFor('admin');
    const customer = await insertCustomer();
    await refusedWith(changeStaffRole(admin, { userId: customer.userId, role: 'sales' }), 'NOT_FOUND');
    await refusedWith(lockStaffAccount(admin, customer.userId), 'NOT_FOUND');
    await refusedWith(getStaffAccount(admin, 'not-a-uuid'), 'NOT_FOUND');
    await expect(lockStaffAccount(admin, 'not-a-uuid')).rejects.toMatchObject({ name: 'ZodError' });
    expect((await db.select().from(users).where(eq(users.id, customer.userId)))[0]).toMatchObject({ kind: 'customer', status: 'active' });
  });
});

describe('locking and unlocking', () => {
  it('locks: status disabled and every session of the account ended at once; unlocking lets it sign in again', async () => {
    const admin = await staffActorFor('admin');
    const member = await createStaffMember('catalog');
    // A staff member has one session at a time: a new sign-in ends the previous one.
    const tokens = await openSessions(member.userId, 1);
    expect(await lockStaffAccount(admin, member.userId)).toEqual({ sessionsEnded: 1 });
    expect((await db.select().from(users).where(eq(users.id, member.userId)))[0]?.status).toBe('disabled');
    expect(await sessionStates(tokens)).toEqual(['ended']);
    await refusedWith(lockStaffAccount(admin, member.userId), 'CONFLICT');

    await unlockStaffAccount(admin, member.userId);
    expect((await db.select().from(users).where(eq(users.id, member.userId)))[0]?.status).toBe('active');
    await refusedWith(unlockStaffAccount(admin, member.userId), 'CONFLICT');
    expect((await auditEntriesAbout(member.userId)).map((entry) => entry.action)).toEqual(['staff.locked', 'staff.unlocked']);
  });

  it('refuses to lock oneself', async () => {
    const superadmin = await staffActorFor('superadmin');
    await expect(lockStaffAccount(superadmin, superadmin.userId)).rejects.toMatchObject({ code: 'FORBIDDEN', userMessage: 'You cannot lock your own account.' });
    const admin = await staffActorFor('superadmin');
    await refusedWith(lockStaffAccount(admin, admin.userId), 'FORBIDDEN');
  });
});

describe('resetting factors', () => {
  it('resets the PIN: PIN gone, sessions ended, the member and the security address told, audited', async () => {
    const admin = await staffActorFor('admin');
    const member = await createStaffMember('sales');
    const tokens = await openSessions(member.userId, 1);
    await resetStaffPin(admin, member.userId);
    const [factors] = await db.select().from(staffFactors).where(eq(staffFactors.userId, member.userId));
    expect(factors?.pinHash).toBeNull();
    expect(factors?.totpSecretSealed).not.toBeNull();
    expect(await sessionStates(tokens)).toEqual(['ended']);
    const [mail] = await mailsTo('staff-factors-changed', member.email);
    expect(mail?.subject).toContain('your staff PIN was reset');
    const [alert] = await securityMailsAbout(member.email);
    expect(alert?.to).toBe('security@shop.example');
    expect(alert?.text).toContain('Change: PIN reset');
    expect((await auditEntriesAbout(member.userId)).at(-1)).toMatchObject({ action: 'staff.pin-reset', actorUserId: admin.userId });
    expect((await getStaffAccount(admin, member.userId)).hasPin).toBe(false);
  });

  it('resets the authenticator: secret and recovery codes gone, the member enrols again; mails both', async () => {
    const superadmin = await staffActorFor('superadmin');
    const member = await createStaffMember('admin');
    await regenerateRecoveryCodes(db, member.userId);
    await resetStaffAuthenticator(superadmin, member.userId);
    const [factors] = await db.select().from(staffFactors).where(eq(staffFactors.userId, member.userId));
    expect(factors).toMatchObject({ totpSecretSealed: null, totpKeyId: null, totpEnrolledAt: null });
    expect(factors?.pinHash).not.toBeNull();
    expect(await db.select().from(staffRecoveryCodes).where(eq(staffRecoveryCodes.userId, member.userId))).toEqual([]);
    expect((await mailsTo('staff-factors-changed', member.email))[0]?.subject).toContain('your authenticator was reset');
    expect((await securityMailsAbout(member.email))[0]?.text).toContain('Change: Authenticator and recovery codes reset');
    expect((await auditEntriesAbout(member.userId)).at(-1)).toMatchObject({ action: 'staff.authenticator-reset', actorUserId: superadmin.userId });
  });

  it('does not reset one’s own factors here (My security asks for the password)', async () => {
    const superadmin = await staffActorFor('superadmin');
    await refusedWith(resetStaffPin(superadmin, superadmin.userId), 'FORBIDDEN');
    await refusedWith(resetStaffAuthenticator(superadmin, superadmin.userId), 'FORBIDDEN');
  });
});

describe('ending sessions', () => {
  it('ends every session of the member at once, audited', async () => {
    const admin = await staffActorFor('admin');
    const member = await createStaffMember('privacy_officer');
    const tokens = await openSessions(member.userId, 1);
    expect(await endStaffMemberSessions(admin, member.userId)).toBe(1);
    expect(await sessionStates(tokens)).toEqual(['ended']);
    expect((await auditEntriesAbout(member.userId)).at(-1)).toMatchObject({ action: 'staff.sessions-ended', actorUserId: admin.userId });
  });
});
