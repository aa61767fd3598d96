import 'server-only';
import { eq } from 'drizzle-orm';
import { siteSettings } from '@/db/schema';
import { db, type TExecutor } from '@/lib/db/client';
import { settingDefinitions, type TSettingKey, type TSettingValue } from './definitions';

export async function getSetting<K extends TSettingKey>(key: K, executor: TExecutor = db): Promise<TSettingValue<K>> {
  const definition = settingDefinitions[key];
  const [row] = await executor.select({ value: siteSettings.value }).from(siteSettings).where(eq(siteSettings.key, key));
  if (!row) return definition.default as TSettingValue<K>;
  const parsed = definition.schema.safeParse(row.value);
  return (parsed.success ? parsed.data : definition.default) as TSettingValue<K>;
}
