import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { staffRecoveryCodes } from '@/db/schema';
import { closeDatabase, db } from '@/lib/db/client';
import { redeemRecoveryCode, regenerateRecoveryCodes, remainingRecoveryCodes, useRecoveryCode } from '@/lib/staff/factors/recovery-codes';
import { insertStaff } from './staff-factors-helpers';

afterAll(async () => {
  await closeDatabase();
});

const rowsOf = (userId: string) => db.select().from(staffRecoveryCodes).where(eq(staffRecoveryCodes.userId, userId));

describe('recovery codes', () => {
  it('gives ten distinct readable codes of 50 bits, stored only as keyed hashes', async () => {
    const { userId } = await insertStaff();
    const codes = await regenerateRecoveryCodes(db, userId);
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[a-z2-7]{5}-[a-z2-7]{5}$/);
    expect(await remainingRecoveryCodes(userId)).toBe(10);

    const rows = await rowsOf(userId);
    expect(rows).toHaveLength(10);
    const stored = JSON.stringify(rows).toLowerCase();
    for (const code of codes) {
      expect(stored).not.toContain(code);
      expect(stored).not.toContain(code.replace('-', ''));
    }
    for (const row of rows) expect(row.codeHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('accepts each code once, whatever its case, spacing and dashes; a used code fails later', async () => {
    const { userId } = await insertStaff();
    const [first, second] = await regenerateRecoveryCodes(db, userId);
    expect(await redeemRecoveryCode(userId, ` ${first!.toUpperCase().replace('-', ' - ')} `)).toBe(true);
    expect(await redeemRecoveryCode(userId, first!)).toBe(false);
    expect(await redeemRecoveryCode(userId, second!.replace('-', ''))).toBe(true);
    expect(await remainingRecoveryCodes(userId)).toBe(8);
    expect(await redeemRecoveryCode(userId, 'aaaaa-aaaaa')).toBe(false);
    expect(await redeemRecoveryCode(userId, 'not a code at all')).toBe(false);
  });

  it("does not accept one staff member's code for another", async () => {
    const [one, other] = [await insertStaff(), await insertStaff()];
    const [code] = await regenerateRecoveryCodes(db, one.userId);
    await regenerateRecoveryCodes(db, other.userId);
    expect(await redeemRecoveryCode(other.userId, code!)).toBe(false);
    expect(await redeemRecoveryCode(one.userId, code!)).toBe(true);
  });

  it('with 10 requests racing with one code, exactly one succeeds (checklist 16)', async () => {
    const { userId } = await insertStaff();
    const [code] = await regenerateRecoveryCodes(db, userId);
    const results = await Promise.all(Array.from({ length: 10 }, () => redeemRecoveryCode(userId, code!)));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await remainingRecoveryCodes(userId)).toBe(9);
  });

  it('regenerating invalidates every earlier code, used or not', async () => {
    const { userId } = await insertStaff();
    const old = await regenerateRecoveryCodes(db, userId);
    await redeemRecoveryCode(userId, old[0]!);
    const fresh = await regenerateRecoveryCodes(db, userId);
    expect(await remainingRecoveryCodes(userId)).toBe(10);
    for (const code of old.slice(1)) expect(await redeemRecoveryCode(userId, code)).toBe(false);
    expect(await redeemRecoveryCode(userId, fresh[0]!)).toBe(true);
    expect(await rowsOf(userId)).toHaveLength(10);
  });
});

describe('useRecoveryCode', () => {
  it('is redeemRecoveryCode under the name the brief gave it', () => {
    expect(useRecoveryCode).toBe(redeemRecoveryCode);
  });
});
