import { runScript } from './run-script';

/**
 * After restoring a backup: erases again every account the tombstone list names that the restored
 * database holds unerased.  npm run privacy:replay-erasures
 */
runScript(async () => {
  const { resolveDatabase } = await import('@/lib/db/resolve-database');
  const { migrateDatabase } = await import('@/lib/db/migrate');
  const database = await resolveDatabase();
  try {
    await migrateDatabase(database.url);
    const { closeDatabase } = await import('@/lib/db/client');
    const { replayErasures } = await import('@/lib/privacy/replay-erasures');
    const result = await replayErasures();
    await closeDatabase();
    console.log(
      `re-erased ${result.reErased} accounts (${result.tombstones} tombstones: ${result.alreadyErased} already erased, ${result.notInDatabase} not in this database)`,
    );
  } finally {
    await database.stop();
  }
});
