import 'server-only';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { secretsEnv, serverEnv } from '@/lib/env';
import type { TStaffActor } from '@/lib/staff/require-staff';
import { ZPurposeText } from './customer-purposes';

/** How long a chosen purpose holds for one customer before the page asks again. */
export const PURPOSE_GRANT_SECONDS = 15 * 60;

const ZGrant = z.strictObject({ v: z.literal(1), sid: z.uuid(), cid: z.uuid(), p: ZPurposeText, exp: z.number().int() });

const mac = (body: string) => createHmac('sha256', secretsEnv().AUTH_SECRET).update(`staff-customer-purpose\0${body}`).digest();

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
  const body = Buffer.from(JSON.stringify(grant)).toString('base64url');
  return `${body}.${mac(body).toString('base64url')}`;
}

/** The purpose, when the value is ours, for this staff session and customer, and not expired; null otherwise. */
export function decodePurposeGrant(actor: TStaffActor, customerId: string, value: string | null | undefined, now = Date.now()): string | null {
  if (!value || value.length > 2000) return null;
  const [body, signature, ...rest] = value.split('.');
  if (!body || !signature || rest.length > 0) return null;
  const expected = mac(body);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  const grant = ZGrant.safeParse(parsed);
  if (!grant.success || grant.data.exp <= now || grant.data.sid !== actor.sessionId || grant.data.cid !== customerId) return null;
  return grant.data.p;
}
