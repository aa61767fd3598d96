import 'server-only';
import { eq } from 'drizzle-orm';
import { siteSettings } from '@/db/schema';
import { db, type TExecutor } from '@/lib/db/client';
import { settingDefinitions, type TSettingKey, type TSettingValue } from './definitions';
import { isTextKey, textVersionInForce } from './text-versions';

/**
 * A setting's value now. A text (`texts.*`) is its version in force; before the first version, a
 * value stored the old way in site_settings, else the default.
 */
export async function getSetting<K extends TSettingKey>(key: K, executor: TExecutor = db): Promise<TSettingValue<K>> {
  const definition = settingDefinitions[key];
  if (isTextKey(key)) {
    const version = await textVersionInForce(key, executor);
    if (version) return version.body as TSettingValue<K>;
  }
  const [row] = await executor.select({ value: siteSettings.value }).from(siteSettings).where(eq(siteSettings.key, key));
  if (!row) return definition.default as TSettingValue<K>;
  const parsed = definition.schema.safeParse(row.value);
  return (parsed.success ? parsed.data : definition.default) as TSettingValue<K>;
}
