import { z } from 'zod';
import { checkVatNumber } from '@/lib/vat/vat-number';
import { defaultRetentionDays, ZRetentionDays, type TRetentionDays } from '@/lib/privacy/retention-settings';
import { defaultInactiveAccounts, ZInactiveAccounts, type TInactiveAccounts } from '@/lib/privacy/inactive-accounts-settings';
import { EMPTY_CATEGORY_SCRIPT, ZCategoryScript, type TCategoryScript } from '@/lib/cookie-consent/category-scripts';
import { DEFAULT_COOKIE_BANNER, DEFAULT_COOKIE_POLICY } from './default-cookie-texts';
import { DEFAULT_PRIVACY_POLICY } from './default-privacy-policy';

export const ZCustomField = z.object({
  id: z.string().regex(/^[a-z][a-z0-9_]{0,31}$/),
  label: z.string().trim().min(1).max(120),
  mode: z.enum(['off', 'optional', 'required']),
});
export type TCustomField = z.infer<typeof ZCustomField>;

/** Every site setting, its shape and its default. A stored value that no longer parses falls back to the default. */
export const settingDefinitions = {
  // The site name goes into mail headers: no control characters (a line break would be header injection).
  'site.name': {
    schema: z
      .string()
      .trim()
      .min(1)
      .max(80)
      .refine((value) => !/[\u0000-\u001f\u007f]/.test(value), 'The site name cannot contain line breaks or control characters.'),
    default: 'Stockroom',
  },
  'media.watermark': {
    schema: z.object({
      text: z.string().trim().min(1).max(60),
      position: z.enum(['center', 'tiled', 'bottom-right', 'bottom-left', 'top-right', 'top-left']),
      opacity: z.number().min(0.05).max(0.9),
    }),
    default: { text: 'STOCKROOM PREVIEW', position: 'tiled', opacity: 0.35 } as {
      text: string;
      position: 'center' | 'tiled' | 'bottom-right' | 'bottom-left' | 'top-right' | 'top-left';
      opacity: number;
    },
  },
  'catalog.featuredCount': { schema: z.number().int().min(0).max(48), default: 12 },
  /** Leave thumbnails (the small result-card pictures) without a watermark. Previews always carry one. */
  'media.cleanThumbnails': { schema: z.boolean(), default: false },

  /** The seller named on invoices (art. 226 VAT Directive). The country decides the domestic VAT rate. */
  'seller.details': {
    schema: z
      .object({
        name: z.string().trim().min(1).max(200),
        address: z.string().trim().max(500),
        countryCode: z.string().regex(/^[A-Z]{2}$/),
        vatNumber: z.string().trim().max(20),
      })
      // Printed on every invoice: a number that cannot be a VAT number, or is another country's, is refused here.
      .superRefine((seller, context) => {
        if (seller.vatNumber === '') return;
        const vat = checkVatNumber(seller.vatNumber);
        if (!vat.ok) context.addIssue({ code: 'custom', path: ['vatNumber'], message: 'This is not a valid EU VAT number: check the country prefix and the digits, e.g. NL853746333B01.' });
        else if (vat.countryCode !== seller.countryCode) context.addIssue({ code: 'custom', path: ['vatNumber'], message: `This VAT number belongs to ${vat.countryCode}, not to the seller's country ${seller.countryCode}.` });
      })
      // Stored as invoices print it: 'nl 8000.00006 b01' becomes 'NL800000006B01'.
      .transform((seller) => {
        const vat = seller.vatNumber === '' ? null : checkVatNumber(seller.vatNumber);
        return vat?.ok ? { ...seller, vatNumber: vat.normalized } : seller;
      }),
    default: { name: 'Stockroom', address: '', countryCode: 'NL', vatNumber: '' } as { name: string; address: string; countryCode: string; vatNumber: string },
  },
  /** The seller declares EU-wide distance sales under EUR 10,000 a year: consumers elsewhere in the EU pay the seller's rate. */
  'vat.underOssThreshold': { schema: z.boolean(), default: false },
  'invoices.paymentTermDays': { schema: z.number().int().min(0).max(120), default: 14 },
  /** How long a lightbox or image share link works. */
  'shares.expiryDays': { schema: z.number().int().min(1).max(365), default: 30 },
  /** How long a signed link to a purchased file works. */
  'downloads.linkMinutes': { schema: z.number().int().min(1).max(24 * 60), default: 15 },
  /** How long a ZIP of an order's files (and its link) lasts once it is ready; then the daily job removes it. */
  'downloads.bundleDays': { schema: z.number().int().min(1).max(30), default: 7 },
  /** How long a "Download my data" export lasts once it is ready; then the daily job removes it with its file. */
  'privacy.exportDays': { schema: z.number().int().min(1).max(30), default: 7 },
  /** Days between confirming "Delete my account" and the erasure; the mailed link cancels it until then. 0: erased at once. */
  'privacy.erasureCoolingOffDays': { schema: z.number().int().min(0).max(30), default: 7 },
  /** Where to report a vulnerability (/.well-known/security.txt). Null: security@ the host of APP_URL. */
  'security.contactEmail': { schema: z.email().max(254).nullable(), default: null as string | null },

  /** Which staff roles must sign in with a time-based code; an account of such a role has no staff rights until enrolled. */
  'security.totpRoles': {
    schema: z.array(z.enum(['superadmin', 'admin', 'privacy_officer', 'sales', 'catalog'])).max(5),
    default: ['superadmin', 'admin', 'privacy_officer'] as Array<'superadmin' | 'admin' | 'privacy_officer' | 'sales' | 'catalog'>,
  },
  /** Failures from one address (IPv6 by /64) within the window that block it for blockMinutes. */
  'security.ipBlock': {
    schema: z.object({ failures: z.number().int().min(5).max(1000), windowMinutes: z.number().int().min(1).max(24 * 60), blockMinutes: z.number().int().min(1).max(30 * 24 * 60) }),
    default: { failures: 30, windowMinutes: 15, blockMinutes: 60 },
  },
  /** Wrong PINs or codes on one staff account within the alert window that send a security e-mail. */
  'security.factorFailureAlert': {
    schema: z.object({ failures: z.number().int().min(2).max(100), windowMinutes: z.number().int().min(1).max(24 * 60) }),
    default: { failures: 5, windowMinutes: 15 },
  },
  /** At most one security e-mail of a kind (and about one address or account) per cooldown. */
  'security.mailCooldownMinutes': { schema: z.number().int().min(1).max(24 * 60), default: 60 },
  'staff.idleTimeoutMinutes': { schema: z.number().int().min(5).max(120), default: 15 },
  'staff.sessionHours': { schema: z.number().int().min(1).max(24), default: 8 },

  /** GDPR art. 8: member states set the age of digital consent between 13 and 16. */
  'accounts.consentAge': { schema: z.number().int().min(13).max(16), default: 16 },
  'accounts.idleTimeoutMinutes': { schema: z.number().int().min(5).max(24 * 60), default: 30 },
  'accounts.rememberDays': { schema: z.number().int().min(1).max(365), default: 30 },
  'registration.customFields': {
    // Answers are stored under the field's id, so two questions cannot share one.
    schema: z
      .array(ZCustomField)
      .max(10)
      .superRefine((fields, context) => {
        fields.forEach((field, index) => {
          if (fields.findIndex((other) => other.id === field.id) !== index) {
            context.addIssue({ code: 'custom', path: [index, 'id'], message: 'Another question already has this id.' });
          }
        });
      }),
    default: [] as TCustomField[],
  },
  'texts.whatWeStore': {
    schema: z.string().trim().min(1).max(4000),
    default:
      'We store your name, e-mail address and password (encrypted beyond recovery), and any company, address or phone number you choose to give, to run your account and your orders. ' +
      'While you use the site we record your searches, the previews you open, the comps you download and your sign-ins (time, IP address, browser, country), kept for {retention:activity} (the IP address {retention:login-ip}), so that you can see them in My Account and to protect your account. ' +
      'Every attempt to sign in to your account (time, IP address, browser and whether it succeeded) is kept for {retention:access-log} for security, and you can see it in My Account. ' +
      'When you order, we keep your billing details, the licences you bought and your invoices for {retention:tax-record}, as tax law requires. ' +
      'You can see everything we hold about you in My Account, download a copy of it and delete your account at any time. We never sell your data.',
  },
  'texts.privacyPolicy': {
    schema: z.string().trim().min(1).max(50_000),
    default: DEFAULT_PRIVACY_POLICY,
  },
  'texts.ageConfirmation': {
    schema: z.string().trim().min(1).max(500),
    default: 'I am {age} years or older.',
  },
  'texts.parentalConsent': {
    schema: z.string().trim().min(1).max(500),
    default: 'I am between 13 and {age} years old, and a parent or guardian has agreed that I may create this account.',
  },
  'texts.licenceTerms': {
    schema: z.string().trim().min(1).max(20_000),
    default:
      'Royalty-free licence. You may use each licensed image, at the size bought, without limit of time or territory, in any number of projects of your own or of your clients, in print and online. You may not resell or give away the image file itself, offer it as a stock image, use it in a trademark or logo, or show people in it in a sensitive context without a model release that covers it. The copyright stays with the photographer; credit as shown with the image where customary.',
  },
  'texts.marketingOptIn': {
    schema: z.string().trim().min(1).max(500),
    default: 'Send me occasional e-mails about new collections and offers. I can unsubscribe with one click at any time.',
  },
  /** The retention periods the site owner chooses (lib/privacy/retention-settings.ts); the jobs and the texts read them. */
  'privacy.retentionDays': { schema: ZRetentionDays, default: defaultRetentionDays as TRetentionDays },
  /**
   * GDPR art. 8: a controller must make reasonable efforts to verify a parent's consent. When on, an
   * account registered with the parental statement cannot sign in until a privacy officer records the
   * parent's or guardian's confirmation on the privacy desk.
   */
  'accounts.requireParentalConfirmation': { schema: z.boolean(), default: false },
  /** Privacy officers are mailed about requests due within this many days (and about overdue ones). */
  'privacy.reminderDays': { schema: z.number().int().min(1).max(28), default: 7 },
  /** Erase customer accounts inactive this many months, after a warning mailed warnDays before; off (null) by default. */
  'privacy.inactiveAccounts': { schema: ZInactiveAccounts, default: defaultInactiveAccounts as TInactiveAccounts },
  /** The cookie banner's text (Markdown); its hash is recorded with every cookie choice, and a new version asks again. */
  'texts.cookieBanner': { schema: z.string().trim().min(1).max(2000), default: DEFAULT_COOKIE_BANNER },
  /** The cookie policy at /cookies (Markdown); a new version asks every visitor again. */
  'texts.cookiePolicy': { schema: z.string().trim().min(1).max(50_000), default: DEFAULT_COOKIE_POLICY },
  /**
   * Scripts the site owner adds per optional cookie category, loaded only after consent to it. With
   * none configured the shop sets necessary cookies only and shows no banner.
   */
  'cookies.preferencesScript': { schema: ZCategoryScript, default: EMPTY_CATEGORY_SCRIPT as TCategoryScript },
  'cookies.statisticsScript': { schema: ZCategoryScript, default: EMPTY_CATEGORY_SCRIPT as TCategoryScript },
  'cookies.marketingScript': { schema: ZCategoryScript, default: EMPTY_CATEGORY_SCRIPT as TCategoryScript },
} as const;

export type TSettingKey = keyof typeof settingDefinitions;
export type TSettingValue<K extends TSettingKey> = z.output<(typeof settingDefinitions)[K]['schema']>;
