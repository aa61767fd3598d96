import 'server-only';
import { z } from 'zod';
import { openSignedNote, signNote } from '@/lib/crypto/signed-note';
import { serverEnv } from '@/lib/env';
import type { TStaffActor } from '@/lib/staff/require-staff';
import { ZPurposeText } from './customer-purposes';

/** How long a chosen purpose holds for one customer before the page asks again. */
export const PURPOSE_GRANT_SECONDS = 15 * 60;

const ZGrant = z.strictObject({ v: z.literal(1), sid: z.uuid(), cid: z.uuid(), p: ZPurposeText, exp: z.number().int() });

const NOTE_DOMAIN = 'staff-customer-purpose';

/**
 * The cookie that remembers the purpose: HttpOnly, SameSite=Strict, sent only to this customer's
 * page (its path), so another customer asks again. Signed and bound to the staff session, so it
 * cannot be forged, moved to another customer, or outlive the session that chose it.
 */
export function purposeGrantCookie(customerId: string) {
  const secure = serverEnv().APP_URL.startsWith('https://');
  return {
    name: 'stockroom.customer-purpose',
    options: { httpOnly: true, sameSite: 'strict' as const, path: `/staff/customers/${customerId}`, secure, maxAge: PURPOSE_GRANT_SECONDS },
  };
}

export function encodePurposeGrant(actor: TStaffActor, customerId: string, purpose: string, now = Date.now()): string {
  const grant = ZGrant.parse({ v: 1, sid: actor.sessionId, cid: customerId, p: purpose, exp: now + PURPOSE_GRANT_SECONDS * 1000 });
  return signNote(NOTE_DOMAIN, grant);
}

/** The purpose, when the value is ours, for this staff session and customer, and not expired; null otherwise. */
export function decodePurposeGrant(actor: TStaffActor, customerId: string, value: string | null | undefined, now = Date.now()): string | null {
  const grant = openSignedNote(NOTE_DOMAIN, value, ZGrant);
  if (!grant || grant.exp <= now || grant.sid !== actor.sessionId || grant.cid !== customerId) return null;
  return grant.p;
}
