import type { z } from 'zod';
import { accountActivation } from './account-activation';
import { invoiceIssued } from './invoice-issued';
import { invoiceReminder } from './invoice-reminder';
import { emailChanged, emailChangeConfirm, emailChangeRequested } from './email-change';
import { orderApproved, orderCancelled, orderDelivered, orderPaymentReceived, orderRejected } from './order-status';
import { orderReceived } from './order-received';
import { passwordChanged } from './password-changed';
import { imageShared, lightboxShared } from './shared';
import { passwordReset } from './password-reset';
import { registrationAttemptExisting } from './registration-attempt-existing';
import { staffFactorsChanged } from './staff-factors-changed';
import { staffInvitation } from './staff-invitation';
import { securityFactorFailures, securityFactorsReset, securityIpBlocked, securitySettingChanged, securityStaffNewAddress } from './security-alert';
import { downloadBundleReady } from './download-bundle-ready';
import { dataExportReady } from './data-export-ready';
import { erasureConfirm, erasureReceipt } from './account-erasure';
import { privacyRequestClosed, privacyRequestExtended, privacyRequestIdentity, privacyRequestsDue, privacyRestriction } from './privacy-requests';
import { marketingNewsletter } from './marketing-newsletter';
import { inactiveAccountWarning } from './inactive-account';
import type { TEmailContext, TRenderedEmail } from './types';

export type { TEmailContext, TRenderedEmail } from './types';

/** Every message the site sends, by the name stored in mail_outbox.template. */
export const emailTemplates = {
  'account-activation': accountActivation,
  'registration-attempt-existing': registrationAttemptExisting,
  'password-reset': passwordReset,
  'password-changed': passwordChanged,
  // Staff accounts (lib/staff/accounts, lib/staff/self).
  'staff-invitation': staffInvitation,
  'staff-factors-changed': staffFactorsChanged,
  // A login e-mail change started by staff (lib/customers/request-email-change.ts).
  'email-change-confirm': emailChangeConfirm,
  'email-change-requested': emailChangeRequested,
  'email-changed': emailChanged,
  // Security messages go to the site's security address (lib/security/security-mail.ts).
  'security-ip-blocked': securityIpBlocked,
  'security-staff-new-address': securityStaffNewAddress,
  'security-factor-failures': securityFactorFailures,
  'security-factors-reset': securityFactorsReset,
  'security-setting-changed': securitySettingChanged,
  // Order changes made by staff at the order desk (lib/orders).
  'order-approved': orderApproved,
  'order-rejected': orderRejected,
  'order-payment-received': orderPaymentReceived,
  'order-delivered': orderDelivered,
  'order-cancelled': orderCancelled,
  // A customer's lightbox or image sent to someone (lib/lightboxes/share-by-mail.ts).
  'lightbox-shared': lightboxShared,
  'image-shared': imageShared,
  // Orders (lib/orders).
  'order-received': orderReceived,
  // Invoices (lib/invoices): issued, and the daily overdue reminders.
  'invoice-issued': invoiceIssued,
  'invoice-reminder': invoiceReminder,
  // The ZIP of an order's purchased files is ready (lib/downloads/build-bundle.ts).
  'download-bundle-ready': downloadBundleReady,
  // A "Download my data" export is ready in My data (lib/privacy/build-data-export.ts).
  'data-export-ready': dataExportReady,
  // "Delete my account": the confirmation link, and the receipt sent as the account is erased (lib/privacy).
  'erasure-confirm': erasureConfirm,
  'erasure-receipt': erasureReceipt,
  // The privacy request desk (lib/privacy/requests): the person's identity link, extension, answer and restriction notices; the officers' reminder.
  'privacy-request-identity': privacyRequestIdentity,
  'privacy-request-extended': privacyRequestExtended,
  'privacy-request-closed': privacyRequestClosed,
  'privacy-restriction': privacyRestriction,
  'privacy-requests-due': privacyRequestsDue,
  // A newsletter to customers whose marketing consent is in force (lib/marketing/send-campaign.ts).
  'marketing-newsletter': marketingNewsletter,
  // The inactive-accounts rule warns before it erases an account (lib/privacy/erase-inactive-accounts.ts).
  'inactive-account-warning': inactiveAccountWarning,
} as const;

export type TEmailTemplateName = keyof typeof emailTemplates;
export type TEmailData<N extends TEmailTemplateName> = z.input<(typeof emailTemplates)[N]['schema']>;

export const emailTemplateNames = Object.keys(emailTemplates) as TEmailTemplateName[];

/** Checks the data against the template's schema (throws ZodError) and renders the message. */
export function renderEmail<N extends TEmailTemplateName>(name: N, data: TEmailData<N>, context: TEmailContext): TRenderedEmail {
  const template = emailTemplates[name];
  const parsed = template.schema.parse(data);
  return (template.render as (data: unknown, context: TEmailContext) => TRenderedEmail)(parsed, context);
}
