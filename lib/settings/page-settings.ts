import type { TSettingKey } from './definitions';

/** What /staff/settings changes (settings.manage). The texts have their own page. */
export const SITE_SETTING_KEYS = [
  'site.name',
  'catalog.featuredCount',
  'accounts.consentAge',
  'accounts.idleTimeoutMinutes',
  'accounts.rememberDays',
  'registration.customFields',
  'media.watermark',
  'seller.details',
  'vat.underOssThreshold',
  'invoices.paymentTermDays',
  'shares.expiryDays',
  'downloads.linkMinutes',
  'media.cleanThumbnails',
  'downloads.bundleDays',
  'privacy.exportDays',
  'privacy.erasureCoolingOffDays',
  'accounts.requireParentalConfirmation',
  'privacy.reminderDays',
] as const satisfies readonly TSettingKey[];

/** What /staff/security-policy changes (security.manage); the allowlists have their own use cases. */
export const SECURITY_POLICY_KEYS = [
  'security.totpRoles',
  'security.ipBlock',
  'security.factorFailureAlert',
  'security.mailCooldownMinutes',
  'staff.idleTimeoutMinutes',
  'staff.sessionHours',
  'security.contactEmail',
] as const satisfies readonly TSettingKey[];
