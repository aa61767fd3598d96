import 'server-only';
import type { TCustomerActor } from '@/lib/auth/guards';
import { endSessionsOfUser } from '@/lib/auth/sessions/end-sessions';

export async function signOutEverywhereElse(actor: TCustomerActor): Promise<number> {
  return endSessionsOfUser(actor.userId, 'signed_out_elsewhere', { keepSessionId: actor.sessionId });
}
