import 'server-only';
import { and, asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { staffAllowlist, users } from '@/db/schema';
import { recordAuditEntry } from '@/lib/audit/record-audit-entry';
import { db, type TExecutor, type TTransaction } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { staffRoleLabels, staffRoles, type TStaffRole } from '@/lib/staff/permissions';
import { canonicalAddress, ZNetwork } from './network';
import { queueSecurityMail } from './security-mail';

export type TAllowlistEntry = typeof staffAllowlist.$inferSelect;
export type TAllowlistActor = { userId: string; ip: string | null };

/**
 * Whether a staff member may work from this address. Each scope that has entries for the account
 * (site-wide; its role; the account itself) must contain the address; a scope without entries
 * restricts nothing, so with no entries at all every address is allowed. No address (or one that
 * is not valid) matches nothing, so it is refused wherever a list exists. One query, so the answer
 * is taken from one snapshot of the lists. Throws if the database cannot be read (fail closed).
 */
export async function isStaffAddressAllowed(ip: string | null, account: { userId: string; role: TStaffRole }, executor: TExecutor = db): Promise<boolean> {
  const userId = z.uuid().parse(account.userId);
  const role = z.enum(staffRoles).parse(account.role);
  const address = canonicalAddress(ip);
  const result = await executor.execute<{ allowed: boolean }>(sql`
    select not exists (
      select 1 from ${staffAllowlist}
      where scope = 'site' or (scope = 'role' and role = ${role}::staff_role) or (scope = 'account' and user_id = ${userId})
      group by scope
      having not coalesce(bool_or(network >>= ${address}::inet), false)
    ) as allowed`);
  return result.rows[0]?.allowed === true;
}

/** Whether the address is inside the site-wide allowlist (the shop's own networks). An empty list contains nothing. */
export async function isInSiteAllowlist(ip: string | null, executor: TExecutor = db): Promise<boolean> {
  const address = canonicalAddress(ip);
  if (!address) return false;
  const result = await executor.execute<{ inside: boolean }>(sql`
    select exists (select 1 from ${staffAllowlist} where scope = 'site' and network >>= ${address}::inet) as inside`);
  return result.rows[0]?.inside === true;
}

const ZLabel = z
  .string()
  .trim()
  .max(120)
  .refine((value) => !/[\u0000-\u001f\u007f]/.test(value), 'The label cannot contain line breaks.')
  .default('');

/**
 * One flat shape for every scope (what a form posts): a site entry names neither role nor
 * account, a role entry its role only, an account entry its account only, as the table's check
 * constraint demands; anything else is refused with a field message rather than a database error.
 */
const ZAllowlistInput = z
  .strictObject({
    scope: z.enum(['site', 'role', 'account']),
    role: z.enum(staffRoles).nullish(),
    userId: z.uuid().nullish(),
    network: ZNetwork,
    label: ZLabel,
  })
  .superRefine((input, context) => {
    if (input.scope === 'role' ? !input.role : input.role) {
      context.addIssue({ code: 'custom', path: ['role'], message: input.scope === 'role' ? 'Choose a role.' : 'Only a role entry names a role.' });
    }
    if (input.scope === 'account' ? !input.userId : input.userId) {
      context.addIssue({ code: 'custom', path: ['userId'], message: input.scope === 'account' ? 'Choose a staff account.' : 'Only an account entry names an account.' });
    }
  });

export type TAllowlistInput = z.input<typeof ZAllowlistInput>;

const ZActor = z.object({ userId: z.uuid(), ip: z.string().nullable() });

/**
 * beforeCommit runs in the change's transaction after the list has changed and may throw to undo
 * it (the back office refuses a change that would lock out the admin making it).
 */
export type TAllowlistChangeOptions = { beforeCommit?: (tx: TTransaction) => Promise<void> };

function scopeInWords(entry: { scope: TAllowlistEntry['scope']; role: TStaffRole | null }, accountEmail: string | null): string {
  if (entry.scope === 'site') return 'every staff member (site-wide)';
  if (entry.scope === 'role') return `the role ${entry.role ? staffRoleLabels[entry.role] : ''}`;
  return `the staff account ${accountEmail ?? ''}`;
}

async function emailOf(executor: TExecutor, userId: string | null): Promise<string | null> {
  if (!userId) return null;
  const [row] = await executor.select({ email: users.email }).from(users).where(eq(users.id, userId));
  return row?.email ?? null;
}

/** Adds a network to a staff allowlist; audited, and the security address is told. */
export async function addAllowlistEntry(input: TAllowlistInput, actor: TAllowlistActor, options: TAllowlistChangeOptions = {}): Promise<TAllowlistEntry> {
  const parsed = ZAllowlistInput.parse(input);
  const by = ZActor.parse(actor);
  return db.transaction(async (tx) => {
    const userId = parsed.scope === 'account' ? (parsed.userId ?? null) : null;
    if (userId) {
      const [account] = await tx.select({ kind: users.kind }).from(users).where(eq(users.id, userId));
      if (account?.kind !== 'staff') throw new AppError('INVALID_INPUT', 'Please correct the marked fields.', { userId: 'Choose a staff account.' });
    }
    const [entry] = await tx
      .insert(staffAllowlist)
      .values({ scope: parsed.scope, role: parsed.scope === 'role' ? (parsed.role ?? null) : null, userId, network: parsed.network, label: parsed.label, createdBy: by.userId })
      .returning();
    await options.beforeCommit?.(tx);
    await recordAuditEntry(tx, {
      actorKind: 'staff',
      actorUserId: by.userId,
      action: 'security.allowlist-added',
      subjectUserId: userId,
      objectType: 'staff_allowlist',
      objectId: entry!.id,
      clientIp: canonicalAddress(by.ip),
    });
    await queueSecurityMail(tx, {
      kind: 'security-setting-changed',
      cooldownKey: `allowlist-added:${entry!.id}`,
      subjectUserId: userId,
      facts: {
        change: 'A network was added to a staff allowlist',
        scope: scopeInWords(entry!, await emailOf(tx, userId)),
        network: entry!.network,
        label: entry!.label,
        changedBy: (await emailOf(tx, by.userId)) ?? by.userId,
      },
    });
    return entry!;
  });
}

/** Removes an entry; audited, and the security address is told. */
export async function removeAllowlistEntry(id: string, actor: TAllowlistActor, options: TAllowlistChangeOptions = {}): Promise<void> {
  const entryId = z.uuid().safeParse(id);
  const by = ZActor.parse(actor);
  if (!entryId.success) throw new AppError('NOT_FOUND', 'We could not find that allowlist entry.');
  await db.transaction(async (tx) => {
    const [entry] = await tx.delete(staffAllowlist).where(eq(staffAllowlist.id, entryId.data)).returning();
    if (!entry) throw new AppError('NOT_FOUND', 'We could not find that allowlist entry.');
    await options.beforeCommit?.(tx);
    await recordAuditEntry(tx, {
      actorKind: 'staff',
      actorUserId: by.userId,
      action: 'security.allowlist-removed',
      subjectUserId: entry.userId,
      objectType: 'staff_allowlist',
      objectId: entry.id,
      clientIp: canonicalAddress(by.ip),
    });
    await queueSecurityMail(tx, {
      kind: 'security-setting-changed',
      cooldownKey: `allowlist-removed:${entry.id}`,
      subjectUserId: entry.userId,
      facts: {
        change: 'A network was removed from a staff allowlist',
        scope: scopeInWords(entry, await emailOf(tx, entry.userId)),
        network: entry.network,
        label: entry.label,
        changedBy: (await emailOf(tx, by.userId)) ?? by.userId,
      },
    });
  });
}

/** Every entry: site-wide first, then by role, then by account; oldest first within each. */
export async function listAllowlist(executor: TExecutor = db): Promise<TAllowlistEntry[]> {
  return executor.select().from(staffAllowlist).orderBy(asc(staffAllowlist.scope), asc(staffAllowlist.role), asc(staffAllowlist.createdAt));
}

/** The entries that apply to one account (site-wide, its role, itself). */
export async function allowlistFor(account: { userId: string; role: TStaffRole }, executor: TExecutor = db): Promise<TAllowlistEntry[]> {
  return executor
    .select()
    .from(staffAllowlist)
    .where(
      sql`${staffAllowlist.scope} = 'site' or (${and(eq(staffAllowlist.scope, 'role'), eq(staffAllowlist.role, account.role))}) or (${and(eq(staffAllowlist.scope, 'account'), eq(staffAllowlist.userId, account.userId))})`,
    )
    .orderBy(asc(staffAllowlist.scope), asc(staffAllowlist.createdAt));
}
