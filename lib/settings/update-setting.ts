import 'server-only';
import { siteSettings } from '@/db/schema';
import { db, type TExecutor } from '@/lib/db/client';
import { settingDefinitions, type TSettingKey, type TSettingValue } from './definitions';

/** Validates and stores a setting. Staff-facing callers pass the staff member's id (issue: site-owner settings). */
export async function updateSetting<K extends TSettingKey>(
  key: K,
  value: TSettingValue<K>,
  options: { executor?: TExecutor; updatedBy?: string } = {},
) {
  const parsed = settingDefinitions[key].schema.parse(value);
  const executor = options.executor ?? db;
  await executor
    .insert(siteSettings)
    .values({ key, value: parsed, updatedBy: options.updatedBy ?? null })
    .onConflictDoUpdate({
      target: siteSettings.key,
      set: { value: parsed, updatedAt: new Date(), updatedBy: options.updatedBy ?? null },
    });
}
