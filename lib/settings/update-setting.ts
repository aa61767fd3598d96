import 'server-only';
import { sql } from 'drizzle-orm';
import { siteSettings } from '@/db/schema';
import { db, type TExecutor } from '@/lib/db/client';
import { settingDefinitions, type TSettingKey, type TSettingValue } from './definitions';
import { insertTextVersion, isTextKey } from './text-versions';

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
  // A text keeps its history: the value becomes a new version, in force at once.
  if (isTextKey(key)) {
    await insertTextVersion(executor, { key, body: parsed as string, effectiveAt: new Date(), changeNote: 'Set outside the text editor (settings command or script)', material: false, createdBy: options.updatedBy ?? null });
    return;
  }
  await executor
    .insert(siteSettings)
    .values({ key, value: stored, updatedBy: options.updatedBy ?? null })
    .onConflictDoUpdate({
      target: siteSettings.key,
      set: { value: stored, updatedAt: new Date(), updatedBy: options.updatedBy ?? null },
    });
}
