import 'server-only';
import { logLine } from '@/lib/log/log-line';

/** The requested id as written to the log: what an id may contain, and at most 64 characters (checklist 33). */
const loggedId = (raw: string) => raw.replace(/[^A-Za-z0-9_-]/g, '?').slice(0, 64) || '-';

/**
 * A customer asked for an object that is not theirs (another customer's order, say): the page
 * answers 404, as for an id that does not exist, and this line tells the operator (checklist 27).
 * Ids only: the account asking, the kind of object and the id asked for.
 */
export function logAuthorizationFailure(failure: { actorUserId: string; objectType: string; objectId: string }) {
  logLine('warn', 'authz', `refused: user ${loggedId(failure.actorUserId)} asked for ${loggedId(failure.objectType)} ${loggedId(failure.objectId)} of another account`);
}
