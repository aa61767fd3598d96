import 'server-only';
import { getSetting } from '@/lib/settings/get-setting';
import { updateSetting } from '@/lib/settings/update-setting';

export const DEMO_SECURITY_ADDRESS = 'security@demo.stockroom.test';

/**
 * Security e-mails (blocked addresses, staff sign-ins from new places) go to security.contactEmail,
 * else security@ the host of APP_URL, which http://localhost does not have. The demo names an
 * address, so they can be read in the dev mailbox. A site owner's own choice is left alone.
 */
export async function ensureDemoSecurityAddress(): Promise<boolean> {
  if ((await getSetting('security.contactEmail')) !== null) return false;
  await updateSetting('security.contactEmail', DEMO_SECURITY_ADDRESS);
  return true;
}
