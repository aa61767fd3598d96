import { afterAll, describe, expect, it } from 'vitest';
import { closeDatabase } from '@/lib/db/client';
import { databaseEnv } from '@/lib/env';
import { readProcessingRecord } from '@/lib/privacy/read-processing-record';
import { getSetting } from '@/lib/settings/get-setting';
import { updateSetting } from '@/lib/settings/update-setting';
import { runScript } from '../embedded/run-script';
import { setTestSeller, TEST_SELLER } from '../../helpers/order-factory';
import { staffActorFor } from '../../helpers/staff-actor';

afterAll(async () => {
  await closeDatabase();
});

describe('the record of processing activities', () => {
  it('`npm run privacy:records` prints it with the seller as controller and the security address as contact', async () => {
    await setTestSeller();
    const contactBefore = await getSetting('security.contactEmail');
    await updateSetting('security.contactEmail', 'privacy@test-agency.example');
    try {
      const printed = await runScript('scripts/privacy-records.ts', [], { DATABASE_URL: databaseEnv().DATABASE_URL });
      expect(printed.stderr).toBe('');
      expect(printed.code).toBe(0);
      expect(printed.stdout).toContain('# Record of processing activities (GDPR art. 30(1))');
      expect(printed.stdout).toContain(`- Name: ${TEST_SELLER.name}`);
      expect(printed.stdout).toContain('- Address: Keizersgracht 1, 1015 AA Amsterdam, Netherlands');
      expect(printed.stdout).toContain(`- VAT number: ${TEST_SELLER.vatNumber}`);
      expect(printed.stdout).toContain('- Contact (security address): privacy@test-agency.example');
      expect(printed.stdout).toContain('### Customer and staff accounts (users)');
    } finally {
      await updateSetting('security.contactEmail', contactBefore);
    }
  }, 60_000);

  it('is shown to the privacy officer and superadmin, and refused to the other roles', async () => {
    await setTestSeller();
    for (const role of ['privacy_officer', 'superadmin'] as const) {
      const record = await readProcessingRecord(await staffActorFor(role));
      expect(record.controller.name, role).toBe(TEST_SELLER.name);
    }
    for (const role of ['admin', 'sales', 'catalog'] as const) {
      await expect(readProcessingRecord(await staffActorFor(role)), role).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
  });
});
