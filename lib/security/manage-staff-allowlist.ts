import 'server-only';
import { and, asc, eq, sql } from 'drizzle-orm';
import { z, ZodError } from 'zod';
import { staffAllowlist, users } from '@/db/schema';
import { db, type TTransaction } from '@/lib/db/client';
import { AppError, fieldErrorsFrom } from '@/lib/errors';
import { roleHasPermission, staffRoles } from '@/lib/staff/permissions';
import type { TStaffActor } from '@/lib/staff/require-staff';
import { addAllowlistEntry, isStaffAddressAllowed, removeAllowlistEntry, type TAllowlistEntry } from './staff-allowlist';

export type TAllowlistRow = TAllowlistEntry & { accountEmail: string | null };

/** The allowlists for the security-policy page (security.read), with the e-mail of each account entry's account. */
export async function listStaffAllowlist(actor: TStaffActor): Promise<TAllowlistRow[]> {
  if (!roleHasPermission(actor.role, 'security.read')) throw new AppError('FORBIDDEN', 'You do not have permission to see this.');
  const rows = await db
    .select({ entry: staffAllowlist, accountEmail: users.email })
    .from(staffAllowlist)
    .leftJoin(users, eq(users.id, staffAllowlist.userId))
    .orderBy(asc(staffAllowlist.scope), asc(staffAllowlist.role), asc(staffAllowlist.createdAt));
  return rows.map((row) => ({ ...row.entry, accountEmail: row.accountEmail }));
}

/** What the add form sends: an account entry names its account by login e-mail. */
const ZAddInput = z.object({
  scope: z.enum(['site', 'role', 'account'], { error: 'Choose whom the entry applies to.' }),
  role: z.union([z.literal(''), z.enum(staffRoles)]).default(''),
  accountEmail: z.union([z.literal(''), z.email('Enter the e-mail address of a staff account.').max(320)]).default(''),
  network: z.string().max(100).default(''),
  label: z.string().max(500).default(''),
});

export type TAddAllowlistInput = z.input<typeof ZAddInput>;

/**
 * Refuses (and so rolls back) a change after which the acting staff member's own address would no
 * longer be allowed: they could not undo it, and nobody else might be able to either.
 */
const refuseSelfLockout = (actor: TStaffActor, field?: string) => async (tx: TTransaction) => {
  if (await isStaffAddressAllowed(actor.client.ip, { userId: actor.userId, role: actor.role }, tx)) return;
  const yours = actor.client.ip ? `your current address (${actor.client.ip})` : 'your current address (which we cannot tell)';
  const message = `This change would lock you out: ${yours} would no longer be allowed. Add a network that contains your address first.`;
  throw new AppError('CONFLICT', message, field ? { [field]: message } : {});
};

/** The field names of the add form for what the allowlist's own validation reports. */
function asFormErrors(fieldErrors: Record<string, string>): Record<string, string> {
  const renamed: Record<string, string> = {};
  for (const [field, message] of Object.entries(fieldErrors)) renamed[field === 'userId' ? 'accountEmail' : field] = message;
  return renamed;
}

/** Adds a network to an allowlist (security.manage); audited and mailed by addAllowlistEntry; never locks out the actor. */
export async function addStaffAllowlistEntry(actor: TStaffActor, input: TAddAllowlistInput | Record<string, string>): Promise<TAllowlistEntry> {
  if (!roleHasPermission(actor.role, 'security.manage')) throw new AppError('FORBIDDEN', 'You do not have permission to do this.');
  const parsed = ZAddInput.safeParse(input);
  if (!parsed.success) throw new AppError('INVALID_INPUT', 'Please correct the marked fields.', fieldErrorsFrom(parsed.error));
  const form = parsed.data;
  let userId: string | null = null;
  if (form.scope === 'account') {
    if (!form.accountEmail) throw new AppError('INVALID_INPUT', 'Please correct the marked fields.', { accountEmail: 'Enter the e-mail address of a staff account.' });
    const [account] = await db
      .select({ id: users.id })
      .from(users)
      .where(and(eq(sql`lower(${users.email})`, form.accountEmail.toLowerCase()), eq(users.kind, 'staff')));
    if (!account) throw new AppError('INVALID_INPUT', 'Please correct the marked fields.', { accountEmail: 'No staff account has this e-mail address.' });
    userId = account.id;
  }
  try {
    return await addAllowlistEntry(
      { scope: form.scope, role: form.scope === 'role' ? form.role || null : null, userId, network: form.network, label: form.label },
      { userId: actor.userId, ip: actor.client.ip },
      { beforeCommit: refuseSelfLockout(actor, 'network') },
    );
  } catch (error) {
    if (error instanceof ZodError) throw new AppError('INVALID_INPUT', 'Please correct the marked fields.', asFormErrors(fieldErrorsFrom(error)));
    if (error instanceof AppError && Object.keys(error.fieldErrors).length > 0) throw new AppError(error.code, error.userMessage, asFormErrors(error.fieldErrors));
    throw error;
  }
}

/** Removes an entry (security.manage); audited and mailed by removeAllowlistEntry; never locks out the actor. */
export async function removeStaffAllowlistEntry(actor: TStaffActor, entryId: string): Promise<void> {
  if (!roleHasPermission(actor.role, 'security.manage')) throw new AppError('FORBIDDEN', 'You do not have permission to do this.');
  await removeAllowlistEntry(entryId, { userId: actor.userId, ip: actor.client.ip }, { beforeCommit: refuseSelfLockout(actor) });
}
