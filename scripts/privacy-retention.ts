import { runScript } from './run-script';

/**
 * Runs the retention job and the inactive-accounts rule now, as the daily jobs do:  npm run privacy:retention
 * With `-- --dry-run` it only counts what each table and rule would delete or redact, and which
 * accounts the rule would warn or erase. Prints one line per table and rule, then the accounts
 * (lib/privacy/run-retention-command.ts). resolveDatabase finds the running server's database, as
 * audit:verify does.
 */
runScript(async () => {
  const dryRun = process.argv.slice(2).includes('--dry-run');
  const { resolveDatabase } = await import('@/lib/db/resolve-database');
  const { migrateDatabase } = await import('@/lib/db/migrate');
  const database = await resolveDatabase();
  try {
    await migrateDatabase(database.url);
    const { closeDatabase } = await import('@/lib/db/client');
    const { runRetentionCommand } = await import('@/lib/privacy/run-retention-command');
    const { lines } = await runRetentionCommand({ dryRun });
    await closeDatabase();
    for (const line of lines) console.log(line);
  } finally {
    await database.stop();
  }
});
