import 'server-only';
import { sql } from 'drizzle-orm';
import { siteSettings } from '@/db/schema';
import { db, type TExecutor } from '@/lib/db/client';
import { settingDefinitions, type TSettingKey, type TSettingValue } from './definitions';

/**
 * Validates and stores a setting (no audit: the back office goes through changeSettings, which
 * audits; this is for scripts and tests). Staff-facing callers pass the staff member's id.
 */
export async function updateSetting<K extends TSettingKey>(
  key: K,
  value: TSettingValue<K>,
  options: { executor?: TExecutor; updatedBy?: string } = {},
) {
  const parsed: unknown = settingDefinitions[key].schema.parse(value);
  // A nullable setting (security.contactEmail) is stored as the JSON value null: the column is not
  // null, and a bare null parameter would be SQL NULL. getSetting reads it back as null.
  const stored = parsed === null ? sql`'null'::jsonb` : parsed;
  const executor = options.executor ?? db;
  await executor
    .insert(siteSettings)
    .values({ key, value: stored, updatedBy: options.updatedBy ?? null })
    .onConflictDoUpdate({
      target: siteSettings.key,
      set: { value: stored, updatedAt: new Date(), updatedBy: options.updatedBy ?? null },
    });
}
