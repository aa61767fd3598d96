import 'server-only';
import { randomBytes } from 'node:crypto';
import { desc, sql } from 'drizzle-orm';
import { z } from 'zod';
import { auditTrail } from '@/db/schema';
import type { TTransaction } from '@/lib/db/client';
import { settingDefinitions, type TSettingKey } from '@/lib/settings/definitions';
import { staffRoles } from '@/lib/staff/permissions';
import { auditEntryHash, clientIpDigest, GENESIS_HASH } from './audit-hash';

/** A name, never a value: 'account.profile-updated', 'fullName', 'customFields.vat'. */
const ZName = z.string().regex(/^[A-Za-z][A-Za-z0-9_-]*(\.[A-Za-z0-9_-]+)*$/, 'Expected a name, not a value').max(100);

/**
 * One entry. There is deliberately no free-form details object: what changed is given as a list of
 * field NAMES, so a customer's name, e-mail, address or phone cannot end up in the trail (which
 * must not need touching when a customer is erased). Later uses add typed, non-personal facts here.
 */
export const ZAuditEntry = z
  .strictObject({
    actorKind: z.enum(['customer', 'staff', 'system']),
    actorUserId: z.uuid().nullable(),
    action: ZName,
    subjectUserId: z.uuid().nullable().default(null),
    objectType: ZName.nullable().default(null),
    objectId: z.string().regex(/^[A-Za-z0-9_.:-]{1,100}$/, 'Expected an id').nullable().default(null),
    clientIp: z.union([z.ipv4(), z.ipv6()]).nullable().default(null),
    purpose: z.string().trim().min(1).max(500).nullable().default(null),
    changedFields: z.array(ZName).max(100).optional(),
    /** The staff role given or changed (a role is not personal data: one of five fixed names). */
    role: z.enum(staffRoles).optional(),
    /** A refused attempt: the name of what was attempted (an action name such as 'privacy.erase-request'). */
    attempted: ZName.optional(),
    /**
     * A site setting changed, with its value before and after. Settings are the shop's own
     * configuration (names, thresholds, the published security address), never a customer's data.
     */
    setting: z
      .strictObject({
        key: z.enum(Object.keys(settingDefinitions) as [TSettingKey, ...TSettingKey[]]),
        old: z.json(),
        new: z.json(),
      })
      .optional(),
  })
  .refine((entry) => (entry.actorKind === 'system') === (entry.actorUserId === null), {
    message: 'The system acts without a user id; a customer or staff member always with one',
    path: ['actorUserId'],
  });

export type TAuditEntryInput = z.input<typeof ZAuditEntry>;

/** Any constant works; it only has to be the same for every writer (and audit_trail_remove_before). */
const CHAIN_LOCK = sql`select pg_advisory_xact_lock(hashtext('audit_trail'))`;

/**
 * Appends an entry in the caller's transaction, so it commits or rolls back with the change it
 * records. Writers are serialised by a transaction-level advisory lock held until commit: the next
 * writer reads the last hash only after this entry is visible, so concurrent appends form one chain.
 * The lock makes audited writes one-at-a-time; they are rare (people changing data), so that is fine.
 */
export async function recordAuditEntry(tx: TTransaction, input: TAuditEntryInput): Promise<void> {
  const { changedFields, role, setting, attempted, ...entry } = ZAuditEntry.parse(input);
  await tx.execute(CHAIN_LOCK);
  const [last] = await tx.select({ hash: auditTrail.hash }).from(auditTrail).orderBy(desc(auditTrail.id)).limit(1);
  const prevHash = last?.hash ?? GENESIS_HASH;
  // Taken after the lock so the times follow the chain order; millisecond precision, as the hash has it.
  const occurredAt = new Date();
  const details = { ...(changedFields ? { changedFields } : {}), ...(role ? { role } : {}), ...(setting ? { setting } : {}), ...(attempted ? { attempted } : {}) };
  const clientIpSalt = entry.clientIp === null ? null : randomBytes(16).toString('hex');
  const digest = entry.clientIp === null || clientIpSalt === null ? null : clientIpDigest(clientIpSalt, entry.clientIp);
  const hash = auditEntryHash({ ...entry, clientIpDigest: digest, hashVersion: 2, occurredAt: occurredAt.toISOString(), details, prevHash });
  await tx.insert(auditTrail).values({ ...entry, clientIpSalt, clientIpDigest: digest, hashVersion: 2, occurredAt, details, prevHash, hash });
}
