import 'server-only';
import { headers } from 'next/headers';
import { notFound } from 'next/navigation';
import { PROXIED_HEADER, SOCKET_PEER_HEADER } from '@/lib/http/security-headers';
import { isDevMailboxOpen } from '@/lib/mail/dev-mailbox';

/** Whether this request may see the dev mailbox (see lib/mail/dev-mailbox.ts). */
export async function canSeeDevMailbox(): Promise<boolean> {
  const requestHeaders = await headers();
  // Stamped by our web server before Next.js adds x-forwarded-* to every request; missing means not through it: proxied.
  return isDevMailboxOpen(requestHeaders.get(SOCKET_PEER_HEADER), { proxied: requestHeaders.get(PROXIED_HEADER) !== '0' });
}

/** Every dev-mailbox page starts here: anyone else gets the ordinary 404, as if the route did not exist. */
export async function requireDevMailbox(): Promise<void> {
  if (!(await canSeeDevMailbox())) notFound();
}
