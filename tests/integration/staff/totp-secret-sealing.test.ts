import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { currentDataKeyId, dataKeyId, decryptWithDataKey, encryptWithDataKey } from '@/lib/crypto/data-key';
import { closeDatabase, db } from '@/lib/db/client';
import { databaseEnv } from '@/lib/env';
import { resealTotpSecrets } from '@/lib/staff/factors/totp-secret-box';
import { enrolTotp, startTotpEnrolment, verifyTotp } from '@/lib/staff/factors/totp';
import { runScript } from '../embedded/run-script';
import { factorRowOf, insertStaff, totpCodeAt } from './staff-factors-helpers';

afterEach(() => {
  vi.unstubAllEnvs();
});

afterAll(async () => {
  await closeDatabase();
});

const T0 = 1_760_000_010_000;

async function enrolAt(ms: number) {
  const staff = await insertStaff();
  const { secret } = await startTotpEnrolment(staff.email);
  expect(await enrolTotp(db, staff.userId, secret, totpCodeAt(secret, ms), ms)).toBe(true);
  return { ...staff, secret };
}

describe('TOTP secrets at rest', () => {
  it('stores the secret sealed under the current key, named by its key id; the bytes do not hold the secret', async () => {
    const { userId, secret } = await enrolAt(T0);
    const row = await factorRowOf(userId);
    expect(row?.totpKeyId).toBe(currentDataKeyId());
    expect(row?.totpKeyId).toMatch(/^[0-9a-f]{16}$/);
    const sealed = row!.totpSecretSealed!;
    expect(sealed.includes(Buffer.from(secret))).toBe(false);
    expect(sealed.toString('latin1')).not.toContain(secret);
    expect(sealed.toString('base64')).not.toContain(secret);
  });

  it('names a key by a fingerprint that is not the key', () => {
    const key = randomBytes(32);
    expect(dataKeyId(key)).toMatch(/^[0-9a-f]{16}$/);
    expect(dataKeyId(key)).toBe(dataKeyId(Buffer.from(key)));
    expect(key.toString('hex')).not.toContain(dataKeyId(key));
  });

  it('opens a row sealed under a retired key, and resealTotpSecrets moves it to the current key', async () => {
    const oldKey = randomBytes(32).toString('base64');
    // Sealed while the old key was current.
    vi.stubEnv('DATA_ENCRYPTION_KEY', oldKey);
    const { userId, secret } = await enrolAt(T0);
    expect((await factorRowOf(userId))?.totpKeyId).toBe(dataKeyId(Buffer.from(oldKey, 'base64')));
    vi.unstubAllEnvs();

    // Rotated without keeping the old key: the row cannot be opened, and reseal changes nothing.
    await expect(verifyTotp(userId, totpCodeAt(secret, T0 + 30_000), T0 + 30_000)).rejects.toThrow(/DATA_ENCRYPTION_KEYS_RETIRED/);
    await expect(resealTotpSecrets()).rejects.toThrow(/neither DATA_ENCRYPTION_KEY nor in DATA_ENCRYPTION_KEYS_RETIRED/);

    // With the old key retired, the row opens, and reseal moves it (and only what needs it).
    vi.stubEnv('DATA_ENCRYPTION_KEYS_RETIRED', `${randomBytes(32).toString('base64')}, ${oldKey}`);
    expect(await verifyTotp(userId, totpCodeAt(secret, T0 + 30_000), T0 + 30_000)).toBe('ok');
    expect(await resealTotpSecrets()).toBeGreaterThanOrEqual(1);
    const row = await factorRowOf(userId);
    expect(row?.totpKeyId).toBe(currentDataKeyId());
    expect(row?.totpLastUsedStep).toBe(Math.floor((T0 + 30_000) / 30_000));
    expect(await resealTotpSecrets()).toBe(0);

    // Resealed under the current key, it opens without the retired one.
    vi.unstubAllEnvs();
    expect(await verifyTotp(userId, totpCodeAt(secret, T0 + 60_000), T0 + 60_000)).toBe('ok');
  });

  it('opens values sealed without a key id (the mail outbox) under a retired key too', () => {
    const oldKey = randomBytes(32).toString('base64');
    vi.stubEnv('DATA_ENCRYPTION_KEY', oldKey);
    const sealed = encryptWithDataKey('an envelope');
    vi.unstubAllEnvs();
    expect(() => decryptWithDataKey(sealed)).toThrow();
    vi.stubEnv('DATA_ENCRYPTION_KEYS_RETIRED', oldKey);
    expect(decryptWithDataKey(sealed)).toBe('an envelope');
  });

  it('refuses a retired key that is not 32 bytes of base64', async () => {
    vi.stubEnv('DATA_ENCRYPTION_KEYS_RETIRED', 'too-short');
    expect(() => currentDataKeyId()).toThrow(/DATA_ENCRYPTION_KEYS_RETIRED/);
  });
});

describe('npm run keys:reseal', () => {
  it('moves rows from a retired key to the current one and says how many', async () => {
    const oldKey = randomBytes(32).toString('base64');
    vi.stubEnv('DATA_ENCRYPTION_KEY', oldKey);
    const { userId } = await enrolAt(T0);
    vi.unstubAllEnvs();

    const run = await runScript('scripts/keys-reseal.ts', [], { DATABASE_URL: databaseEnv().DATABASE_URL, DATA_ENCRYPTION_KEYS_RETIRED: oldKey });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^[1-9]\\d* TOTP secrets resealed under key ${currentDataKeyId()}$`, 'm'));
    expect((await factorRowOf(userId))?.totpKeyId).toBe(currentDataKeyId());
  });
});
