import { afterAll, describe, expect, it } from 'vitest';
import { closeDatabase, db } from '@/lib/db/client';
import { hasPin, pinMatches, setPin, ZPin } from '@/lib/staff/factors/pin';
import { factorRowOf, insertStaff } from './staff-factors-helpers';

afterAll(async () => {
  await closeDatabase();
});

describe('PIN', () => {
  it('is 6 to 8 digits', () => {
    for (const pin of ['123456', '0012345', '98765432']) expect(ZPin.safeParse(pin).success).toBe(true);
    for (const pin of ['12345', '123456789', '12345a', 'abcdef', '123 456', '', '١٢٣٤٥٦']) expect(ZPin.safeParse(pin).success).toBe(false);
  });

  it('matches only the PIN set, which is stored as a bcrypt hash and not in plain', async () => {
    const { userId } = await insertStaff();
    expect(await hasPin(userId)).toBe(false);
    expect(await pinMatches(userId, '482913')).toBe(false);

    await setPin(db, userId, '482913');
    expect(await hasPin(userId)).toBe(true);
    expect(await pinMatches(userId, '482913')).toBe(true);
    expect(await pinMatches(userId, '482914')).toBe(false);
    expect(await pinMatches(userId, '4829130')).toBe(false);
    expect(await pinMatches(userId, '')).toBe(false);

    const row = await factorRowOf(userId);
    expect(row?.pinHash).toMatch(/^\$2[aby]\$12\$[./A-Za-z0-9]{53}$/);
    expect(row?.pinChangedAt).toBeInstanceOf(Date);
    // The bcrypt format above is itself the proof the PIN is not stored in plain (a digit search could hit the hash).
  });

  it('replaces the earlier PIN', async () => {
    const { userId } = await insertStaff();
    await setPin(db, userId, '11223344');
    await setPin(db, userId, '55667788');
    expect(await pinMatches(userId, '11223344')).toBe(false);
    expect(await pinMatches(userId, '55667788')).toBe(true);
  });

  it('refuses to store a malformed PIN', async () => {
    const { userId } = await insertStaff();
    await expect(setPin(db, userId, '12345')).rejects.toThrow();
    expect(await hasPin(userId)).toBe(false);
  });

  it('takes about as long without a PIN as with one (a dummy bcrypt comparison)', async () => {
    const [withPin, without] = [await insertStaff(), await insertStaff()];
    await setPin(db, withPin.userId, '246810');
    await pinMatches(without.userId, '246810'); // the dummy hash is made on first use
    const time = async (userId: string) => {
      const started = performance.now();
      await pinMatches(userId, '135790');
      return performance.now() - started;
    };
    const [a, b] = [await time(withPin.userId), await time(without.userId)];
    // bcrypt at cost 12 takes well over 50 ms; an early return would take a few.
    expect(b).toBeGreaterThan(a / 3);
  });
});
