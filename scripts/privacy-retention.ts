import { runScript } from './run-script';

/**
 * Applies the retention periods of the personal-data map now:  npm run privacy:retention
 * With `-- --dry-run` it only counts what each table and rule would delete or redact. Prints one
 * line per table and rule. resolveDatabase finds the running server's database, as audit:verify does.
 */
runScript(async () => {
  const dryRun = process.argv.slice(2).includes('--dry-run');
  const { resolveDatabase } = await import('@/lib/db/resolve-database');
  const { migrateDatabase } = await import('@/lib/db/migrate');
  const database = await resolveDatabase();
  try {
    await migrateDatabase(database.url);
    const { closeDatabase } = await import('@/lib/db/client');
    const { applyRetention, describeRetentionCount } = await import('@/lib/privacy/apply-retention');
    const { runRetention } = await import('@/lib/privacy/run-retention');
    // A real run is logged in retention_runs, as the nightly job's are; a dry run changes and logs nothing.
    const counts = dryRun ? await applyRetention({ dryRun }) : await runRetention('command');
    await closeDatabase();
    for (const count of counts) console.log(describeRetentionCount(count, dryRun));
    if (dryRun) console.log('dry run: nothing was changed');
  } finally {
    await database.stop();
  }
});
