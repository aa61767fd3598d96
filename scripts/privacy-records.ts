import { runScript } from './run-script';

/**
 * Prints the record of processing activities (GDPR art. 30) as Markdown:  npm run privacy:records
 * Built from lib/privacy/data-map.ts and the seller's settings. Safe beside a running server: it
 * only reads, and resolveDatabase finds the server's database.
 */
runScript(async () => {
  const { resolveDatabase } = await import('@/lib/db/resolve-database');
  const { migrateDatabase } = await import('@/lib/db/migrate');
  const database = await resolveDatabase();
  try {
    await migrateDatabase(database.url);
    const { closeDatabase } = await import('@/lib/db/client');
    const { readProcessingRecord } = await import('@/lib/privacy/read-processing-record');
    const { processingRecordMarkdown } = await import('@/lib/privacy/processing-records');
    const record = await readProcessingRecord('command-line');
    await closeDatabase();
    process.stdout.write(processingRecordMarkdown(record));
  } finally {
    await database.stop();
  }
});
