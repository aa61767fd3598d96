import 'server-only';
import { assertStaffMay } from '@/lib/customers/customer-access';
import { serverEnv } from '@/lib/env';
import { previewMail } from '@/lib/mail/preview-mail';
import type { TStaffActor } from '@/lib/staff/require-staff';
import { countMarketingRecipients } from './marketing-recipients';
import type { TNewsletterInput } from './newsletter-input';
import { unsubscribePath } from './unsubscribe-link';

export type TNewsletterPreview = { subject: string; text: string; recipients: number };

/** The text part as a recipient gets it (greeting with a sample name, a sample unsubscribe link), and how many would get it now. */
export async function previewNewsletter(actor: TStaffActor, input: TNewsletterInput): Promise<TNewsletterPreview> {
  assertStaffMay(actor, 'marketing.send');
  const rendered = await previewMail('marketing-newsletter', {
    name: 'Maria Example',
    subject: input.subject,
    body: input.body,
    unsubscribeUrl: `${serverEnv().APP_URL}${unsubscribePath('each-recipient-gets-their-own-link')}`,
  });
  return { subject: rendered.subject, text: rendered.text, recipients: await countMarketingRecipients() };
}
