import { afterAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '@/lib/auth/passwords';
import { closeDatabase } from '@/lib/db/client';
import { pinMatches } from '@/lib/staff/factors/pin';
import { verifyTotp } from '@/lib/staff/factors/totp';
import { staffRoles } from '@/lib/staff/permissions';
import { createDemoAccounts } from '@/tooling/demo/create-demo-accounts';
import { userByEmail } from '../../helpers/accounts-factory';
import { factorRowOf, totpCodeAt } from '../staff/staff-factors-helpers';

afterAll(async () => {
  await closeDatabase();
});

describe('demo accounts', () => {
  it('creates the customer and one staff member per role, each with a password, PIN and authenticator that work; a second run creates nothing', async () => {
    const created = await createDemoAccounts();
    expect(created.filter((account) => account.kind === 'customer').map((account) => account.email)).toEqual(['customer@demo.stockroom.test']);
    const staff = created.flatMap((account) => (account.kind === 'staff' ? [account] : []));
    expect(staff.map((account) => account.role).sort()).toEqual([...staffRoles].sort());
    expect(staff.map((account) => account.email)).toContain('privacy@demo.stockroom.test');

    for (const account of staff) {
      const user = await userByEmail(account.email);
      expect(user).toMatchObject({ kind: 'staff', staffRole: account.role, status: 'active' });
      expect(await verifyPassword(account.password, user!.passwordHash)).toBe(true);
      expect(account.pin).toMatch(/^\d{6}$/);
      expect(await pinMatches(user!.id, account.pin)).toBe(true);

      const uri = new URL(account.otpauthUri);
      expect(uri.protocol).toBe('otpauth:');
      const secret = uri.searchParams.get('secret')!;
      const row = await factorRowOf(user!.id);
      expect(row?.totpLastUsedStep).toBeNull();
      expect(row!.totpSecretSealed!.toString('latin1')).not.toContain(secret);
      const now = Date.now();
      expect(await verifyTotp(user!.id, totpCodeAt(secret, now), now)).toBe('ok');
    }

    expect(await createDemoAccounts()).toEqual([]);
  });
});
