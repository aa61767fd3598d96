import 'server-only';
import { z } from 'zod';
import { recordAuditEntry } from '@/lib/audit/record-audit-entry';
import { db, type TExecutor } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { settingDefinitions } from '@/lib/settings/definitions';
import { settingIssueMessage } from '@/lib/settings/setting-issues';
import { insertTextVersion, isTextKey, textVersionInForce, type TTextKey, type TTextVersion } from '@/lib/settings/text-versions';
import { getSetting } from '@/lib/settings/get-setting';
import { roleHasPermission } from '@/lib/staff/permissions';
import type { TStaffActor } from '@/lib/staff/require-staff';
import { unknownPlaceholders } from './fill-placeholders';

/** The editor's form, as sent. */
export const ZTextVersionForm = z.object({
  key: z.string().refine(isTextKey, 'There is no such text.'),
  body: z.string(),
  effectiveDate: z
    .string()
    .trim()
    .refine((value) => value === '' || (/^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`))), 'Enter a date as YYYY-MM-DD, or leave it empty for now.'),
  changeNote: z.string().trim().min(1, 'Say in a sentence what changed and why: customers may be shown it.').max(500, 'At most 500 characters.'),
  material: z.enum(['on']).optional(),
});

const today = (now: Date) => now.toISOString().slice(0, 10);

/** Now for an empty date or today's (UTC), else the start of that day (UTC). A past day is refused: the history would not show what was shown then. */
function effectiveTime(date: string, now: Date): Date {
  if (date === '' || date === today(now)) return now;
  if (date < today(now)) throw new AppError('INVALID_INPUT', 'Please correct the marked fields.', { effectiveDate: 'A version cannot take effect in the past. Leave the date empty for now, or choose a later day.' });
  return new Date(`${date}T00:00:00Z`);
}

/**
 * Publishes a new version of a site text (settings.manage): the body is checked by the text's own
 * setting schema and for unknown placeholders; the version is numbered after the last, takes effect
 * at its date, and is audited (ids and names only: the text is in the version row, not the trail).
 */
export async function publishTextVersion(actor: TStaffActor, form: Record<string, string>, options: { executor?: TExecutor; now?: Date } = {}): Promise<TTextVersion> {
  if (!roleHasPermission(actor.role, 'settings.manage')) throw new AppError('FORBIDDEN', 'You do not have permission to do this.');
  const parsed = ZTextVersionForm.safeParse(form);
  if (!parsed.success) {
    const fieldErrors: Record<string, string> = {};
    for (const issue of parsed.error.issues) fieldErrors[String(issue.path[0] ?? 'body')] ??= issue.message;
    throw new AppError('INVALID_INPUT', 'Please correct the marked fields.', fieldErrors);
  }
  const key = parsed.data.key as TTextKey;
  const body = settingDefinitions[key].schema.safeParse(parsed.data.body);
  if (!body.success) throw new AppError('INVALID_INPUT', 'Please correct the marked fields.', { body: settingIssueMessage(body.error.issues[0]!) });
  const unknown = unknownPlaceholders(body.data);
  if (unknown.length > 0) throw new AppError('INVALID_INPUT', 'Please correct the marked fields.', { body: `Unknown placeholder ${unknown.map((name) => `{${name}}`).join(', ')}: see the list of placeholders below the editor.` });
  const now = options.now ?? new Date();
  const effectiveAt = effectiveTime(parsed.data.effectiveDate, now);

  return (options.executor ?? db).transaction(async (tx) => {
    const inForce = await textVersionInForce(key, tx, now);
    const current = inForce ? inForce.body : await getSetting(key, tx);
    if (current === body.data && effectiveAt <= now) throw new AppError('INVALID_INPUT', 'Please correct the marked fields.', { body: 'This is the text in force now: change it before publishing a version.' });
    const version = await insertTextVersion(tx, { key, body: body.data, effectiveAt, changeNote: parsed.data.changeNote, material: parsed.data.material === 'on', createdBy: actor.userId });
    await recordAuditEntry(tx, {
      actorKind: 'staff',
      actorUserId: actor.userId,
      action: 'texts.version-published',
      objectType: 'text_version',
      objectId: `${key}:${version.version}`,
      clientIp: actor.client.ip,
      changedFields: [key],
    });
    return version;
  });
}
