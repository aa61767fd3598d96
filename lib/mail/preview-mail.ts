import 'server-only';
import { emailTemplates, renderEmail, type TEmailData, type TEmailTemplateName, type TRenderedEmail } from '@/emails';
import { serverEnv } from '@/lib/env';
import { getSetting } from '@/lib/settings/get-setting';

/** A message rendered exactly as queueMail would render it, for staff to read before sending. */
export async function previewMail<N extends TEmailTemplateName>(template: N, data: TEmailData<N>): Promise<TRenderedEmail> {
  if (!(template in emailTemplates)) throw new Error(`Unknown e-mail template: ${String(template)}`);
  const siteName = await getSetting('site.name');
  return renderEmail(template, data, { siteName, siteUrl: serverEnv().APP_URL });
}
