import 'server-only';
import { and, desc, eq, lte, sql } from 'drizzle-orm';
import { textVersions } from '@/db/schema';
import { db, type TExecutor } from '@/lib/db/client';
import { settingDefinitions, type TSettingKey } from './definitions';

/**
 * Every `texts.*` setting is versioned: the key prefix decides, so a text another part of the shop
 * adds to settingDefinitions is versioned, editable and recorded without code of its own.
 */
export type TTextKey = Extract<TSettingKey, `texts.${string}`>;

export const isTextKey = (key: string): key is TTextKey => key.startsWith('texts.') && key in settingDefinitions;

export const textKeys = (): TTextKey[] => (Object.keys(settingDefinitions) as TSettingKey[]).filter(isTextKey);

export type TTextVersion = typeof textVersions.$inferSelect;

/** The version in force at `now`: the newest whose effective time has come. Null: none yet (the default, or a value set before versions). */
export async function textVersionInForce(key: TTextKey, executor: TExecutor = db, now = new Date()): Promise<TTextVersion | null> {
  const [row] = await executor
    .select()
    .from(textVersions)
    .where(and(eq(textVersions.key, key), lte(textVersions.effectiveAt, now)))
    .orderBy(desc(textVersions.version))
    .limit(1);
  return row ?? null;
}

export async function listTextVersions(key: TTextKey, executor: TExecutor = db): Promise<TTextVersion[]> {
  return executor.select().from(textVersions).where(eq(textVersions.key, key)).orderBy(desc(textVersions.version));
}

export async function getTextVersion(key: TTextKey, version: number, executor: TExecutor = db): Promise<TTextVersion | null> {
  const [row] = await executor.select().from(textVersions).where(and(eq(textVersions.key, key), eq(textVersions.version, version)));
  return row ?? null;
}

export type TNewTextVersion = { key: TTextKey; body: string; effectiveAt: Date; changeNote: string; material: boolean; createdBy: string | null };

/**
 * Appends a version, numbered after the last one of its key. Callers validate and audit; the
 * lock makes two publications of one text get consecutive numbers instead of a unique violation.
 */
export async function insertTextVersion(executor: TExecutor, input: TNewTextVersion): Promise<TTextVersion> {
  await executor.execute(sql`select pg_advisory_xact_lock(hashtext(${`text_versions:${input.key}`}))`);
  const [last] = await executor.select({ version: textVersions.version }).from(textVersions).where(eq(textVersions.key, input.key)).orderBy(desc(textVersions.version)).limit(1);
  const [row] = await executor
    .insert(textVersions)
    .values({ ...input, version: (last?.version ?? 0) + 1 })
    .returning();
  return row!;
}
