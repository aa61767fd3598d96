import 'server-only';
import { serverEnv } from '@/lib/env';
import type { TExecutor } from '@/lib/db/client';
import { getSetting } from '@/lib/settings/get-setting';

const YEAR_MS = 365 * 86_400_000;

/**
 * /.well-known/security.txt (RFC 9116): where to report a vulnerability. Contact and Expires are
 * required; the address is the site owner's (the `security.contactEmail` setting, else security@ the
 * host of APP_URL), and Expires is always a year from the request, so the file never goes stale.
 */
export async function securityTxt(now = new Date()): Promise<string> {
  const { APP_URL } = serverEnv();
  const contact = await securityContactEmail();
  const expires = new Date(now.getTime() + YEAR_MS).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return [
    `Contact: mailto:${contact}`,
    `Expires: ${expires}`,
    'Preferred-Languages: en',
    `Canonical: ${new URL('/.well-known/security.txt', APP_URL).href}`,
    '',
  ].join('\n');
}

/**
 * The site's security address: the `security.contactEmail` setting, else security@ the host of
 * APP_URL. Security e-mails (lib/security/security-mail.ts) go to the same address security.txt names.
 */
export async function securityContactEmail(executor?: TExecutor): Promise<string> {
  return (await getSetting('security.contactEmail', executor)) ?? `security@${new URL(serverEnv().APP_URL).hostname}`;
}
