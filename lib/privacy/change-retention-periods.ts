import 'server-only';
import { AppError } from '@/lib/errors';
import { changeSettings } from '@/lib/settings/change-settings';
import { getSetting } from '@/lib/settings/get-setting';
import { roleHasPermission } from '@/lib/staff/permissions';
import type { TStaffActor } from '@/lib/staff/require-staff';
import { editableRetentionKeys, taxRecordMinimumDays, taxRecordMinimumYears, ZRetentionDays } from './retention-settings';

/**
 * Saves the retention periods of the form (`privacy.retentionDays.<key>` = days) through
 * changeSettings, which validates the bounds and audits old and new values. Tax records may not
 * go below what the seller's country requires.
 */
export async function changeRetentionPeriods(actor: TStaffActor, form: Record<string, string>): Promise<{ changed: boolean }> {
  if (!roleHasPermission(actor.role, 'settings.manage')) throw new AppError('FORBIDDEN', 'You do not have permission to do this.');
  const fieldErrors: Record<string, string> = {};
  const periods: Record<string, number> = {};
  for (const key of editableRetentionKeys) {
    const raw = (form[`privacy.retentionDays.${key}`] ?? '').trim();
    if (!/^\d{1,6}$/.test(raw)) fieldErrors[`privacy.retentionDays.${key}`] = 'Enter a whole number of days.';
    else periods[key] = Number(raw);
  }
  if (Object.keys(fieldErrors).length > 0) throw new AppError('INVALID_INPUT', 'Please correct the marked fields.', fieldErrors);
  const bounds = ZRetentionDays.safeParse(periods);
  if (!bounds.success) {
    for (const issue of bounds.error.issues) fieldErrors[`privacy.retentionDays.${String(issue.path[0])}`] ??= issue.message;
    throw new AppError('INVALID_INPUT', 'Please correct the marked fields.', fieldErrors);
  }
  if (periods['login-ip']! > periods.activity!) {
    throw new AppError('INVALID_INPUT', 'Please correct the marked fields.', {
      'privacy.retentionDays.login-ip': `IP addresses are kept with the activity they belong to: at most as long as customers' activity (${periods.activity} days).`,
    });
  }
  const seller = await getSetting('seller.details');
  if (periods['tax-record']! < taxRecordMinimumDays(seller.countryCode)) {
    throw new AppError('INVALID_INPUT', 'Please correct the marked fields.', {
      'privacy.retentionDays.tax-record': `The law of your country (${seller.countryCode}) requires at least ${taxRecordMinimumYears(seller.countryCode)} years: ${taxRecordMinimumDays(seller.countryCode)} days or more.`,
    });
  }
  const { changed } = await changeSettings(actor, { 'privacy.retentionDays': periods });
  return { changed: changed.length > 0 };
}
