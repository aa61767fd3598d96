import 'server-only';
import { and, desc, eq, gt, isNull, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import { ipBlocks } from '@/db/schema';
import { recordAuditEntry } from '@/lib/audit/record-audit-entry';
import { db, type TExecutor } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { getSetting } from '@/lib/settings/get-setting';
import { throttleAddressKey } from '@/lib/throttle/address-key';
import { hitThrottle } from '@/lib/throttle/hit-throttle';
import { blockNetworkOf, canonicalAddress, ZNetwork } from './network';
import { queueSecurityMail } from './security-mail';
import { isInSiteAllowlist } from './staff-allowlist';

export type TSecurityActor = { userId: string; ip: string | null };

export type TIpBlock = typeof ipBlocks.$inferSelect;

/** A block in force: not lifted, and without an end or ending later. */
const isActive = () => and(isNull(ipBlocks.liftedAt), or(isNull(ipBlocks.blockedUntil), gt(ipBlocks.blockedUntil, sql`now()`)));

/**
 * The block in force that covers this address, the one lasting longest (for a permanent one,
 * blockedUntil is null), or null. An IPv4-mapped IPv6 address is matched as the IPv4 address it
 * carries. Throws when the database cannot be read: callers refuse the request (fail closed).
 */
export async function activeBlockOf(ip: string | null, executor: TExecutor = db): Promise<{ id: string; blockedUntil: Date | null } | null> {
  const address = canonicalAddress(ip);
  if (!address) return null;
  const [row] = await executor
    .select({ id: ipBlocks.id, blockedUntil: ipBlocks.blockedUntil })
    .from(ipBlocks)
    .where(and(isActive(), sql`${ipBlocks.network} >>= ${address}::inet`))
    .orderBy(sql`${ipBlocks.blockedUntil} desc nulls first`)
    .limit(1);
  return row ?? null;
}

/** Whether a block in force covers the address. Throws if the database cannot be read (fail closed). */
export async function isAddressBlocked(ip: string | null, executor: TExecutor = db): Promise<boolean> {
  return (await activeBlockOf(ip, executor)) !== null;
}

/**
 * Counts one failed sign-in from an address (an IPv6 address by its /64) under the setting
 * security.ipBlock. The request whose count reaches the threshold blocks the address (IPv4 alone,
 * IPv6 its /64) for blockMinutes, records it in the audit trail and queues one 'ip-blocked'
 * security mail, all in the transaction that counted: parallel failures see distinct counts, so
 * exactly one of them blocks and mails. An address inside the site-wide staff allowlist (the
 * shop's own office or VPN) is never blocked: one mistyping colleague must not lock out the office.
 * Throws if the database cannot be written.
 */
export async function countSignInFailure(ip: string | null): Promise<void> {
  const address = canonicalAddress(ip);
  // No address, nothing that could be blocked.
  if (!address) return;
  const network = blockNetworkOf(address);
  if (!network) return;
  await db.transaction(async (tx) => {
    const rule = await getSetting('security.ipBlock', tx);
    const hit = await hitThrottle({ scope: 'ip-block:failures', limit: rule.failures, windowSeconds: rule.windowMinutes * 60 }, throttleAddressKey(address), tx);
    if (hit.hits !== rule.failures) return;
    if (await isInSiteAllowlist(address, tx)) return;
    const blockedUntil = new Date(Date.now() + rule.blockMinutes * 60_000);
    const [block] = await tx
      .insert(ipBlocks)
      .values({ network, source: 'automatic', reason: `${rule.failures} failed sign-ins within ${rule.windowMinutes} minutes`, blockedUntil })
      .returning({ id: ipBlocks.id });
    // The address goes in client_ip (classified network data), never into the entry's details.
    await recordAuditEntry(tx, { actorKind: 'system', actorUserId: null, action: 'security.ip-blocked', objectType: 'ip_block', objectId: block!.id, clientIp: address });
    await queueSecurityMail(tx, {
      kind: 'ip-blocked',
      cooldownKey: network,
      facts: { network, until: `${blockedUntil.toISOString().slice(0, 16).replace('T', ' ')} UTC`, failures: String(rule.failures), windowMinutes: String(rule.windowMinutes) },
    });
  });
}

const ZBlockInput = z.strictObject({
  network: ZNetwork,
  until: z.date().nullable(),
  reason: z.string().trim().max(500).refine((value) => !/[\u0000-\u001f\u007f]/.test(value), 'The reason cannot contain line breaks.'),
});

const ZActor = z.object({ userId: z.uuid(), ip: z.string().nullable() });

/** Puts an address or range on the deny list (manual block), until a time or for good. */
export async function blockAddress(input: z.input<typeof ZBlockInput>, actor: TSecurityActor): Promise<TIpBlock> {
  const parsed = ZBlockInput.parse(input);
  const by = ZActor.parse(actor);
  if (parsed.until && parsed.until.getTime() <= Date.now()) {
    throw new AppError('INVALID_INPUT', 'Please correct the marked fields.', { until: 'The end of a block must be in the future.' });
  }
  return db.transaction(async (tx) => {
    const [block] = await tx
      .insert(ipBlocks)
      .values({ network: parsed.network, source: 'manual', reason: parsed.reason, blockedUntil: parsed.until, createdBy: by.userId })
      .returning();
    await recordAuditEntry(tx, {
      actorKind: 'staff',
      actorUserId: by.userId,
      action: 'security.address-blocked',
      objectType: 'ip_block',
      objectId: block!.id,
      clientIp: canonicalAddress(by.ip),
    });
    return block!;
  });
}

/** Ends a block in force now; the row stays (history) until the retention job removes it. */
export async function liftBlock(blockId: string, actor: TSecurityActor): Promise<void> {
  const id = z.uuid().safeParse(blockId);
  const by = ZActor.parse(actor);
  if (!id.success) throw new AppError('NOT_FOUND', 'We could not find that block.');
  await db.transaction(async (tx) => {
    const [lifted] = await tx
      .update(ipBlocks)
      .set({ liftedAt: new Date(), liftedBy: by.userId })
      .where(and(eq(ipBlocks.id, id.data), isActive()))
      .returning({ id: ipBlocks.id });
    if (!lifted) throw new AppError('NOT_FOUND', 'We could not find that block: it may have ended already.');
    await recordAuditEntry(tx, {
      actorKind: 'staff',
      actorUserId: by.userId,
      action: 'security.block-lifted',
      objectType: 'ip_block',
      objectId: lifted.id,
      clientIp: canonicalAddress(by.ip),
    });
  });
}

/** Every block in force, newest first. */
export async function listActiveBlocks(executor: TExecutor = db): Promise<TIpBlock[]> {
  return executor.select().from(ipBlocks).where(isActive()).orderBy(desc(ipBlocks.createdAt));
}
