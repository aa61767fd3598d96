import { parseArgs } from 'node:util';
import { runScript } from './run-script';

/**
 * Site-owner settings from the command line (the back office's Settings and Security policy pages
 * change them too, with an audit entry per change; this command writes no audit entry):
 *   npm run settings -- list
 *   npm run settings -- get accounts.consentAge
 *   npm run settings -- set registration.customFields '[{"id":"vat","label":"VAT number","mode":"optional"}]'
 * Values are JSON and are validated by the setting's own schema; a bad value changes nothing.
 */
runScript(async () => {
  const { positionals } = parseArgs({ allowPositionals: true });
  const [command, key, value] = positionals;
  const { resolveDatabase } = await import('@/lib/db/resolve-database');
  const { migrateDatabase } = await import('@/lib/db/migrate');
  const database = await resolveDatabase();
  try {
    await migrateDatabase(database.url);
    const { settingDefinitions } = await import('@/lib/settings/definitions');
    const { getSetting } = await import('@/lib/settings/get-setting');
    const { updateSetting } = await import('@/lib/settings/update-setting');
    const { closeDatabase } = await import('@/lib/db/client');
    const keys = Object.keys(settingDefinitions) as (keyof typeof settingDefinitions)[];
    const known = (candidate: string | undefined): candidate is (typeof keys)[number] => keys.includes(candidate as never);

    if (command === 'list') {
      for (const name of keys) console.log(`${name} = ${JSON.stringify(await getSetting(name))}`);
    } else if (command === 'get' && known(key)) {
      console.log(JSON.stringify(await getSetting(key), null, 2));
    } else if (command === 'set' && known(key) && value !== undefined) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(value);
      } catch {
        throw new Error(`The value for ${key} must be JSON (text in double quotes, numbers as they are).`);
      }
      const check = settingDefinitions[key].schema.safeParse(parsed);
      if (!check.success) throw new Error(`Not a valid value for ${key}: ${check.error.issues.map((issue) => issue.message).join('; ')}`);
      await updateSetting(key, check.data as never);
      console.log(`${key} = ${JSON.stringify(check.data)}`);
    } else {
      throw new Error(`Usage: npm run settings -- list | get <key> | set <key> <json>. Keys: ${keys.join(', ')}`);
    }
    await closeDatabase();
  } finally {
    await database.stop();
  }
});
