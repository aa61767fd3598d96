import 'server-only';
import type { TCustomerActor } from '@/lib/auth/guards';
import { endSessionsOfUser } from '@/lib/auth/sessions/end-sessions';

/**
 * Ends every open session of the customer except the one asking; each other browser lands on the
 * sign-in page at its next request. Returns how many sessions were ended.
 */
export async function signOutEverywhereElse(actor: TCustomerActor): Promise<number> {
  return endSessionsOfUser(actor.userId, 'signed_out_elsewhere', { keepSessionId: actor.sessionId });
}
