import 'server-only';
import { withdrawMarketingConsentOf } from '@/lib/accounts/withdraw-marketing-consent';
import { isConsentInForce } from '@/lib/accounts/consents';
import { countUsage } from '@/lib/usage/count-usage';
import { accountOfUnsubscribeToken } from './unsubscribe-link';

export type TUnsubscribeOutcome = 'unsubscribed' | 'already-unsubscribed' | 'invalid-link';

/**
 * One-click unsubscribe (RFC 8058) from a newsletter's link: no session, no cookie; the signed token
 * says whose consent it is. Appends a 'withdrawn' row to the consent ledger when the consent was in
 * force; a second click changes nothing. No IP address is recorded: a one-click request usually
 * comes from the recipient's mail provider, so its address says nothing about the person.
 */
export async function unsubscribeByLink(token: string): Promise<TUnsubscribeOutcome> {
  const userId = accountOfUnsubscribeToken(token);
  if (!userId) return 'invalid-link';
  // The account may have been erased since (its ledger rows are anonymized, not removed): nothing to withdraw then.
  const withdrawn = await withdrawMarketingConsentOf(userId, null);
  if (withdrawn) countUsage('unsubscribe');
  return withdrawn ? 'unsubscribed' : 'already-unsubscribed';
}

/** What the unsubscribe page shows before anything is clicked. */
export async function unsubscribeLinkState(token: string): Promise<'subscribed' | 'unsubscribed' | 'invalid-link'> {
  const userId = accountOfUnsubscribeToken(token);
  if (!userId) return 'invalid-link';
  return (await isConsentInForce(userId, 'marketing_email')) ? 'subscribed' : 'unsubscribed';
}
