/**
 * Shared by the security integration tests: reading queued security mail out of the outbox
 * (envelopes are sealed; the test opens them with the data key) and unusual test addresses.
 */
import { randomBytes } from 'node:crypto';
import { and, eq, isNotNull } from 'drizzle-orm';
import { auditTrail, ipBlocks, mailOutbox } from '@/db/schema';
import { db } from '@/lib/db/client';
import { securityContactEmail } from '@/lib/http/security-txt';
import { openEnvelope } from '@/lib/mail/envelope';
import type { TEmailTemplateName } from '@/lib/mail/send-mail';

/** Queued (not yet delivered) messages of a template whose text contains `needle`. */
export async function queuedMails(template: TEmailTemplateName, needle: string) {
  const rows = await db
    .select({ id: mailOutbox.id, envelope: mailOutbox.envelope })
    .from(mailOutbox)
    .where(and(eq(mailOutbox.template, template), isNotNull(mailOutbox.envelope)));
  return rows.map((row) => ({ id: row.id, ...openEnvelope(row.envelope!) })).filter((mail) => mail.text.includes(needle));
}

export const securityAddress = () => securityContactEmail();

/** A random 16-bit group, never 0 and written without leading zeros, so the address text is already canonical. */
const group = () => (1 + (randomBytes(2).readUInt16BE() % 0xffff)).toString(16);

/**
 * An IPv6 address in a /64 of the documentation range no other test uses, in canonical form
 * (as recordAccess stores it): 2001:db8:a:b::c.
 */
export const uniqueIpv6 = () => `2001:db8:${group()}:${group()}::${group()}`;

/** The /64 of an address made by uniqueIpv6, as the block stores it. */
export const slash64Of = (ip: string) => `${ip.replace(/::[0-9a-f]+$/, '')}::/64`;

/**
 * An IPv4 address from the benchmarking range 198.18.0.0/15 (RFC 2544; no other integration file uses it): one
 * of 131,072, so two tests sharing a database do not draw the same one (TEST-NET-2's 150 spare
 * addresses did collide).
 */
export const uniqueIpv4 = () => {
  const [high, middle, low] = randomBytes(3);
  return `198.${18 + (high! & 1)}.${middle}.${low}`;
};

export async function blocksOn(network: string) {
  return db.select().from(ipBlocks).where(eq(ipBlocks.network, network));
}

export async function auditEntriesFor(objectId: string) {
  return db.select().from(auditTrail).where(eq(auditTrail.objectId, objectId));
}
