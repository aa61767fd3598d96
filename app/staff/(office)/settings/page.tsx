import type { Metadata } from 'next';
import { PageHeader } from '@/app/account/_components/page-header';
import { getSetting } from '@/lib/settings/get-setting';
import { settingLabels } from '@/lib/settings/setting-labels';
import { requireStaff } from '@/lib/staff/require-staff';
import { listVatRates } from '@/lib/vat/list-vat-rates';
import { SettingForm, SettingSection } from '../_components/setting-form';
import { saveSettingsAction } from './actions';

export const metadata: Metadata = { title: 'Settings' };

const POSITIONS = [
  { value: 'tiled', label: 'Tiled across the image' },
  { value: 'center', label: 'Centre' },
  { value: 'top-left', label: 'Top left' },
  { value: 'top-right', label: 'Top right' },
  { value: 'bottom-left', label: 'Bottom left' },
  { value: 'bottom-right', label: 'Bottom right' },
];

const THUMBNAIL_CHOICES = [
  { value: 'false', label: 'With the watermark' },
  { value: 'true', label: 'Without watermark' },
];

const MODES = [
  { value: 'optional', label: 'Optional' },
  { value: 'required', label: 'Required' },
  { value: 'off', label: 'Off (not asked)' },
];

const YES_NO = [
  { value: 'false', label: 'No: consumers elsewhere in the EU pay their own country\'s rate (OSS)' },
  { value: 'true', label: 'Yes: under EUR 10,000 a year, consumers everywhere in the EU pay our rate' },
];

const PARENTAL_CHOICES = [
  { value: 'false', label: 'No: the registration statement is enough' },
  { value: 'true', label: 'Yes: a privacy officer records the parent’s confirmation first' },
];

export default async function SettingsPage() {
  const actor = await requireStaff('settings.manage', '/staff/settings');
  // Read now, from the database: what the shop uses at this moment.
  const [siteName, featuredCount, consentAge, idleMinutes, rememberDays, questions, watermark, seller, underThreshold, paymentTermDays, shareDays, downloadMinutes, vatCountries, cleanThumbnails, bundleDays, exportDays, coolingOffDays, requireParentalConfirmation, reminderDays] = await Promise.all([
    getSetting('site.name'),
    getSetting('catalog.featuredCount'),
    getSetting('accounts.consentAge'),
    getSetting('accounts.idleTimeoutMinutes'),
    getSetting('accounts.rememberDays'),
    getSetting('registration.customFields'),
    getSetting('media.watermark'),
    getSetting('seller.details'),
    getSetting('vat.underOssThreshold'),
    getSetting('invoices.paymentTermDays'),
    getSetting('shares.expiryDays'),
    getSetting('downloads.linkMinutes'),
    listVatRates(actor),
    getSetting('media.cleanThumbnails'),
    getSetting('downloads.bundleDays'),
    getSetting('privacy.exportDays'),
    getSetting('privacy.erasureCoolingOffDays'),
    getSetting('accounts.requireParentalConfirmation'),
    getSetting('privacy.reminderDays'),
  ]);
  const countries = vatCountries.map((country) => ({ value: country.countryCode, label: country.countryName }));
  // A country the table does not list (set outside this page) stays choosable, so saving keeps it.
  if (!countries.some((country) => country.value === seller.countryCode)) countries.unshift({ value: seller.countryCode, label: seller.countryCode });

  return (
    <div className="space-y-8">
      <PageHeader title="Settings">How the shop presents itself and what it asks of customers. A change applies from the next request on and is recorded in the audit trail with the old and the new value.</PageHeader>

      <SettingSection id="general" title="Shop">
        <SettingForm
          action={saveSettingsAction}
          submitLabel="Save shop settings"
          fields={[
            { kind: 'text', name: 'site.name', label: settingLabels['site.name'], hint: 'Used in e-mails and as the issuer name in staff authenticator apps. At most 80 characters.', value: siteName },
            { kind: 'text', name: 'catalog.featuredCount', label: settingLabels['catalog.featuredCount'], hint: 'The newest images on the home page: from 0 (the section is left out) to 48.', value: String(featuredCount), numeric: true, className: 'max-w-xs' },
          ]}
        />
      </SettingSection>

      <SettingSection id="seller" title="Seller on invoices" description="Your business as every invoice and credit note names it (EU VAT Directive, art. 226). The country decides your own VAT rate. Invoices already issued keep the details they were issued with.">
        <SettingForm
          action={saveSettingsAction}
          submitLabel="Save seller details"
          fields={[
            { kind: 'text', name: 'seller.details.name', label: 'Business name', hint: 'At most 200 characters.', value: seller.name },
            { kind: 'textarea', name: 'seller.details.address', label: 'Address', hint: 'Street, postcode and town, as printed on invoices. At most 500 characters.', value: seller.address },
            { kind: 'select', name: 'seller.details.countryCode', label: 'Country', value: seller.countryCode, options: countries },
            { kind: 'text', name: 'seller.details.vatNumber', label: 'VAT number', hint: 'With its country prefix, e.g. NL853746333B01. Checked for the right form and check digits of its country.', value: seller.vatNumber, optional: true, className: 'max-w-sm' },
          ]}
        />
      </SettingSection>

      <SettingSection id="invoicing" title="VAT and invoices">
        <SettingForm
          action={saveSettingsAction}
          submitLabel="Save VAT and invoice settings"
          fields={[
            {
              kind: 'select',
              name: 'vat.underOssThreshold',
              label: settingLabels['vat.underOssThreshold'],
              hint: 'Declare this only while your sales to consumers in other EU countries stay under EUR 10,000 a year in total. The rates are on the VAT rates page.',
              value: String(underThreshold),
              options: YES_NO,
            },
            { kind: 'text', name: 'invoices.paymentTermDays', label: settingLabels['invoices.paymentTermDays'], hint: 'Days from the invoice date to its due date: from 0 to 120.', value: String(paymentTermDays), numeric: true, className: 'max-w-xs' },
          ]}
        />
      </SettingSection>

      <SettingSection id="links" title="Links sent to customers">
        <SettingForm
          action={saveSettingsAction}
          submitLabel="Save link lifetimes"
          fields={[
            { kind: 'text', name: 'shares.expiryDays', label: settingLabels['shares.expiryDays'], hint: 'How long a shared lightbox or image link works: from 1 to 365 days. Links already sent keep their expiry.', value: String(shareDays), numeric: true, className: 'max-w-xs' },
            { kind: 'text', name: 'downloads.linkMinutes', label: settingLabels['downloads.linkMinutes'], hint: 'How long a link to a purchased file works: from 1 to 1440 minutes.', value: String(downloadMinutes), numeric: true, className: 'max-w-xs' },
            { kind: 'text', name: 'downloads.bundleDays', label: settingLabels['downloads.bundleDays'], hint: 'How long a ZIP of all files of an order can be downloaded once it is ready: from 1 to 30 days. Then the file is deleted; the buyer can ask for a new one. In texts: {days:downloads.bundleDays}.', value: String(bundleDays), numeric: true, className: 'max-w-xs' },
            { kind: 'text', name: 'privacy.exportDays', label: settingLabels['privacy.exportDays'], hint: 'How long a "Download my data" export can be downloaded once it is ready: from 1 to 30 days. Then the encrypted file is deleted; the person can ask for a new one. In texts: {days:privacy.exportDays}.', value: String(exportDays), numeric: true, className: 'max-w-xs' },
            { kind: 'text', name: 'privacy.erasureCoolingOffDays', label: settingLabels['privacy.erasureCoolingOffDays'], hint: 'After a customer confirms "Delete my account", the account is locked for this many days and the link in their mail cancels the deletion; then it is erased. From 0 (erased at once) to 30. In texts: {erasure-cooling-off}.', value: String(coolingOffDays), numeric: true, className: 'max-w-xs' },
            { kind: 'text', name: 'privacy.reminderDays', label: settingLabels['privacy.reminderDays'], hint: 'Each day, privacy officers get one e-mail about data-protection requests due within this many days and about overdue ones: from 1 to 28.', value: String(reminderDays), numeric: true, className: 'max-w-xs' },
          ]}
        />
      </SettingSection>

      <SettingSection id="accounts" title="Customer accounts">
        <SettingForm
          action={saveSettingsAction}
          submitLabel="Save account settings"
          fields={[
            {
              kind: 'text',
              name: 'accounts.consentAge',
              label: settingLabels['accounts.consentAge'],
              hint: 'From 13 to 16, as your country sets it (GDPR art. 8). Registration asks younger customers to confirm a parent agreed.',
              value: String(consentAge),
              numeric: true,
              className: 'max-w-xs',
            },
            { kind: 'text', name: 'accounts.idleTimeoutMinutes', label: 'Customer idle timeout (minutes)', hint: 'A customer who does nothing for this long is signed out. From 5 to 1440.', value: String(idleMinutes), numeric: true, className: 'max-w-xs' },
            { kind: 'text', name: 'accounts.rememberDays', label: 'Remember me (days)', hint: 'How long "Keep me signed in" lasts. From 1 to 365.', value: String(rememberDays), numeric: true, className: 'max-w-xs' },
            {
              kind: 'select',
              name: 'accounts.requireParentalConfirmation',
              label: settingLabels['accounts.requireParentalConfirmation'],
              hint: 'When Yes, an account registered with the statement that a parent agreed cannot sign in until a privacy officer records the parent’s or guardian’s confirmation on the privacy desk.',
              value: String(requireParentalConfirmation),
              options: PARENTAL_CHOICES,
            },
          ]}
        />
      </SettingSection>

      <SettingSection id="registration" title="Registration questions">
        <SettingForm
          action={saveSettingsAction}
          submitLabel="Save questions"
          fields={[
            {
              kind: 'questions',
              name: 'registration.customFields',
              legend: 'Questions asked at registration and in My Account',
              hint: 'At most 10. The id names the answer in exports and cannot be changed once saved (lower-case letters, digits and _). To stop asking a question, set it to Off: answers already given are kept.',
              rows: questions,
              modes: MODES,
              max: 10,
            },
          ]}
        />
      </SettingSection>

      <SettingSection id="watermark" title="Preview watermark" description="Drawn on every preview, comp and (unless you leave them clean) thumbnail; originals and licensed downloads are never watermarked. After a change, the previews and thumbnails already made are rendered again in the background, a few per second; until then some show the previous watermark.">
        <SettingForm
          action={saveSettingsAction}
          submitLabel="Save watermark"
          fields={[
            { kind: 'text', name: 'media.watermark.text', label: 'Watermark text', hint: 'At most 60 characters.', value: watermark.text },
            { kind: 'select', name: 'media.watermark.position', label: 'Position', value: watermark.position, options: POSITIONS },
            { kind: 'text', name: 'media.watermark.opacity', label: 'Opacity', hint: 'From 0.05 (faint) to 0.9 (strong), e.g. 0.35.', value: String(watermark.opacity), className: 'max-w-xs' },
            {
              kind: 'select',
              name: 'media.cleanThumbnails',
              label: 'Thumbnails',
              hint: 'The 400 px pictures on search results and the home page. Anyone can fetch them, so they carry the watermark unless you choose otherwise.',
              value: String(cleanThumbnails),
              options: THUMBNAIL_CHOICES,
            },
          ]}
        />
      </SettingSection>
    </div>
  );
}
