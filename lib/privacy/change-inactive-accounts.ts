import 'server-only';
import { AppError } from '@/lib/errors';
import { changeSettings } from '@/lib/settings/change-settings';
import { roleHasPermission } from '@/lib/staff/permissions';
import type { TStaffActor } from '@/lib/staff/require-staff';
import { ZInactiveAccounts } from './inactive-accounts-settings';

const FIELDS = { months: 'privacy.inactiveAccounts.months', warnDays: 'privacy.inactiveAccounts.warnDays' } as const;

/**
 * Saves the inactive-accounts rule from the retention page: an empty months field switches it off,
 * an empty warning field erases without a warning mail. changeSettings audits old and new values.
 */
export async function changeInactiveAccounts(actor: TStaffActor, form: Record<string, string>): Promise<{ changed: boolean }> {
  if (!roleHasPermission(actor.role, 'settings.manage')) throw new AppError('FORBIDDEN', 'You do not have permission to do this.');
  const fieldErrors: Record<string, string> = {};
  const values: Record<string, number | null> = {};
  for (const [key, field] of Object.entries(FIELDS)) {
    const raw = (form[field] ?? '').trim();
    if (raw === '') values[key] = null;
    else if (!/^\d{1,4}$/.test(raw)) fieldErrors[field] = key === 'months' ? 'Enter a whole number of months, or leave it empty.' : 'Enter a whole number of days, or leave it empty.';
    else values[key] = Number(raw);
  }
  if (Object.keys(fieldErrors).length > 0) throw new AppError('INVALID_INPUT', 'Please correct the marked fields.', fieldErrors);
  const parsed = ZInactiveAccounts.safeParse(values);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) fieldErrors[FIELDS[issue.path[0] as keyof typeof FIELDS]] ??= issue.message;
    throw new AppError('INVALID_INPUT', 'Please correct the marked fields.', fieldErrors);
  }
  // The longest warning (90 days) is shorter than the shortest period (6 months): it always comes first.
  const { changed } = await changeSettings(actor, { 'privacy.inactiveAccounts': parsed.data });
  return { changed: changed.length > 0 };
}
