import { afterAll, describe, expect, it } from 'vitest';
import { closeDatabase, db } from '@/lib/db/client';
import { enrolTotp, hasTotp, removeTotp, startTotpEnrolment, totpStepAt, verifyTotp } from '@/lib/staff/factors/totp';
import { updateSetting } from '@/lib/settings/update-setting';
import { factorRowOf, insertStaff, otherCode, totpCodeAt } from './staff-factors-helpers';

afterAll(async () => {
  await closeDatabase();
});

/** A fixed moment in the middle of a step, so ±30 s lands in the neighbouring steps. */
const T0 = 1_760_000_010_000;
const STEP = 30_000;

async function enrolledStaff(enrolledAtMs = T0 - 10 * STEP) {
  const staff = await insertStaff();
  const { secret } = await startTotpEnrolment(staff.email);
  expect(await enrolTotp(db, staff.userId, secret, totpCodeAt(secret, enrolledAtMs), enrolledAtMs)).toBe(true);
  return { ...staff, secret };
}

describe('TOTP enrolment', () => {
  it('gives an otpauth:// URI named by the site and the account, and its QR code as SVG', async () => {
    const enrolment = await startTotpEnrolment('Avery Admin');
    expect(enrolment.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(enrolment.otpauthUri).toMatch(/^otpauth:\/\/totp\/.+:Avery%20Admin\?/);
    expect(new URL(enrolment.otpauthUri).searchParams.get('secret')).toBe(enrolment.secret);
    expect(new URL(enrolment.otpauthUri).searchParams.get('issuer')).toBe('Stockroom');
    expect(enrolment.qrSvg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
  });

  it('takes the issuer from the site name setting as it is now', async () => {
    // Restored right after: other files read the site name too.
    await updateSetting('site.name', 'Lumen Archive');
    try {
      expect(new URL((await startTotpEnrolment('x')).otpauthUri).searchParams.get('issuer')).toBe('Lumen Archive');
    } finally {
      await updateSetting('site.name', 'Stockroom');
    }
  });

  it('stores nothing for a wrong code; stores the sealed secret and the used step for a right one', async () => {
    const staff = await insertStaff();
    const { secret } = await startTotpEnrolment(staff.email);
    expect(await enrolTotp(db, staff.userId, secret, otherCode(totpCodeAt(secret, T0)), T0)).toBe(false);
    expect(await hasTotp(staff.userId)).toBe(false);
    expect(await verifyTotp(staff.userId, totpCodeAt(secret, T0), T0)).toBe('not_enrolled');

    expect(await enrolTotp(db, staff.userId, secret, totpCodeAt(secret, T0), T0)).toBe(true);
    expect(await hasTotp(staff.userId)).toBe(true);
    const row = await factorRowOf(staff.userId);
    expect(row?.totpLastUsedStep).toBe(totpStepAt(T0));
    expect(row?.totpEnrolledAt).toBeInstanceOf(Date);
    // The enrolment code is used up: it cannot sign in as well.
    expect(await verifyTotp(staff.userId, totpCodeAt(secret, T0), T0)).toBe('replayed');
  });
});

describe('verifyTotp', () => {
  it('rejects a wrong code and an expired one (two steps old)', async () => {
    const { userId, secret } = await enrolledStaff();
    expect(await verifyTotp(userId, otherCode(totpCodeAt(secret, T0)), T0)).toBe('invalid');
    expect(await verifyTotp(userId, totpCodeAt(secret, T0 - 2 * STEP), T0)).toBe('invalid');
    expect(await verifyTotp(userId, 'abcdef', T0)).toBe('invalid');
  });

  it('accepts the previous step, rejects the next one (checklist 13)', async () => {
    const { userId, secret } = await enrolledStaff();
    expect(await verifyTotp(userId, totpCodeAt(secret, T0 + STEP), T0)).toBe('invalid');
    expect(await verifyTotp(userId, totpCodeAt(secret, T0 - STEP), T0)).toBe('ok');
    expect((await factorRowOf(userId))?.totpLastUsedStep).toBe(totpStepAt(T0) - 1);
  });

  it('accepts a code once: the same code again is replayed, and so is an older one after a newer', async () => {
    const { userId, secret } = await enrolledStaff();
    const code = totpCodeAt(secret, T0);
    expect(await verifyTotp(userId, code, T0)).toBe('ok');
    expect(await verifyTotp(userId, code, T0)).toBe('replayed');
    expect(await verifyTotp(userId, code, T0 + STEP)).toBe('replayed');
    expect(await verifyTotp(userId, totpCodeAt(secret, T0 - STEP), T0)).toBe('replayed');
    expect(await verifyTotp(userId, totpCodeAt(secret, T0 + STEP), T0 + STEP)).toBe('ok');
  });

  it.each([2, 10])('with %i requests racing with one valid code, exactly one is ok (checklist 14)', async (parallel) => {
    const { userId, secret } = await enrolledStaff();
    const code = totpCodeAt(secret, T0);
    const results = await Promise.all(Array.from({ length: parallel }, () => verifyTotp(userId, code, T0)));
    expect(results.filter((result) => result === 'ok')).toHaveLength(1);
    expect(results.filter((result) => result === 'replayed')).toHaveLength(parallel - 1);
  });

  it('is not_enrolled for someone without a secret, and after removeTotp', async () => {
    const { userId, secret } = await enrolledStaff();
    await removeTotp(db, userId);
    expect(await hasTotp(userId)).toBe(false);
    expect(await verifyTotp(userId, totpCodeAt(secret, T0), T0)).toBe('not_enrolled');
    const row = await factorRowOf(userId);
    expect([row?.totpSecretSealed, row?.totpKeyId, row?.totpLastUsedStep]).toEqual([null, null, null]);
    expect(await verifyTotp('not-a-uuid', '123456', T0)).toBe('not_enrolled');
  });
});
