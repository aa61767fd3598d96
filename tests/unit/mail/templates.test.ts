import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { emailTemplateNames, renderEmail, type TEmailData, type TEmailTemplateName } from '@/emails';
import { escapeHtml, html, toHtmlString } from '@/emails/html';

const context = { siteName: 'Stockroom', siteUrl: 'https://stockroom.example' };
const EVIL = `<script>alert("x")</script> & 'quotes'`;
const EVIL_LINK = `https://stockroom.example/t?x="><script>alert(1)</script>`;

type TCustomerTemplateName = Exclude<TEmailTemplateName, `security-${string}` | `${string}-shared`>;
type TSecurityTemplateName = Extract<TEmailTemplateName, `security-${string}`>;
type TShareTemplateName = Extract<TEmailTemplateName, `${string}-shared`>;

/** Messages to a customer, greeting them by name; the security messages to the shop and shares to third parties are tested below. */
const customerTemplateNames = emailTemplateNames.filter((name): name is TCustomerTemplateName => !name.startsWith('security-') && !name.endsWith('-shared'));
const shareTemplateNames = emailTemplateNames.filter((name): name is TShareTemplateName => name.endsWith('-shared'));
const securityTemplateNames = emailTemplateNames.filter((name): name is TSecurityTemplateName => name.startsWith('security-'));

const samples: { [N in TCustomerTemplateName]: TEmailData<N> } = {
  'account-activation': { name: 'Anna', activationUrl: 'https://stockroom.example/activate/abc' },
  'registration-attempt-existing': {
    name: 'Anna',
    loginUrl: 'https://stockroom.example/login',
    passwordResetUrl: 'https://stockroom.example/reset-password',
  },
  'password-reset': { name: 'Anna', resetUrl: 'https://stockroom.example/reset-password/xyz' },
  'password-changed': { name: 'Anna', changedAt: new Date('2026-11-23T14:05:00Z'), passwordResetUrl: 'https://stockroom.example/reset-password' },
  'staff-invitation': { name: 'Anna', roleLabel: 'Sales', invitationUrl: 'https://stockroom.example/staff/invitation/abc' },
  'staff-factors-changed': { name: 'Anna', change: 'authenticator-reset', changedAt: new Date('2026-11-23T14:05:00Z'), signInUrl: 'https://stockroom.example/staff/login' },
  'email-change-confirm': { name: 'Anna', newEmail: 'anna.new@example.com', confirmUrl: 'https://stockroom.example/confirm-email/abc' },
  'email-change-requested': { name: 'Anna', newEmail: 'anna.new@example.com', accountUrl: 'https://stockroom.example/account' },
  'email-changed': { name: 'Anna', newEmail: 'anna.new@example.com', changedAt: new Date('2026-11-23T14:05:00Z'), loginUrl: 'https://stockroom.example/login' },
  'order-approved': { name: 'Anna', orderNumber: 1001, ordersUrl: 'https://stockroom.example/account/orders', invoiceNumber: '2026-000001', total: '€47.19', dueDate: '2026-12-16', mayPayLater: false },
  'order-rejected': { name: 'Anna', orderNumber: 1001, ordersUrl: 'https://stockroom.example/account/orders', reason: 'The licence is not available for this use.' },
  'order-payment-received': { name: 'Anna', orderNumber: 1001, ordersUrl: 'https://stockroom.example/account/orders', invoiceNumber: '2026-000001', amount: '€20.00', outstanding: '€27.19', paidInFull: false },
  'order-delivered': { name: 'Anna', orderNumber: 1001, ordersUrl: 'https://stockroom.example/account/orders' },
  'order-cancelled': { name: 'Anna', orderNumber: 1001, ordersUrl: 'https://stockroom.example/account/orders', reason: 'Ordered twice.', invoiceNumber: '2026-000001', creditNoteNumber: 'CN-2026-000001', paymentsReceived: null },
  'order-received': {
    name: 'Anna',
    orderNumber: 1001,
    approved: false,
    lines: [{ description: 'Harbour at dawn, size M, 1600 × 1067 px', amount: '€39.00' }],
    netTotal: '€39.00',
    vatTotal: '€8.19',
    vatLabel: 'VAT 21%',
    grossTotal: '€47.19',
    vatNote: null,
    paymentInstructions: 'You pay after we approve your order.',
    orderUrl: 'https://stockroom.example/account/orders/abc',
  },
  'invoice-issued': { name: 'Anna', kind: 'invoice', number: '2026-000123', total: '€47.19', dueDate: new Date('2026-12-07T00:00:00Z'), creditedNumber: null, invoiceUrl: 'https://stockroom.example/account/invoices/abc' },
  'invoice-reminder': { name: 'Anna', level: 1, number: '2026-000123', amountDue: '€47.19', dueDate: new Date('2026-12-07T00:00:00Z'), invoiceUrl: 'https://stockroom.example/account/invoices/abc' },
  'download-bundle-ready': { name: 'Anna', orderNumber: 1001, fileCount: 2, expiresAt: new Date('2026-12-09T14:05:00Z'), bundleUrl: 'https://stockroom.example/account/downloads/bundle/abc' },
  'data-export-ready': { name: 'Anna', expiresAt: new Date('2026-12-09T14:05:00Z'), myDataUrl: 'https://stockroom.example/account/data' },
  'erasure-confirm': { name: 'Anna', confirmUrl: 'https://stockroom.example/delete-account/abc', coolingOffDays: 7, linkExpiresAt: new Date('2026-12-04T14:05:00Z') },
  'erasure-receipt': {
    name: 'Anna',
    erasedAt: new Date('2026-12-09T14:05:00Z'),
    erased: [{ what: 'Searches and previews', detail: '12 records, deleted' }],
    kept: [{ what: 'Issued invoices: Buyer name', detail: 'Required by law. Kept: 10 years after issue.' }],
    privacyUrl: 'https://stockroom.example/privacy',
  },
  'privacy-request-identity': { name: 'Anna', what: 'a copy of your data', receivedAt: new Date('2026-11-20T09:00:00Z'), verifyUrl: 'https://stockroom.example/privacy/requests/verify/abc', expiresAt: new Date('2026-11-27T09:00:00Z') },
  'privacy-request-extended': { name: 'Anna', what: 'a copy of your data', receivedAt: new Date('2026-11-20T09:00:00Z'), dueAt: new Date('2027-02-20T09:00:00Z'), reason: 'Your request covers ten years of orders.', privacyPolicyUrl: 'https://stockroom.example/privacy' },
  'privacy-request-closed': { name: 'Anna', what: 'a copy of your data', receivedAt: new Date('2026-11-20T09:00:00Z'), refused: true, outcome: 'We hold no data about this address.', privacyPolicyUrl: 'https://stockroom.example/privacy' },
  'privacy-restriction': { name: 'Anna', lifted: false, privacyPolicyUrl: 'https://stockroom.example/privacy' },
  'privacy-requests-due': { name: 'Anna', requests: [{ reference: 'a1b2c3d4', kind: 'Access', dueAt: new Date('2026-12-20T09:00:00Z'), overdue: true }], deskUrl: 'https://stockroom.example/staff/privacy-requests' },
  'marketing-newsletter': { name: 'Anna', subject: 'Winter collection', body: 'Snow and harbours.\n\nNew this week.', unsubscribeUrl: 'https://stockroom.example/unsubscribe/abc.def' },
  'inactive-account-warning': {
    name: 'Anna',
    lastActiveOn: new Date('2025-01-10T09:00:00Z'),
    eraseOn: new Date('2027-01-10T09:00:00Z'),
    signInUrl: 'https://stockroom.example/login',
    privacyUrl: 'https://stockroom.example/privacy',
  },
};

/** Fields that choose among fixed texts (an enum), not text shown as given: they keep their sample value. */
const CHOICE_FIELDS = new Set(['change', 'kind']);

/** The sample with every text field replaced by `text` and every link by `link`. */
function poisoned<N extends TCustomerTemplateName>(name: N, text: string, link: string): TEmailData<N> {
  const entries = Object.entries(samples[name]).map(([key, value]) => [key, typeof value === 'string' && !CHOICE_FIELDS.has(key) ? (key.endsWith('Url') ? link : text) : value]);
  return Object.fromEntries(entries) as TEmailData<N>;
}

describe('e-mail templates', () => {
  it.each(customerTemplateNames)('%s renders a subject, an HTML part and a text part in the shared layout', (name) => {
    const email = renderEmail(name, samples[name], context);
    expect(email.subject).toContain('Stockroom');
    expect(email.html.startsWith('<!doctype html>')).toBe(true);
    expect(email.html).toContain('Hello Anna,');
    expect(email.html).toContain('https://stockroom.example'); // layout footer
    expect(email.text).toMatch(/^Stockroom\n=+\n/);
    expect(email.text).toContain('Hello Anna,');
    expect(email.text).toContain('replies are not read');
    for (const [key, value] of Object.entries(samples[name])) {
      if (key.endsWith('Url')) {
        expect(email.text).toContain(value);
        expect(email.html).toContain(`href="${value}"`);
      }
    }
  });

  it.each(customerTemplateNames)('%s escapes every interpolated value in its HTML part', (name) => {
    const email = renderEmail(name, poisoned(name, EVIL, EVIL_LINK), { siteName: `Shop <b>"1"</b>`, siteUrl: context.siteUrl });
    expect(email.html).not.toContain('<script');
    expect(email.html).not.toContain('<b>');
    expect(email.html).not.toContain('"><script');
    expect(email.html).toContain(escapeHtml(EVIL));
    expect(email.html).toContain('Shop &lt;b&gt;&quot;1&quot;&lt;/b&gt;');
    expect(email.html).toContain(`href="${escapeHtml(EVIL_LINK)}"`);
    // The text part and the subject are not HTML: they carry the values as they are.
    expect(email.text).toContain(EVIL);
    expect(email.subject).toContain('Shop <b>"1"</b>');
  });

  it.each(customerTemplateNames)('%s refuses links that are not http(s)', (name) => {
    for (const link of ['javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', '/relative/path', 'not a url']) {
      expect(() => renderEmail(name, poisoned(name, 'Anna', link), context)).toThrow(ZodError);
    }
  });

  it.each(customerTemplateNames)('%s refuses unknown fields and an empty name', (name) => {
    expect(() => renderEmail(name, { ...samples[name], email: 'a@example.test' } as unknown as TEmailData<typeof name>, context)).toThrow(ZodError);
    expect(() => renderEmail(name, { ...samples[name], name: '  ' }, context)).toThrow(ZodError);
  });

  it('privacy-request-closed tells a refused person where to complain, and privacy-request-extended gives the new date and the reason', () => {
    const refused = renderEmail('privacy-request-closed', samples['privacy-request-closed'], context);
    expect(refused.subject).toBe('Your data-protection request to Stockroom was refused');
    expect(refused.text).toContain('complain to the data protection authority');
    const answered = renderEmail('privacy-request-closed', { ...samples['privacy-request-closed'], refused: false }, context);
    expect(answered.text).not.toContain('complain');
    const extended = renderEmail('privacy-request-extended', samples['privacy-request-extended'], context);
    expect(extended.text).toContain('by 20 February 2027');
    expect(extended.text).toContain('Why: Your request covers ten years of orders.');
  });

  it('account-activation says the link is valid for 24 hours', () => {
    const email = renderEmail('account-activation', samples['account-activation'], context);
    expect(email.subject).toBe('Activate your Stockroom account');
    expect(email.text).toContain('valid for 24 hours');
    expect(email.html).toContain('valid for 24 hours');
  });

  it('registration-attempt-existing offers sign-in and a password reset, and says nothing changed', () => {
    const email = renderEmail('registration-attempt-existing', samples['registration-attempt-existing'], context);
    expect(email.subject).toBe('Someone tried to register with your address at Stockroom');
    expect(email.text).toContain('Sign in:\nhttps://stockroom.example/login');
    expect(email.text).toContain('https://stockroom.example/reset-password');
    expect(email.text).toContain('Your account has not been changed.');
  });

  it('password-reset says the link is valid for 1 hour', () => {
    const email = renderEmail('password-reset', samples['password-reset'], context);
    expect(email.subject).toBe('Reset your Stockroom password');
    expect(email.text).toContain('valid for 1 hour');
  });

  it('staff-invitation names the role and says the link is valid for 24 hours', () => {
    const email = renderEmail('staff-invitation', samples['staff-invitation'], context);
    expect(email.subject).toBe('You are invited to the Stockroom back office');
    expect(email.text).toContain('with the role Sales');
    expect(email.text).toContain('valid for 24 hours');
  });

  it('staff-factors-changed says what changed, when, and what happens at the next sign-in', () => {
    const email = renderEmail('staff-factors-changed', samples['staff-factors-changed'], context);
    expect(email.subject).toBe('Stockroom back office: your authenticator was reset');
    expect(email.text).toContain('23 November 2026 at 14:05 UTC');
    expect(email.text).toContain('set up your authenticator app again');
    expect(() => renderEmail('staff-factors-changed', { ...samples['staff-factors-changed'], change: 'other' as 'pin-reset' }, context)).toThrow(ZodError);
  });

  it('password-changed names the time of the change in UTC', () => {
    const email = renderEmail('password-changed', samples['password-changed'], context);
    expect(email.subject).toBe('Your Stockroom password was changed');
    expect(email.text).toContain('23 November 2026 at 14:05 UTC');
  });

  it('order-approved tells a buyer who pays first to pay, and a pay-later buyer to download', () => {
    const payFirst = renderEmail('order-approved', samples['order-approved'], context);
    expect(payFirst.subject).toBe('Your Stockroom order 1001 is approved');
    expect(payFirst.text).toContain('issued invoice 2026-000001 for €47.19, due on 2026-12-16');
    expect(payFirst.text).toContain('please pay the invoice by bank transfer');
    const payLater = renderEmail('order-approved', { ...samples['order-approved'], mayPayLater: true }, context);
    expect(payLater.text).toContain('can be downloaded from your orders in My Account now');
    expect(payLater.text).not.toContain('bank transfer');
  });

  it('order-rejected and order-cancelled carry the reason; a cancellation names the credit note and any payment to refund', () => {
    expect(renderEmail('order-rejected', samples['order-rejected'], context).text).toContain('The licence is not available for this use.');
    const cancelled = renderEmail('order-cancelled', { ...samples['order-cancelled'], paymentsReceived: '€10.00' }, context);
    expect(cancelled.text).toContain('Ordered twice.');
    expect(cancelled.text).toContain('Invoice 2026-000001 is cancelled by credit note CN-2026-000001');
    expect(cancelled.text).toContain('We had received €10.00 for this order');
    const notInvoiced = renderEmail('order-cancelled', { ...samples['order-cancelled'], invoiceNumber: null, creditNoteNumber: null }, context);
    expect(notInvoiced.text).toContain('Nothing was invoiced for this order.');
  });

  it('order-payment-received says what is still open, or that the invoice is paid', () => {
    expect(renderEmail('order-payment-received', samples['order-payment-received'], context).text).toContain('€27.19 is still open on this invoice.');
    expect(renderEmail('order-payment-received', { ...samples['order-payment-received'], paidInFull: true }, context).text).toContain('paid in full');
  });
});

describe('marketing-newsletter', () => {
  const sample = { name: 'Anna', subject: 'Winter collection', body: 'Snow and harbours.\r\n\r\nNew this week.', unsubscribeUrl: 'https://stockroom.example/unsubscribe/abc.def' };

  it('carries the unsubscribe link in both parts and as the List-Unsubscribe value; only it does', () => {
    const email = renderEmail('marketing-newsletter', sample, context);
    expect(email.subject).toBe('Stockroom: Winter collection');
    expect(email.listUnsubscribe).toBe(sample.unsubscribeUrl);
    expect(email.text).toContain('Unsubscribe:\nhttps://stockroom.example/unsubscribe/abc.def');
    expect(email.html).toContain('href="https://stockroom.example/unsubscribe/abc.def"');
    expect(email.text).toContain('Snow and harbours.\n\nNew this week.');
    for (const name of emailTemplateNames.filter((other) => other !== 'marketing-newsletter')) {
      const other = name in samples ? renderEmail(name as TCustomerTemplateName, samples[name as TCustomerTemplateName], context) : null;
      if (other) expect(other.listUnsubscribe, name).toBeUndefined();
    }
  });

  it('refuses a subject with a line break and an empty body', () => {
    expect(() => renderEmail('marketing-newsletter', { ...sample, subject: 'Hi\r\nBcc: evil@example.test' }, context)).toThrow(ZodError);
    expect(() => renderEmail('marketing-newsletter', { ...sample, body: '  ' }, context)).toThrow(ZodError);
  });
});

describe('security e-mail templates', () => {
  const facts = { network: '198.51.100.7/32', until: '2026-11-23 15:05 UTC', failures: '30', windowMinutes: '15', extra: 'more' };
  const occurredAt = new Date('2026-11-23T14:05:00Z');

  it.each(securityTemplateNames)('%s says what happened, when, the facts and what to do, in both parts', (name) => {
    const email = renderEmail(name, { occurredAt, facts }, context);
    expect(email.subject).toMatch(/^Stockroom security: /);
    for (const part of [email.text, email.html]) {
      expect(part).toContain('When: 23 November 2026 at 14:05 UTC');
      expect(part).toContain('Network: 198.51.100.7/32');
      expect(part).toContain('Failed attempts: 30');
      expect(part).toContain('extra: more');
      expect(part).toContain('What to do: ');
    }
  });

  it.each(securityTemplateNames)('%s keeps facts out of the subject, flattens line breaks and escapes HTML', (name) => {
    const email = renderEmail(name, { occurredAt, facts: { label: `Office\r\nBcc: evil@example.test ${EVIL}` } }, context);
    expect(email.subject).not.toContain('evil');
    expect(email.text).toContain(`Label: Office Bcc: evil@example.test ${EVIL}`);
    expect(email.text).not.toMatch(/\r|\nBcc:/);
    expect(email.html).toContain(escapeHtml(EVIL));
    expect(email.html).not.toContain('<script');
  });

  it.each(securityTemplateNames)('%s refuses unknown fields and fact names that are not names', (name) => {
    expect(() => renderEmail(name, { occurredAt, facts, name: 'x' } as unknown as TEmailData<typeof name>, context)).toThrow(ZodError);
    expect(() => renderEmail(name, { occurredAt, facts: { 'Bad Name': 'x' } }, context)).toThrow(ZodError);
  });
});

describe('share e-mail templates (to third parties)', () => {
  const expiresAt = new Date('2026-12-24T10:00:00Z');
  const shareSamples: { [N in TShareTemplateName]: TEmailData<N> } = {
    'lightbox-shared': { senderName: 'Anna', lightboxName: 'Spring campaign', imageCount: 3, message: 'Have a look.\n\nThe second one?', shareUrl: 'https://stockroom.example/shared/abc', expiresAt },
    'image-shared': { senderName: 'Anna', imageTitle: 'Harbour at dawn', message: 'For the cover', shareUrl: 'https://stockroom.example/shared/abc', expiresAt },
  };

  it.each(shareTemplateNames)('%s names the sender, quotes the message as theirs, links and says when the link ends', (name) => {
    const email = renderEmail(name, shareSamples[name], context);
    expect(email.subject).toMatch(/^Anna (shared a lightbox with you|sent you an image) on Stockroom$/);
    for (const part of [email.text, email.html]) {
      expect(part).toContain('Anna wrote:');
      expect(part).toContain('24 December 2026');
      expect(part).toContain('https://stockroom.example/shared/abc');
    }
  });

  it.each(shareTemplateNames)('%s escapes the sender, the title and the message in its HTML part', (name) => {
    const data = { ...shareSamples[name], senderName: EVIL, message: EVIL, ...(name === 'lightbox-shared' ? { lightboxName: EVIL } : { imageTitle: EVIL }) } as TEmailData<typeof name>;
    const email = renderEmail(name, data, context);
    expect(email.html).not.toContain('<script');
    expect(email.html).toContain(escapeHtml(EVIL));
  });

  it.each(shareTemplateNames)('%s refuses a sender name with a line break (it goes into the subject)', (name) => {
    expect(() => renderEmail(name, { ...shareSamples[name], senderName: 'Anna\r\nBcc: evil@example.test' }, context)).toThrow(ZodError);
    expect(() => renderEmail(name, { ...shareSamples[name], shareUrl: 'javascript:alert(1)' }, context)).toThrow(ZodError);
  });
});

describe('the html tag', () => {
  it('escapes strings and numbers, keeps nested html, flattens arrays and drops empty values', () => {
    const items = ['a&b', '<c>'].map((item) => html`<li>${item}</li>`);
    const fragment = html`<ul title="${`"quoted"`}">${items}${null}${undefined}${false}${42}</ul>`;
    expect(toHtmlString(fragment)).toBe('<ul title="&quot;quoted&quot;"><li>a&amp;b</li><li>&lt;c&gt;</li>42</ul>');
  });

  it('does not trust an object that only looks like html', () => {
    const forged = { value: '<script>' } as unknown as string;
    expect(toHtmlString(html`${forged}`)).toBe('[object Object]');
  });
});
