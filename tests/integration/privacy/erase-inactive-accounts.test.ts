import { and, desc, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailOutbox, privacyRequests, retentionRuns, users } from '@/db/schema';
import { closeDatabase, db } from '@/lib/db/client';
import { fillPlaceholders } from '@/lib/content/fill-placeholders';
import { placeholderValues, siteText } from '@/lib/content/site-texts';
import { eraseInactiveAccounts } from '@/lib/privacy/erase-inactive-accounts';
import { defaultInactiveAccounts } from '@/lib/privacy/inactive-accounts-settings';
import { DEFAULT_PRIVACY_POLICY } from '@/lib/settings/default-privacy-policy';
import { getSetting } from '@/lib/settings/get-setting';
import { updateSetting } from '@/lib/settings/update-setting';
import { AppError } from '@/lib/errors';
import { changeInactiveAccounts } from '@/lib/privacy/change-inactive-accounts';
import { listMyData } from '@/lib/privacy/list-my-data';
import { runInactiveAccounts } from '@/lib/privacy/run-inactive-accounts';
import { runRetentionCommand } from '@/lib/privacy/run-retention-command';
import { createCustomer, createSignedInCustomer, signIn } from '../../helpers/actor-factory';
import { staffActorFor } from '../../helpers/staff-actor';
import { setTestSeller } from '../../helpers/order-factory';
import { issueTestInvoice } from '../invoices/invoice-kit';

const DAY = 86_400_000;
const T = new Date();
const monthsBefore = (months: number, days = 0) => {
  const date = new Date(T);
  date.setUTCMonth(date.getUTCMonth() - months);
  return new Date(date.getTime() + days * DAY);
};

/** A customer whose every trace of activity is at `lastActive`. */
async function inactiveCustomer(lastActive: Date, values: Partial<typeof users.$inferInsert> = {}) {
  return createCustomer({ createdAt: lastActive, activatedAt: lastActive, lastLoginAt: lastActive, ...values });
}

const warningsTo = async (userId: string) =>
  (await db.select({ id: mailOutbox.id }).from(mailOutbox).where(and(eq(mailOutbox.subjectUserId, userId), eq(mailOutbox.template, 'inactive-account-warning')))).length;

const accountOf = async (userId: string) => (await db.select({ erasedAt: users.erasedAt, warnedAt: users.inactivityWarnedAt, email: users.email }).from(users).where(eq(users.id, userId)))[0]!;

afterAll(async () => {
  // Settings are shared by every file of the run: leave the rule as the default has it.
  await updateSetting('privacy.inactiveAccounts', defaultInactiveAccounts);
  await closeDatabase();
});
beforeAll(() => setTestSeller());

describe('the inactive-accounts rule', () => {
  it('is off by default: nothing is warned or erased, and the privacy policy says nothing about it', async () => {
    expect((await getSetting('privacy.inactiveAccounts')).months).toBeNull();
    const long = await inactiveCustomer(monthsBefore(60));
    const outcome = await eraseInactiveAccounts({ now: T });
    expect(outcome).toEqual({ enabled: false, warned: 0, erased: 0, skippedUnpaid: 0, skippedRestricted: 0, failed: 0 });
    expect(await accountOf(long.userId)).toMatchObject({ erasedAt: null, warnedAt: null });
    expect(await warningsTo(long.userId)).toBe(0);
    const policy = (await siteText('texts.privacyPolicy')).text;
    expect(policy).not.toMatch(/neither sign in nor order/);
    expect(policy).not.toContain('{inactive-accounts}');
    const viewer = await createSignedInCustomer();
    expect((await listMyData(viewer.actor)).find((group) => group.table === 'users')!.retention).toEqual(['As long as the account exists']);
  });

  it('warns once, is reset by a sign-in, erases after the warning period through the desk, and skips unpaid and restricted accounts', async () => {
    await updateSetting('privacy.inactiveAccounts', { months: 12, warnDays: 30 });
    const policy = (await siteText('texts.privacyPolicy')).text;
    expect(policy).toContain('If you neither sign in nor order for 12 months, we erase your account');
    expect(policy).toContain('We e-mail you 30 days before; signing in keeps your account.');
    // My data says how long the account lasts under the rule.
    const viewer = await createSignedInCustomer();
    const accountGroup = (await listMyData(viewer.actor)).find((group) => group.table === 'users')!;
    expect(accountGroup.retention.join(' ')).toContain('a customer account with no sign-in and no order for 12 months is erased');

    // Inactive 11 months and 20 days: inside the 30 days before the end of the period.
    const warnedThenErased = await inactiveCustomer(monthsBefore(12, 10));
    const warnedThenSignsIn = await inactiveCustomer(monthsBefore(12, 10));
    const recent = await inactiveCustomer(monthsBefore(12, 40));
    const unpaid = await inactiveCustomer(monthsBefore(24));
    await issueTestInvoice(unpaid.userId, { issuedAt: monthsBefore(24), values: { submittedAt: monthsBefore(24) } });
    const restricted = await inactiveCustomer(monthsBefore(24), { restrictedAt: monthsBefore(23) });

    const first = await eraseInactiveAccounts({ now: T });
    expect(first.enabled).toBe(true);
    expect(first.warned).toBeGreaterThanOrEqual(2);
    expect(first.skippedUnpaid).toBeGreaterThanOrEqual(1);
    expect(first.skippedRestricted).toBeGreaterThanOrEqual(1);
    expect(await warningsTo(warnedThenErased.userId)).toBe(1);
    expect(await warningsTo(warnedThenSignsIn.userId)).toBe(1);
    expect((await accountOf(warnedThenErased.userId)).warnedAt).toEqual(T);
    for (const kept of [recent, unpaid, restricted]) {
      expect(await warningsTo(kept.userId)).toBe(0);
      expect(await accountOf(kept.userId)).toMatchObject({ erasedAt: null, warnedAt: null });
    }

    // The next day: no second warning, and nobody is erased before the warning period is over.
    await eraseInactiveAccounts({ now: new Date(T.getTime() + DAY) });
    expect(await warningsTo(warnedThenErased.userId)).toBe(1);
    expect((await accountOf(warnedThenErased.userId)).erasedAt).toBeNull();

    await signIn(warnedThenSignsIn.userId);

    const later = new Date(T.getTime() + 31 * DAY);
    const last = await eraseInactiveAccounts({ now: later });
    expect(last.erased).toBeGreaterThanOrEqual(1);
    expect(last.failed).toBe(0);

    const erased = await accountOf(warnedThenErased.userId);
    expect(erased.erasedAt).toEqual(later);
    expect(erased.email).not.toBe(warnedThenErased.email);
    const [request] = await db.select().from(privacyRequests).where(eq(privacyRequests.subjectUserId, warnedThenErased.userId));
    expect(request).toMatchObject({ kind: 'erasure', source: 'retention_policy', state: 'completed' });
    // The receipt went to the address before it was erased.
    const receipts = await db.select({ id: mailOutbox.id }).from(mailOutbox).where(and(eq(mailOutbox.subjectUserId, warnedThenErased.userId), eq(mailOutbox.template, 'erasure-receipt')));
    expect(receipts).toHaveLength(1);

    // Signing in after the warning kept the account, and the new spell of activity needs no warning yet.
    expect(await accountOf(warnedThenSignsIn.userId)).toMatchObject({ erasedAt: null });
    expect(await warningsTo(warnedThenSignsIn.userId)).toBe(1);
    // Now inside the 30 days before the end of its period: warned.
    expect(await accountOf(recent.userId)).toMatchObject({ erasedAt: null });
    expect(await warningsTo(recent.userId)).toBe(1);
    for (const kept of [unpaid, restricted]) {
      expect(await accountOf(kept.userId)).toMatchObject({ erasedAt: null, warnedAt: null });
      expect(await db.select().from(privacyRequests).where(eq(privacyRequests.subjectUserId, kept.userId))).toEqual([]);
    }
  });

  it('without a warning period, erases as soon as the period is over', async () => {
    await updateSetting('privacy.inactiveAccounts', { months: 6, warnDays: null });
    const gone = await inactiveCustomer(monthsBefore(6, -1));
    const stays = await inactiveCustomer(monthsBefore(6, 1));
    const outcome = await eraseInactiveAccounts({ now: T });
    expect(outcome.warned).toBe(0);
    expect((await accountOf(gone.userId)).erasedAt).toEqual(T);
    expect((await accountOf(stays.userId)).erasedAt).toBeNull();
    expect(await warningsTo(gone.userId)).toBe(0);
    const policy = fillPlaceholders(DEFAULT_PRIVACY_POLICY, { ...(await placeholderValues()), inactiveAccounts: { months: 6, warnDays: null } });
    expect(policy).toContain('If you neither sign in nor order for 6 months');
    expect(policy).not.toContain('We e-mail you');
  });

  it('a dry run counts what a real run then does, and mails, erases and records nothing', async () => {
    await updateSetting('privacy.inactiveAccounts', { months: 12, warnDays: 30 });
    // Later than every date the tests above used, so their accounts are settled too.
    const N = new Date(T.getTime() + 60 * DAY);
    const before = (months: number, days = 0) => {
      const date = new Date(N);
      date.setUTCMonth(date.getUTCMonth() - months);
      return new Date(date.getTime() + days * DAY);
    };
    const toWarn = await inactiveCustomer(before(12, 10));
    const toErase = await inactiveCustomer(before(13), { inactivityWarnedAt: new Date(N.getTime() - 31 * DAY) });
    const unpaid = await inactiveCustomer(before(24));
    await issueTestInvoice(unpaid.userId, { issuedAt: before(24), values: { submittedAt: before(24) } });
    const restricted = await inactiveCustomer(before(24), { restrictedAt: before(23) });
    const active = await inactiveCustomer(before(6));
    const mine = [toWarn, toErase, unpaid, restricted, active].map((customer) => customer.userId);

    const snapshot = async () => ({
      mail: (await db.select({ id: mailOutbox.id }).from(mailOutbox)).length,
      requests: (await db.select({ id: privacyRequests.id }).from(privacyRequests)).length,
      runs: (await db.select({ id: retentionRuns.id }).from(retentionRuns)).length,
      accounts: await db
        .select({ id: users.id, email: users.email, erasedAt: users.erasedAt, warnedAt: users.inactivityWarnedAt, status: users.status })
        .from(users)
        .where(inArray(users.id, mine))
        .orderBy(users.id),
    });
    const untouched = await snapshot();
    const dryRun = await eraseInactiveAccounts({ dryRun: true, now: N });
    expect(await snapshot()).toEqual(untouched);
    expect(dryRun).toMatchObject({ enabled: true, failed: 0 });
    expect(dryRun.warned).toBeGreaterThanOrEqual(1);
    expect(dryRun.erased).toBeGreaterThanOrEqual(1);
    expect(dryRun.skippedUnpaid).toBeGreaterThanOrEqual(1);
    expect(dryRun.skippedRestricted).toBeGreaterThanOrEqual(1);
    // A second dry run finds the same: the first left nothing behind.
    expect(await eraseInactiveAccounts({ dryRun: true, now: N })).toEqual(dryRun);

    const real = await runInactiveAccounts('schedule', { now: N });
    expect(real).toEqual(dryRun);
    expect(await warningsTo(toWarn.userId)).toBe(1);
    expect((await accountOf(toErase.userId)).erasedAt).toEqual(N);
    for (const kept of [unpaid, restricted, active]) {
      expect(await accountOf(kept.userId)).toMatchObject({ erasedAt: null, warnedAt: null });
      expect(await warningsTo(kept.userId)).toBe(0);
    }

    // The run is logged beside the retention runs, with its counts and no account named.
    const [run] = await db.select().from(retentionRuns).orderBy(desc(retentionRuns.id)).limit(1);
    expect(run).toMatchObject({ job: 'inactive-accounts', trigger: 'schedule', failure: null, counts: [], totalRows: 0 });
    expect(run!.finishedAt).not.toBeNull();
    const { enabled: _enabled, ...counts } = real;
    expect(run!.accountCounts).toEqual(counts);
    expect((await db.select({ id: retentionRuns.id }).from(retentionRuns)).length).toBe(untouched.runs + 1);
  });

  it('while the rule is off, the dry run says so and a run is neither done nor logged', async () => {
    await updateSetting('privacy.inactiveAccounts', defaultInactiveAccounts);
    const long = await inactiveCustomer(monthsBefore(60));
    const runs = (await db.select({ id: retentionRuns.id }).from(retentionRuns)).length;
    const off = { enabled: false, warned: 0, erased: 0, skippedUnpaid: 0, skippedRestricted: 0, failed: 0 };
    expect(await eraseInactiveAccounts({ dryRun: true, now: T })).toEqual(off);
    expect(await runInactiveAccounts('schedule', { now: T })).toEqual(off);
    expect((await db.select({ id: retentionRuns.id }).from(retentionRuns)).length).toBe(runs);
    expect(await accountOf(long.userId)).toMatchObject({ erasedAt: null, warnedAt: null });
  });

  it('is set on the retention page by staff with settings.manage only, with a clear message next to a bad field', async () => {
    const refusal = (promise: Promise<unknown>) =>
      promise.then(
        () => {
          throw new Error('expected a refusal');
        },
        (error: unknown) => error as AppError,
      );
    const form = (months: string, warnDays: string) => ({ 'privacy.inactiveAccounts.months': months, 'privacy.inactiveAccounts.warnDays': warnDays });
    await updateSetting('privacy.inactiveAccounts', defaultInactiveAccounts);
    for (const role of ['sales', 'catalog', 'privacy_officer'] as const) {
      const error = await refusal(changeInactiveAccounts(await staffActorFor(role), form('24', '30')));
      expect(error.code).toBe('FORBIDDEN');
    }
    const admin = await staffActorFor('admin');
    expect((await refusal(changeInactiveAccounts(admin, form('3', '30')))).fieldErrors).toEqual({ 'privacy.inactiveAccounts.months': 'At least 6 months.' });
    expect((await refusal(changeInactiveAccounts(admin, form('twelve', '')))).fieldErrors).toEqual({ 'privacy.inactiveAccounts.months': 'Enter a whole number of months, or leave it empty.' });
    expect((await refusal(changeInactiveAccounts(admin, form('6', '91')))).fieldErrors).toEqual({ 'privacy.inactiveAccounts.warnDays': 'At most 90 days.' });
    expect(await getSetting('privacy.inactiveAccounts')).toEqual(defaultInactiveAccounts);

    expect(await changeInactiveAccounts(admin, form('24', ''))).toEqual({ changed: true });
    expect(await getSetting('privacy.inactiveAccounts')).toEqual({ months: 24, warnDays: null });
    expect(await changeInactiveAccounts(admin, form('', '30'))).toEqual({ changed: true });
    expect(await getSetting('privacy.inactiveAccounts')).toEqual({ months: null, warnDays: 30 });
  });
});

describe('npm run privacy:retention (runRetentionCommand)', () => {
  const runsNow = async () => db.select().from(retentionRuns).orderBy(desc(retentionRuns.id));
  const mailCount = async () => (await db.select({ id: mailOutbox.id }).from(mailOutbox)).length;

  it('while the rule is off, runs and logs the retention job only, and says the rule is off', async () => {
    await updateSetting('privacy.inactiveAccounts', defaultInactiveAccounts);
    const before = (await runsNow()).length;
    const dry = await runRetentionCommand({ dryRun: true });
    expect(dry.lines).toContain('inactive accounts: the inactive-accounts rule is off; no account is warned or erased');
    expect(dry.lines.at(-1)).toBe('dry run: nothing was changed');
    expect(dry.lines.some((line) => line.includes('would delete'))).toBe(true);
    expect((await runsNow()).length).toBe(before);

    const real = await runRetentionCommand({ dryRun: false });
    expect(real.lines).toContain('inactive accounts: the inactive-accounts rule is off; no account is warned or erased');
    expect(real.lines).not.toContain('dry run: nothing was changed');
    const runs = await runsNow();
    expect(runs.length).toBe(before + 1);
    expect(runs[0]).toMatchObject({ job: 'retention', trigger: 'command', failure: null });
  });

  it('while the rule is on, a dry run names what it would warn and erase and changes nothing; a real run does it and logs both jobs', async () => {
    await updateSetting('privacy.inactiveAccounts', { months: 12, warnDays: 30 });
    // At the real time, as the command runs (a later time would make the retention job delete other files' rows):
    // a first run settles the accounts of the tests above, so only the two below are left to warn or erase.
    await runRetentionCommand({ dryRun: false });
    const ago = (months: number, days = 0) => {
      const date = new Date();
      date.setUTCMonth(date.getUTCMonth() - months);
      return new Date(date.getTime() + days * DAY);
    };
    const toWarn = await inactiveCustomer(ago(12, 10));
    const toErase = await inactiveCustomer(ago(13), { inactivityWarnedAt: ago(0, -31) });

    const runs = (await runsNow()).length;
    const mail = await mailCount();
    const dry = await runRetentionCommand({ dryRun: true });
    // Accounts kept for an unpaid invoice or a restriction by the tests above are counted again, as every run counts them.
    expect(dry.inactiveAccounts).toMatchObject({ enabled: true, warned: 1, erased: 1, failed: 0 });
    expect(dry.lines).toEqual(expect.arrayContaining(['inactive accounts: would warn 1 account by mail', 'inactive accounts: would erase 1 account', 'dry run: nothing was changed']));
    expect(dry.lines.filter((line) => line.startsWith('inactive accounts: would keep'))).toHaveLength(2);
    expect((await runsNow()).length).toBe(runs);
    expect(await mailCount()).toBe(mail);
    expect(await accountOf(toWarn.userId)).toMatchObject({ erasedAt: null, warnedAt: null });
    expect((await accountOf(toErase.userId)).erasedAt).toBeNull();

    const real = await runRetentionCommand({ dryRun: false });
    expect(real.inactiveAccounts).toEqual(dry.inactiveAccounts);
    expect(real.lines).toEqual(expect.arrayContaining(['inactive accounts: warned 1 account by mail', 'inactive accounts: erased 1 account']));
    expect(await warningsTo(toWarn.userId)).toBe(1);
    expect((await accountOf(toErase.userId)).erasedAt).not.toBeNull();
    // Both jobs logged as the page lists them: the retention run first, then the rule's, by the command.
    const [rule, retention] = await runsNow();
    expect(retention).toMatchObject({ job: 'retention', trigger: 'command', failure: null });
    const { enabled: _enabled, ...counts } = real.inactiveAccounts;
    expect(rule).toMatchObject({ job: 'inactive-accounts', trigger: 'command', failure: null, accountCounts: counts });
    expect((await runsNow()).length).toBe(runs + 2);

    // Nothing left to warn or erase: the command says only what it kept.
    const again = await runRetentionCommand({ dryRun: false });
    expect(again.inactiveAccounts).toMatchObject({ warned: 0, erased: 0 });
    expect(again.lines.filter((line) => /^inactive accounts: (warned|erased)/.test(line))).toEqual([]);
    expect(again.lines.filter((line) => line.startsWith('inactive accounts: kept'))).toHaveLength(2);
  });
});
