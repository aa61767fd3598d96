import { afterAll, describe, expect, it } from 'vitest';
import { closeDatabase } from '@/lib/db/client';
import { databaseEnv } from '@/lib/env';
import { runScript } from '../embedded/run-script';
import { appendEntry, entryCount, withTamperedAction } from './audit-helpers';

afterAll(async () => {
  await closeDatabase();
});

const auditVerify = () => runScript('scripts/audit-verify.ts', [], { DATABASE_URL: databaseEnv().DATABASE_URL });

describe('npm run audit:verify', () => {
  it('prints "chain intact, N entries" and exits 0; after a row is changed, names it and exits 1', async () => {
    await appendEntry();
    const tampered = await appendEntry();
    await appendEntry();

    const intact = await auditVerify();
    expect(intact.stdout).toContain(`chain intact, ${await entryCount()} entries`);
    expect(intact.code).toBe(0);

    const broken = await withTamperedAction(tampered, auditVerify);
    expect(broken.stderr).toContain(`chain broken at entry #${tampered}:`);
    expect(broken.stdout).not.toContain('chain intact');
    expect(broken.code).toBe(1);
  });
});
