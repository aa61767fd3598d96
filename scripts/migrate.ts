import { migrateDatabase } from '@/lib/db/migrate';
import { resolveDatabase } from '@/lib/db/resolve-database';
import { runScript } from './run-script';

runScript(async () => {
  const database = await resolveDatabase();
  try {
    await migrateDatabase(database.url);
    console.log('Migrations applied.');
  } finally {
    await database.stop();
  }
});
