import 'server-only';
import { headers } from 'next/headers';
import { notFound } from 'next/navigation';
import { isProxied } from '@/lib/http/proxied';
import { PEER_HEADER } from '@/lib/http/security-headers';
import { isDevMailboxOpen } from '@/lib/mail/dev-mailbox';

/** Whether this request may see the dev mailbox (see lib/mail/dev-mailbox.ts). */
export async function canSeeDevMailbox(): Promise<boolean> {
  const requestHeaders = await headers();
  return isDevMailboxOpen(requestHeaders.get(PEER_HEADER), { proxied: isProxied((name) => requestHeaders.get(name)) });
}

/** Every dev-mailbox page starts here: anyone else gets the ordinary 404, as if the route did not exist. */
export async function requireDevMailbox(): Promise<void> {
  if (!(await canSeeDevMailbox())) notFound();
}
