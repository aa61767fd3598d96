import 'server-only';
import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import { privacyRequests, users } from '@/db/schema';
import { db } from '@/lib/db/client';
import { serverEnv } from '@/lib/env';
import { logLine } from '@/lib/log/log-line';
import { queueMail } from '@/lib/mail/send-mail';
import { getSetting } from '@/lib/settings/get-setting';
import { eraseAccount } from './erase-account';
import { findUnpaidInvoices } from './find-unpaid-invoices';
import type { TInactiveAccounts } from './inactive-accounts-settings';

const DAY_MS = 86_400_000;

export type TInactiveAccountsOutcome = {
  enabled: boolean;
  warned: number;
  erased: number;
  /** Inactive long enough, but an invoice is unpaid: neither warned nor erased. */
  skippedUnpaid: number;
  /** Processing restricted (art. 18): kept and not mailed. */
  skippedRestricted: number;
  failed: number;
};

export type TEraseInactiveAccountsOptions = {
  /**
   * Counts what a run would do now (warned: would be warned, erased: would be erased, skipped the
   * same) through the same selection, and mails, erases, records and logs nothing. failed stays 0.
   */
  dryRun?: boolean;
  now?: Date;
  /** The rule in force, when the caller already read it (runInactiveAccounts); else read from the settings. */
  rule?: TInactiveAccounts;
};

type TCandidate = { id: string; email: string; fullName: string; restrictedAt: Date | null; warnedAt: Date | null; lastActiveAt: Date };

const monthsBefore = (date: Date, months: number) => {
  const result = new Date(date);
  result.setUTCMonth(result.getUTCMonth() - months);
  return result;
};
const monthsAfter = (date: Date, months: number) => monthsBefore(date, -months);

/**
 * The last sign-in, use of a signed-in session or order of an account, whichever is latest; an
 * account never used counts from its activation or creation.
 */
const lastActiveAt = sql<Date>`greatest(
  ${users.createdAt}, ${users.activatedAt}, ${users.lastLoginAt},
  (select max(s.last_seen_at) from sessions s where s.user_id = ${users.id}),
  (select max(o.submitted_at) from orders o where o.customer_user_id = ${users.id}))`;

/**
 * Daily job privacy.erase-inactive-accounts, when the site owner switched the rule on
 * (privacy.inactiveAccounts; off by default). An active customer account with no activity for
 * `months` is erased through the erasure engine (a privacy request of source retention_policy,
 * then eraseAccount: receipt, tombstone, audit), after one warning mailed `warnDays` before; any
 * activity after the warning voids it, so a later spell of inactivity is warned again. An account
 * with an unpaid invoice, or whose processing is restricted, is skipped (and logged); so is one with
 * an erasure request already under way. `now` is injectable for tests. The job runs it through
 * runInactiveAccounts, which logs the run; the staff retention page shows its dry run.
 */
export async function eraseInactiveAccounts(options: TEraseInactiveAccountsOptions = {}): Promise<TInactiveAccountsOutcome> {
  const now = options.now ?? new Date();
  const dryRun = options.dryRun ?? false;
  const rule = options.rule ?? (await getSetting('privacy.inactiveAccounts'));
  const outcome: TInactiveAccountsOutcome = { enabled: rule.months !== null, warned: 0, erased: 0, skippedUnpaid: 0, skippedRestricted: 0, failed: 0 };
  if (rule.months === null) return outcome;

  // Inactive before this: the period is over. Before warnFrom: the warning is due.
  const periodOverBefore = monthsBefore(now, rule.months);
  const warnFrom = rule.warnDays === null ? periodOverBefore : new Date(periodOverBefore.getTime() + rule.warnDays * DAY_MS);
  const erasureUnderWay = sql`exists (select 1 from privacy_requests r where r.subject_user_id = ${users.id} and r.kind = 'erasure'
    and r.state in ('awaiting_confirmation', 'open', 'cooling_off', 'failed'))`;
  const candidates: TCandidate[] = await db
    .select({ id: users.id, email: users.email, fullName: users.fullName, restrictedAt: users.restrictedAt, warnedAt: users.inactivityWarnedAt, lastActiveAt })
    .from(users)
    .where(and(eq(users.kind, 'customer'), eq(users.status, 'active'), isNull(users.erasedAt), lt(lastActiveAt, warnFrom), sql`not ${erasureUnderWay}`))
    .then((rows) => rows.map((row) => ({ ...row, lastActiveAt: new Date(row.lastActiveAt) })));

  for (const account of candidates) {
    if (account.restrictedAt) {
      outcome.skippedRestricted += 1;
      if (!dryRun) logLine('info', 'privacy', `inactive account ${account.id} kept: its processing is restricted`);
      continue;
    }
    const unpaid = await findUnpaidInvoices(db, account.id, now);
    if (unpaid.length > 0) {
      outcome.skippedUnpaid += 1;
      if (!dryRun) logLine('info', 'privacy', `inactive account ${account.id} kept: ${unpaid.length} unpaid ${unpaid.length === 1 ? 'invoice' : 'invoices'}`);
      continue;
    }
    const warnedForThisSpell = account.warnedAt !== null && account.warnedAt >= account.lastActiveAt;
    const periodOver = account.lastActiveAt < periodOverBefore;
    const warningServed = rule.warnDays === null || (warnedForThisSpell && account.warnedAt!.getTime() <= now.getTime() - rule.warnDays * DAY_MS);
    // The dry run takes the same decisions as the run below, and counts them instead of acting.
    if (dryRun) {
      if (periodOver && warningServed) outcome.erased += 1;
      else if (!warnedForThisSpell && rule.warnDays !== null) outcome.warned += 1;
      continue;
    }
    try {
      if (periodOver && warningServed) {
        if ((await eraseInactiveAccount(account, rule.months, now)) === 'erased') outcome.erased += 1;
        else outcome.failed += 1;
      } else if (!warnedForThisSpell && rule.warnDays !== null) {
        // Warned late (the rule was just switched on, or the job did not run): erased warnDays after the warning, not before.
        const eraseOn = new Date(Math.max(monthsAfter(account.lastActiveAt, rule.months).getTime(), now.getTime() + rule.warnDays * DAY_MS));
        if (await warnInactiveAccount(account, eraseOn, now)) outcome.warned += 1;
      }
    } catch (error) {
      outcome.failed += 1;
      logLine('error', 'privacy', `inactive account ${account.id}: ${error instanceof Error ? error.name : 'error'}`);
    }
  }
  return outcome;
}

/** One warning per spell of inactivity: the row is claimed in the same transaction that queues the mail. */
async function warnInactiveAccount(account: TCandidate, eraseOn: Date, now: Date): Promise<boolean> {
  return db.transaction(async (tx) => {
    const claimed = await tx
      .update(users)
      .set({ inactivityWarnedAt: now })
      .where(and(eq(users.id, account.id), or(isNull(users.inactivityWarnedAt), lt(users.inactivityWarnedAt, account.lastActiveAt))))
      .returning({ id: users.id });
    if (claimed.length === 0) return false;
    const { APP_URL } = serverEnv();
    await queueMail(tx, {
      template: 'inactive-account-warning',
      to: { address: account.email, name: account.fullName },
      subjectUserId: account.id,
      data: { name: account.fullName, lastActiveOn: account.lastActiveAt, eraseOn, signInUrl: `${APP_URL}/login`, privacyUrl: `${APP_URL}/privacy` },
    });
    return true;
  });
}

/** Records the erasure on the privacy desk as started by the retention policy, then erases through eraseAccount. */
async function eraseInactiveAccount(account: TCandidate, months: number, now: Date) {
  const [request] = await db
    .insert(privacyRequests)
    .values({
      kind: 'erasure',
      state: 'cooling_off',
      source: 'retention_policy',
      subjectUserId: account.id,
      details: `No sign-in or order since ${account.lastActiveAt.toISOString().slice(0, 10)}; the inactive-accounts rule erases accounts after ${months} months.`,
      receivedAt: now,
      dueAt: now,
      confirmedAt: now,
      eraseAfter: now,
    })
    .returning({ id: privacyRequests.id });
  return eraseAccount(request!.id, { now });
}
