import 'server-only';
import { eq } from 'drizzle-orm';
import { users } from '@/db/schema';
import type { TCustomerActor } from '@/lib/auth/guards';
import { db } from '@/lib/db/client';
import { AppError, fieldErrorsFrom } from '@/lib/errors';
import { getSetting } from '@/lib/settings/get-setting';
import { customFieldsSchema, customFieldValues, ZProfileFields } from './profile-fields';

/**
 * Saves the customer's own details. Only the fields of the form are read (zod drops anything
 * else), so a request carrying a role, an id, a status or an e-mail changes nothing of those.
 */
export async function updateProfile(actor: TCustomerActor, form: Record<string, unknown>): Promise<void> {
  const customFields = await getSetting('registration.customFields');
  const parsed = ZProfileFields.and(customFieldsSchema(customFields)).safeParse(form);
  if (!parsed.success) throw new AppError('INVALID_INPUT', 'Please correct the marked fields.', fieldErrorsFrom(parsed.error));
  const { fullName, company, addressLine1, addressLine2, postalCode, city, countryCode, phone } = parsed.data;
  await db
    .update(users)
    .set({
      fullName,
      company,
      addressLine1,
      addressLine2,
      postalCode,
      city,
      countryCode,
      phone,
      customFields: customFieldValues(customFields, parsed.data as Record<string, string | boolean | undefined>),
      updatedAt: new Date(),
    })
    .where(eq(users.id, actor.userId));
}
