import { parseArgs } from 'node:util';
import { runScript } from './run-script';

/** `npm run db:seed -- --count 300`: draws and ingests demo images into the configured database. */
runScript(async () => {
  const { values } = parseArgs({ options: { count: { type: 'string', default: '300' }, seed: { type: 'string', default: '1' } } });
  const count = Number(values.count);
  if (!Number.isInteger(count) || count < 1 || count > 100_000) throw new Error('--count must be a whole number from 1 to 100000.');
  const { resolveDatabase } = await import('@/lib/db/resolve-database');
  const { migrateDatabase } = await import('@/lib/db/migrate');
  const database = await resolveDatabase();
  try {
    await migrateDatabase(database.url);
    const { seedCatalog } = await import('@/tooling/demo/seed-catalog');
    const { closeDatabase } = await import('@/lib/db/client');
    const ids = await seedCatalog({ count, seed: Number(values.seed) || 1 });
    console.log(`Seeded ${ids.length} images.`);
    await closeDatabase();
  } finally {
    await database.stop();
  }
});
