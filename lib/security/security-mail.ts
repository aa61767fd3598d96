import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { users } from '@/db/schema';
import { db, type TTransaction } from '@/lib/db/client';
import type { TClientInfo } from '@/lib/http/client-info';
import { canonicalIp } from '@/lib/http/ip-address';
import { securityContactEmail } from '@/lib/http/security-txt';
import { logLine } from '@/lib/log/log-line';
import { queueMail, type TEmailTemplateName } from '@/lib/mail/send-mail';
import { getSetting } from '@/lib/settings/get-setting';
import { throttleAddressKey } from '@/lib/throttle/address-key';
import { hitThrottle } from '@/lib/throttle/hit-throttle';

export const securityMailKinds = ['ip-blocked', 'staff-new-address', 'factor-failures', 'factors-reset', 'security-setting-changed'] as const;
export type TSecurityMailKind = (typeof securityMailKinds)[number];

export type TSecurityEvent = {
  kind: TSecurityMailKind;
  /** What "the same event" means for the cooldown: the address, the account id, the entry id. Never stored in clear (it is HMACed like every throttle key). */
  cooldownKey: string;
  /** Short facts for the body (address, until, account...). They never reach a header. */
  facts: Record<string, string>;
  /** The account the message is about, if any, so it is found by that person's export and erasure. */
  subjectUserId?: string | null;
};

const templateOf: Record<TSecurityMailKind, TEmailTemplateName> = {
  'ip-blocked': 'security-ip-blocked',
  'staff-new-address': 'security-staff-new-address',
  'factor-failures': 'security-factor-failures',
  'factors-reset': 'security-factors-reset',
  'security-setting-changed': 'security-setting-changed',
};

const ZSecurityEvent = z.object({
  kind: z.enum(securityMailKinds),
  cooldownKey: z.string().min(1).max(300),
  facts: z.record(z.string(), z.string()),
  subjectUserId: z.uuid().nullish(),
});

/**
 * Queues one security e-mail to the site's security address (the security.txt contact) in the
 * caller's transaction, so it goes out only if what it reports commits. At most one message per
 * kind and cooldown key within the cooldown (setting security.mailCooldownMinutes): an attack that
 * trips the same alarm again and again sends one message, not a flood. The cooldown is counted in
 * the same transaction, so two racing transactions cannot both send. Returns whether it queued.
 */
export async function queueSecurityMail(tx: TTransaction, event: TSecurityEvent): Promise<{ queued: boolean }> {
  const parsed = ZSecurityEvent.parse(event);
  const to = await securityContactEmail(tx);
  if (!z.email().safeParse(to).success) {
    // security@localhost in development: what the mail reports (a block, say) must still happen.
    logLine('error', 'security', `a ${parsed.kind} security e-mail was not queued: the security address is not a usable e-mail address (set security.contactEmail)`);
    return { queued: false };
  }
  const cooldownMinutes = await getSetting('security.mailCooldownMinutes', tx);
  const cooldown = await hitThrottle({ scope: `security-mail:${parsed.kind}`, limit: 1, windowSeconds: cooldownMinutes * 60 }, parsed.cooldownKey, tx);
  if (!cooldown.allowed) return { queued: false };
  await queueMail(tx, {
    template: templateOf[parsed.kind],
    to,
    subjectUserId: parsed.subjectUserId ?? null,
    data: { occurredAt: new Date(), facts: parsed.facts },
  });
  return { queued: true };
}

/**
 * Counts one wrong PIN or authenticator code on a staff account (the password was right, so
 * someone may know it). The request whose count reaches the setting security.factorFailureAlert
 * queues one 'factor-failures' mail; counting and queueing share a transaction, so parallel wrong
 * codes send exactly one. Throws if the database cannot be written (the caller refuses the attempt).
 */
export async function noteStaffFactorFailure(userId: string, client: TClientInfo): Promise<void> {
  const id = z.uuid().parse(userId);
  await db.transaction(async (tx) => {
    const alert = await getSetting('security.factorFailureAlert', tx);
    const hit = await hitThrottle({ scope: 'staff-factor-fail:account', limit: alert.failures, windowSeconds: alert.windowMinutes * 60 }, id, tx);
    if (hit.hits !== alert.failures) return;
    const [account] = await tx.select({ email: users.email }).from(users).where(eq(users.id, id));
    await queueSecurityMail(tx, {
      kind: 'factor-failures',
      cooldownKey: id,
      subjectUserId: id,
      facts: {
        account: account?.email ?? id,
        address: (client.ip && canonicalIp(client.ip)) || 'unknown',
        failures: String(alert.failures),
        windowMinutes: String(alert.windowMinutes),
      },
    });
  });
}

/** The steps that finish a staff sign-in: after them the staff member is in. */
const FINAL_STAFF_STEPS = ['pin', 'totp', 'recovery_code', 'totp_enrolment'] as const;

/**
 * Whether this staff sign-in comes from an address the account has never completed a sign-in from
 * (an IPv6 address counts by its /64, as a subscriber holds a whole /64). Call it before recording
 * this sign-in's final success, which would otherwise count as the earlier one. No address: new.
 */
export async function isNewStaffOrigin(userId: string, ip: string | null): Promise<boolean> {
  const id = z.uuid().parse(userId);
  const address = ip ? canonicalIp(ip) : null;
  if (!address) return true;
  // An IPv4 key is the address itself, an IPv6 key its /64: both read as a cidr.
  const network = throttleAddressKey(address);
  const result = await db.execute<{ known: boolean }>(sql`
    select exists (
      select 1 from access_log
      where user_id = ${id} and kind = 'staff_sign_in' and outcome = 'success'
        and step in (${sql.join(FINAL_STAFF_STEPS.map((step) => sql`${step}::access_step`), sql`, `)})
        and ip is not null and ip::inet <<= ${network}::cidr
    ) as known`);
  return !result.rows[0]?.known;
}
