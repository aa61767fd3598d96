import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { users } from '@/db/schema';
import { recordAuditEntry } from '@/lib/audit/record-audit-entry';
import type { TCustomerActor } from '@/lib/auth/guards';
import { db } from '@/lib/db/client';
import { AppError, fieldErrorsFrom } from '@/lib/errors';
import type { TClientInfo } from '@/lib/http/client-info';
import { getSetting } from '@/lib/settings/get-setting';
import { customFieldsSchema, customFieldValues, ZProfileFields } from './profile-fields';

/**
 * Saves the customer's own details. Only the fields of the form are read (zod drops anything
 * else), so a request carrying a role, an id, a status or an e-mail changes nothing of those.
 *
 * Custom fields: only those the form shows (optional or required) are written; an answer to a
 * field the site owner has since switched off or removed is kept as it was, because the form
 * the customer saw did not show it. An optional field left empty removes its answer.
 *
 * The audit trail gets 'account.profile-updated' with the NAMES of the fields that changed (never
 * their values), in the same transaction; a save that changes nothing records nothing.
 */
export async function updateProfile(actor: TCustomerActor, form: Record<string, unknown>, client?: Pick<TClientInfo, 'ip'>): Promise<void> {
  const customFields = await getSetting('registration.customFields');
  const parsed = ZProfileFields.and(customFieldsSchema(customFields)).safeParse(form);
  if (!parsed.success) throw new AppError('INVALID_INPUT', 'Please correct the marked fields.', fieldErrorsFrom(parsed.error));
  const { fullName, company, addressLine1, addressLine2, postalCode, city, countryCode, phone } = parsed.data;
  const profile = { fullName, company, addressLine1, addressLine2, postalCode, city, countryCode, phone };
  const shownFields = customFields.filter((field) => field.mode !== 'off');
  const answers = customFieldValues(shownFields, parsed.data as Record<string, string | boolean | undefined>);
  const shownIds = shownFields.map((field) => field.id);
  await db.transaction(async (tx) => {
    // The old values, locked, only to name what changed: they never leave this function.
    const [before] = await tx
      .select({ ...pick(users, Object.keys(profile) as (keyof typeof profile)[]), customFields: users.customFields })
      .from(users)
      .where(eq(users.id, actor.userId))
      .for('update');
    if (!before) return;
    await tx
      .update(users)
      .set({
        ...profile,
        // jsonb `-` text[] drops the shown fields' old answers; `||` adds the new ones.
        customFields: sql`(${users.customFields} - ${sql.param(shownIds)}::text[]) || ${JSON.stringify(answers)}::jsonb`,
        updatedAt: new Date(),
      })
      .where(eq(users.id, actor.userId));
    const changedFields = [
      ...(Object.keys(profile) as (keyof typeof profile)[]).filter((name) => (before[name] ?? null) !== (profile[name] ?? null)),
      ...shownIds.filter((id) => before.customFields[id] !== answers[id]).map((id) => `customFields.${id}`),
    ];
    if (changedFields.length === 0) return;
    await recordAuditEntry(tx, {
      actorKind: 'customer',
      actorUserId: actor.userId,
      action: 'account.profile-updated',
      subjectUserId: actor.userId,
      clientIp: client?.ip ?? null,
      changedFields,
    });
  });
}

const pick = <T extends object, K extends keyof T>(source: T, keys: K[]) => Object.fromEntries(keys.map((key) => [key, source[key]])) as Pick<T, K>;
