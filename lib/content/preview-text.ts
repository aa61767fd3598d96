import 'server-only';
import { AppError } from '@/lib/errors';
import { getSetting } from '@/lib/settings/get-setting';
import { isTextKey } from '@/lib/settings/text-versions';
import { fillPlaceholders, unknownPlaceholders } from './fill-placeholders';
import { renderMarkdown } from './render-markdown';

/** A draft rendered as the site would show it now (placeholders filled, sanitised), and the placeholders it does not know. */
export async function previewText(key: string, body: string): Promise<{ html: string; unknown: string[] }> {
  if (!isTextKey(key)) throw new AppError('INVALID_INPUT', 'There is no such text.');
  const [consentAge, retention, inactiveAccounts] = await Promise.all([getSetting('accounts.consentAge'), getSetting('privacy.retentionDays'), getSetting('privacy.inactiveAccounts')]);
  return { html: renderMarkdown(fillPlaceholders(body, { consentAge, retention, inactiveAccounts })), unknown: unknownPlaceholders(body) };
}
