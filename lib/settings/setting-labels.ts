import type { TPermission } from '@/lib/staff/permissions';
import type { TSettingKey } from './definitions';

/** How a setting is named on the back-office pages and in security e-mails. */
export const settingLabels: Record<TSettingKey, string> = {
  'site.name': 'Site name',
  'media.watermark': 'Preview watermark',
  'catalog.featuredCount': 'Featured images on the home page',
  'security.contactEmail': 'Security address',
  'security.totpRoles': 'Roles that need an authenticator',
  'security.ipBlock': 'Blocking an address after failed sign-ins',
  'security.factorFailureAlert': 'Alert after wrong PINs or codes',
  'security.mailCooldownMinutes': 'Security e-mail cooldown',
  'staff.idleTimeoutMinutes': 'Staff idle timeout',
  'staff.sessionHours': 'Staff session length',
  'accounts.consentAge': 'Age of digital consent',
  'accounts.idleTimeoutMinutes': 'Customer idle timeout',
  'accounts.rememberDays': 'Customer "remember me" days',
  'registration.customFields': 'Registration questions',
  'texts.whatWeStore': 'Text: what we store',
  'texts.privacyPolicy': 'Text: privacy policy',
  'texts.ageConfirmation': 'Text: age confirmation',
  'texts.parentalConsent': 'Text: parental consent',
  'texts.marketingOptIn': 'Text: marketing opt-in',
  'texts.licenceTerms': 'Text: licence terms',
  'media.cleanThumbnails': 'Thumbnails without watermark',
  'seller.details': 'Seller on invoices',
  'vat.underOssThreshold': 'Under the EU distance-sales threshold',
  'invoices.paymentTermDays': 'Invoice payment term (days)',
  'shares.expiryDays': 'Share links last (days)',
  'downloads.linkMinutes': 'Download links last (minutes)',
  'downloads.bundleDays': 'ZIP downloads last (days)',
  'privacy.exportDays': 'Data exports last (days)',
  'privacy.erasureCoolingOffDays': 'Cooling-off before an account is erased (days)',
  'privacy.retentionDays': 'Retention periods (days)',
  'accounts.requireParentalConfirmation': "Parent's confirmation before a parental account can sign in",
  'privacy.reminderDays': 'Remind privacy officers of requests due within (days)',
  'privacy.inactiveAccounts': 'Erase customer accounts inactive for (months), warning (days) before',
  'texts.cookieBanner': 'Text: cookie banner',
  'texts.cookiePolicy': 'Text: cookie policy',
  'cookies.preferencesScript': 'Cookie script: preferences',
  'cookies.statisticsScript': 'Cookie script: statistics',
  'cookies.marketingScript': 'Cookie script: marketing',
};

/** The security policy (security.*, staff.*) needs security.manage; every other setting settings.manage. */
export const isSecurityPolicySetting = (key: TSettingKey) => key.startsWith('security.') || key.startsWith('staff.');

export const settingPermission = (key: TSettingKey): TPermission => (isSecurityPolicySetting(key) ? 'security.manage' : 'settings.manage');
