import 'server-only';
import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { staffFactors } from '@/db/schema';
import { recordAuditEntry } from '@/lib/audit/record-audit-entry';
import { db, type TExecutor, type TTransaction } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { enqueueJob } from '@/lib/jobs/enqueue-job';
import { queueSecurityMail } from '@/lib/security/security-mail';
import { roleHasPermission } from '@/lib/staff/permissions';
import type { TStaffActor } from '@/lib/staff/require-staff';
import { settingDefinitions, type TSettingKey, type TSettingValue } from './definitions';
import { getSetting } from './get-setting';
import { settingIssueMessage } from './setting-issues';
import { isSecurityPolicySetting, settingLabels, settingPermission } from './setting-labels';
import { updateSetting } from './update-setting';

export type TSettingChanges = Partial<Record<TSettingKey, unknown>>;

const settingKeys = Object.keys(settingDefinitions) as [TSettingKey, ...TSettingKey[]];
const ZSettingKey = z.enum(settingKeys);

/** Field errors are keyed by the setting and the path inside its value: 'media.watermark.text', 'registration.customFields.2.label'. */
const fieldName = (key: TSettingKey, path: readonly PropertyKey[]) => [key, ...path.map(String)].join('.');

/** JSON with sorted keys, to tell whether a value really changed (jsonb does not keep key order). */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

const inWords = (value: unknown) => (value === null ? '(empty)' : typeof value === 'string' ? value : JSON.stringify(value));

/** Refuses the change before anything is written: unknown keys, missing permission, invalid values (with a message per field). */
function validate(actor: TStaffActor, changes: TSettingChanges): Array<[TSettingKey, unknown]> {
  const entries = Object.entries(changes).filter(([, value]) => value !== undefined);
  if (entries.length === 0) throw new AppError('INVALID_INPUT', 'There is nothing to change.');
  const parsed: Array<[TSettingKey, unknown]> = [];
  const fieldErrors: Record<string, string> = {};
  for (const [rawKey, value] of entries) {
    const key = ZSettingKey.safeParse(rawKey);
    if (!key.success) throw new AppError('INVALID_INPUT', 'There is no such setting.');
    if (!roleHasPermission(actor.role, settingPermission(key.data))) throw new AppError('FORBIDDEN', 'You do not have permission to do this.');
    const result = settingDefinitions[key.data].schema.safeParse(value);
    if (result.success) parsed.push([key.data, result.data]);
    else for (const issue of result.error.issues) fieldErrors[fieldName(key.data, issue.path)] ??= settingIssueMessage(issue);
  }
  if (Object.keys(fieldErrors).length > 0) throw new AppError('INVALID_INPUT', 'Please correct the marked fields.', fieldErrors);
  // A fixed order, so two changes of the same settings take their locks in the same order.
  return parsed.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * An admin who has not set up an authenticator and makes their own role need one would lose their
 * staff rights on the next request (require-staff.ts): refused, with the way out in the message.
 */
async function refuseTotpSelfLockout(tx: TTransaction, actor: TStaffActor, roles: TSettingValue<'security.totpRoles'>) {
  if (!roles.includes(actor.role)) return;
  const [factors] = await tx.select({ enrolledAt: staffFactors.totpEnrolledAt }).from(staffFactors).where(eq(staffFactors.userId, actor.userId));
  if (factors?.enrolledAt) return;
  throw new AppError('CONFLICT', 'This change would lock you out.', {
    'security.totpRoles': 'Your own role would need an authenticator, and you have not set one up. Set one up first, or leave your role unticked.',
  });
}

/**
 * Changes site settings as a staff member, in one transaction: each value is validated by its
 * definition; every setting whose value really changes is written and gets an audit entry
 * 'settings.changed' with its old and new value. A change of the security policy (security.*,
 * staff.*) also tells the security address, once per call; a change of the security address itself
 * also tells the address it had, so a changed address cannot silence the alarms unnoticed.
 * Settings are read from the database at every use, so the change applies in every process at once.
 * `executor` lets a caller run this inside its own transaction (tests roll it back).
 */
export async function changeSettings(actor: TStaffActor, changes: TSettingChanges, options: { executor?: TExecutor } = {}): Promise<{ changed: TSettingKey[] }> {
  const values = validate(actor, changes);
  return (options.executor ?? db).transaction(async (tx) => {
    const changed: Array<{ key: TSettingKey; old: unknown; new: unknown }> = [];
    for (const [key, value] of values) {
      // Read-and-write per key under a lock, so the old value in the audit entry is the one replaced.
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`site_settings:${key}`}))`);
      const old: unknown = await getSetting(key, tx);
      if (canonical(old) === canonical(value)) continue;
      if (key === 'security.totpRoles') await refuseTotpSelfLockout(tx, actor, value as TSettingValue<'security.totpRoles'>);
      changed.push({ key, old, new: value });
    }
    const policy = changed.filter((change) => isSecurityPolicySetting(change.key));
    const facts = {
      change: 'The security policy was changed',
      changes: policy
        .map((change) => `${settingLabels[change.key]} (${change.key}): ${inWords(change.old)} → ${inWords(change.new)}`)
        .join('; ')
        .slice(0, 500),
      changedBy: actor.email,
    };
    if (policy.some((change) => change.key === 'security.contactEmail')) {
      await queueSecurityMail(tx, { kind: 'security-setting-changed', cooldownKey: `settings:${randomUUID()}`, facts });
    }
    for (const change of changed) {
      await updateSetting(change.key, change.new as never, { executor: tx, updatedBy: actor.userId });
      await recordAuditEntry(tx, {
        actorKind: 'staff',
        actorUserId: actor.userId,
        action: 'settings.changed',
        objectType: 'site_setting',
        objectId: change.key,
        clientIp: actor.client.ip,
        changedFields: [change.key],
        setting: { key: change.key, old: change.old as z.core.util.JSONType, new: change.new as z.core.util.JSONType },
      });
    }
    // Thumbnails and previews already made are rendered again with the new watermark settings, after the commit.
    if (changed.some((change) => change.key === 'media.watermark' || change.key === 'media.cleanThumbnails')) {
      await enqueueJob(tx, 'media.rerender-derivatives', {});
    }
    // After the writes: to the security address as it now is (the new one, if that changed).
    if (policy.length > 0) await queueSecurityMail(tx, { kind: 'security-setting-changed', cooldownKey: `settings:${randomUUID()}`, facts });
    return { changed: changed.map((change) => change.key) };
  });
}

/** One setting: see changeSettings. */
export async function changeSetting<K extends TSettingKey>(actor: TStaffActor, key: K, value: unknown, options: { executor?: TExecutor } = {}) {
  return changeSettings(actor, { [key]: value } as TSettingChanges, options);
}
