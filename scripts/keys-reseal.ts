import { runScript } from './run-script';

/**
 * Re-encrypts data sealed under a retired data key:  npm run keys:reseal
 * After a rotation (new DATA_ENCRYPTION_KEY, the old one in DATA_ENCRYPTION_KEYS_RETIRED), moves
 * every staff TOTP secret to the current key and prints how many. Once it has run, the retired key
 * can be dropped. Safe beside a running server: the rows are rewritten in one transaction, all or none.
 */
runScript(async () => {
  const { assertSecretsInEnv, hasSecretsInEnv } = await import('@/lib/env');
  if (!hasSecretsInEnv()) {
    // The demo's and development's generated keys, as the server itself would use them.
    const { ensureLocalSecrets } = await import('@/tooling/local-secrets');
    await ensureLocalSecrets();
  }
  assertSecretsInEnv();
  const { resolveDatabase } = await import('@/lib/db/resolve-database');
  const { migrateDatabase } = await import('@/lib/db/migrate');
  const database = await resolveDatabase();
  try {
    await migrateDatabase(database.url);
    const { closeDatabase } = await import('@/lib/db/client');
    const { currentDataKeyId } = await import('@/lib/crypto/data-key');
    const { resealTotpSecrets } = await import('@/lib/staff/factors/totp-secret-box');
    try {
      const count = await resealTotpSecrets();
      console.log(`${count} TOTP secrets resealed under key ${currentDataKeyId()}`);
    } finally {
      await closeDatabase();
    }
  } finally {
    await database.stop();
  }
});
