/**
 * Cookie consent on the server: a choice is recorded in the consent ledger with the banner text's
 * hash, the versions in force and the anonymous consent id; refused when the texts changed since
 * the page was shown; linked to the account at sign-in; GPC noted; withdrawal recorded and the
 * category's cookies removed; erasure blanks the consent id; the retention job blanks guests' old
 * consent ids only; the ledger stays append-only; the scripts per category are an admin setting,
 * validated and audited. Files share a database one after another: settings changed are put back.
 */
import { randomUUID } from 'node:crypto';
import { and, desc, eq, sql } from 'drizzle-orm';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { auditTrail, consentLedger, textVersions } from '@/db/schema';
import { signInWithPassword } from '@/lib/auth/sign-in-with-password';
import { EMPTY_CATEGORY_SCRIPT } from '@/lib/cookie-consent/category-scripts';
import { decodeStoredChoice } from '@/lib/cookie-consent/cookie-choice';
import { cookieTexts } from '@/lib/cookie-consent/cookie-consent-config';
import { consentIdCookie, cookieChoiceCookie } from '@/lib/cookie-consent/consent-cookies';
import { deidentifyGuestCookieConsents } from '@/lib/cookie-consent/deidentify-guest-cookie-consents';
import { closeDatabase, db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { eraseSubject } from '@/lib/privacy/erase-subject';
import { changeSetting } from '@/lib/settings/change-settings';
import { getSetting } from '@/lib/settings/get-setting';
import { updateSetting } from '@/lib/settings/update-setting';
import { flushUsageCounts } from '@/lib/usage/count-usage';
import { saveCookieChoiceAction } from '@/app/cookies/actions';
import { createCustomer, TEST_CLIENT } from '../../helpers/actor-factory';
import { fakeRequest as request, signInFakeRequest } from '../../helpers/fake-next-headers';
import { staffActorFor } from '../../helpers/staff-actor';

vi.mock('next/headers', () => import('../../helpers/fake-next-headers'));

const STATS_SCRIPT = { name: 'Visit statistics', src: '', code: 'window.statsLoaded = true;', cookies: 'test_stats | Counts visits | 1 day' };

afterEach(async () => {
  request.cookies.clear();
  request.headers = {};
  await updateSetting('cookies.statisticsScript', EMPTY_CATEGORY_SCRIPT);
});
afterAll(closeDatabase);

const ALL = { preferences: true, statistics: true, marketing: true };
const NONE = { preferences: false, statistics: false, marketing: false };

async function rowsOf(consentId: string) {
  return db.select().from(consentLedger).where(eq(consentLedger.consentId, consentId)).orderBy(consentLedger.id);
}

async function choose(choice: typeof ALL, via: 'banner' | 'settings' = 'banner', revision?: string) {
  const answer = await saveCookieChoiceAction({ choice, revision: revision ?? (await cookieTexts()).revision, via });
  return answer;
}

describe('recording a cookie choice', () => {
  it("a guest's Accept all: one 'given' row per category with the banner's hash and versions, the consent id in a cookie, no subject and no address", async () => {
    const { banner, revision } = await cookieTexts();
    const answer = await choose(ALL);
    expect(answer.serverError).toBeUndefined();
    const consentId = request.cookies.get(consentIdCookie().name)!;
    expect(consentId).toMatch(/^[0-9a-f-]{36}$/);
    expect(decodeStoredChoice(request.cookies.get(cookieChoiceCookie().name))).toEqual({ revision, choice: ALL, overridesGpc: false });
    const rows = await rowsOf(consentId);
    expect(rows.map((row) => [row.purpose, row.action])).toEqual([
      ['cookie_preferences', 'given'],
      ['cookie_statistics', 'given'],
      ['cookie_marketing', 'given'],
    ]);
    for (const row of rows) {
      expect(row).toMatchObject({ subjectUserId: null, textSha256: banner.sha256, ip: null, cookieChoiceVia: 'banner', gpc: false });
      expect(row.textVersion).toContain(banner.version);
    }
  });

  it('keeps the consent id of the browser for the next choice', async () => {
    await choose(ALL);
    const consentId = request.cookies.get(consentIdCookie().name)!;
    await choose(NONE, 'settings');
    expect(request.cookies.get(consentIdCookie().name)).toBe(consentId);
    const rows = await rowsOf(consentId);
    expect(rows.slice(3).map((row) => [row.action, row.cookieChoiceVia])).toEqual([
      ['withdrawn', 'settings'],
      ['withdrawn', 'settings'],
      ['withdrawn', 'settings'],
    ]);
  });

  it('refuses a choice made under texts that are no longer in force, and writes nothing', async () => {
    const answer = await choose(ALL, 'banner', '0123456789abcdef');
    expect(answer.serverError?.error).toMatch(/changed while this page was open/);
    expect(request.cookies.has(consentIdCookie().name)).toBe(false);
  });

  it('a new version of the cookie policy is a new revision: a choice made under the old one is refused', async () => {
    const before = await cookieTexts();
    await db.insert(textVersions).values({ key: 'texts.cookiePolicy', version: 9001, body: 'A new cookie policy.', effectiveAt: new Date(Date.now() - 1000), changeNote: 'test', material: false });
    try {
      const after = await cookieTexts();
      expect(after.revision).not.toBe(before.revision);
      expect(after.banner.sha256).toBe(before.banner.sha256);
      expect((await choose(ALL, 'banner', before.revision)).serverError?.error).toMatch(/changed while this page was open/);
      expect((await choose(ALL, 'banner', after.revision)).serverError).toBeUndefined();
    } finally {
      await db.delete(textVersions).where(and(eq(textVersions.key, 'texts.cookiePolicy'), eq(textVersions.version, 9001)));
    }
  });

  it('counts Accept all, Reject all and choices in Cookie settings as anonymous usage', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const countOf = async (feature: string) =>
      Number((await db.execute<{ count: number }>(sql`select coalesce(sum(count), 0)::int as count from usage_counts where day = ${today} and feature = ${feature}`)).rows[0]!.count);
    await flushUsageCounts();
    const before = { accept: await countOf('cookie-accept-all'), reject: await countOf('cookie-reject-all'), settings: await countOf('cookie-settings-choice') };
    await choose(ALL);
    await choose(NONE);
    await choose(ALL, 'settings');
    await flushUsageCounts();
    expect({ accept: await countOf('cookie-accept-all'), reject: await countOf('cookie-reject-all'), settings: await countOf('cookie-settings-choice') }).toEqual({
      accept: before.accept + 1,
      reject: before.reject + 1,
      settings: before.settings + 1,
    });
  });

  it('refuses malformed input without writing', async () => {
    const answer = await saveCookieChoiceAction({ choice: { statistics: true }, revision: 'x', via: 'banner' } as never);
    expect(answer.validationErrors).toBeDefined();
    expect(request.cookies.size).toBe(0);
  });

  it('records a signed-in customer as the subject', async () => {
    const customer = await createCustomer();
    await signInFakeRequest(customer.userId);
    await choose(ALL);
    const rows = await rowsOf(request.cookies.get(consentIdCookie().name)!);
    expect(rows.map((row) => row.subjectUserId)).toEqual([customer.userId, customer.userId, customer.userId]);
  });

  it('notes Global Privacy Control; only a choice made in Cookie settings overrides the signal', async () => {
    request.headers = { 'sec-gpc': '1' };
    await choose(ALL, 'banner');
    expect(decodeStoredChoice(request.cookies.get(cookieChoiceCookie().name))?.overridesGpc).toBe(false);
    await choose({ ...NONE, statistics: true }, 'settings');
    expect(decodeStoredChoice(request.cookies.get(cookieChoiceCookie().name))).toMatchObject({ choice: { ...NONE, statistics: true }, overridesGpc: true });
    const rows = await rowsOf(request.cookies.get(consentIdCookie().name)!);
    expect(rows.every((row) => row.gpc)).toBe(true);
  });

  it("withdrawing a category removes the cookies its script sets, and keeps the others' cookies", async () => {
    await updateSetting('cookies.statisticsScript', STATS_SCRIPT);
    await choose(ALL);
    request.cookies.set('test_stats', '1');
    request.cookies.set('unrelated', '1');
    await choose({ ...ALL, statistics: false }, 'settings');
    expect(request.cookies.has('test_stats')).toBe(false);
    expect(request.cookies.has('unrelated')).toBe(true);
    const rows = await rowsOf(request.cookies.get(consentIdCookie().name)!);
    expect(rows.at(-2)).toMatchObject({ purpose: 'cookie_statistics', action: 'withdrawn' });
  });
});

describe('linking to the account at sign-in', () => {
  it("copies the browser's choice in force to the account once, leaving the guest rows as they were", async () => {
    const customer = await createCustomer();
    await choose({ ...NONE, marketing: true });
    const consentId = request.cookies.get(consentIdCookie().name)!;
    const signedIn = await signInWithPassword({ email: customer.email, password: customer.password }, TEST_CLIENT, null, null, consentId);
    expect(signedIn.ok).toBe(true);
    const rows = await rowsOf(consentId);
    expect(rows.slice(0, 3).every((row) => row.subjectUserId === null)).toBe(true);
    expect(rows.slice(3).map((row) => [row.subjectUserId, row.purpose, row.action, row.cookieChoiceVia])).toEqual([
      [customer.userId, 'cookie_preferences', 'withdrawn', 'sign_in'],
      [customer.userId, 'cookie_statistics', 'withdrawn', 'sign_in'],
      [customer.userId, 'cookie_marketing', 'given', 'sign_in'],
    ]);
    // Signing in again changes nothing: the latest choice is already the account's.
    await signInWithPassword({ email: customer.email, password: customer.password }, TEST_CLIENT, null, null, consentId);
    expect(await rowsOf(consentId)).toHaveLength(6);
  });

  it('a wrong password links nothing, and neither does a consent id nobody recorded', async () => {
    const customer = await createCustomer();
    await choose(ALL);
    const consentId = request.cookies.get(consentIdCookie().name)!;
    expect((await signInWithPassword({ email: customer.email, password: 'Wrong-Password-9' }, TEST_CLIENT, null, null, consentId)).ok).toBe(false);
    expect(await rowsOf(consentId)).toHaveLength(3);
    const unknown = randomUUID();
    expect((await signInWithPassword({ email: customer.email, password: customer.password }, TEST_CLIENT, null, null, unknown)).ok).toBe(true);
    expect(await rowsOf(unknown)).toHaveLength(0);
  });
});

describe('erasure and retention', () => {
  it("erasure blanks the consent id of the person's rows and keeps what was chosen; another browser's rows keep theirs", async () => {
    const customer = await createCustomer();
    await signInFakeRequest(customer.userId);
    await choose(ALL);
    const consentId = request.cookies.get(consentIdCookie().name)!;
    request.cookies.clear();
    await choose(ALL);
    const otherId = request.cookies.get(consentIdCookie().name)!;

    await db.transaction((tx) => eraseSubject(tx, customer.userId));

    const mine = await db.select().from(consentLedger).where(eq(consentLedger.subjectUserId, customer.userId));
    expect(mine).toHaveLength(3);
    expect(mine.every((row) => row.consentId === null && row.action === 'given')).toBe(true);
    expect(await rowsOf(consentId)).toHaveLength(0);
    expect(await rowsOf(otherId)).toHaveLength(3);
  });

  it('the ledger refuses to blank a consent id outside the de-identify functions, and any other change with the flag set by hand', async () => {
    await choose(ALL);
    const consentId = request.cookies.get(consentIdCookie().name)!;
    await expect(db.execute(sql`update consent_ledger set consent_id = null where consent_id = ${consentId}`)).rejects.toThrow();
    await expect(
      db.transaction(async (tx) => {
        await tx.execute(sql`select set_config('stockroom.consent_ledger_deidentify', 'on', true)`);
        await tx.execute(sql`update consent_ledger set consent_id = null, action = 'withdrawn' where consent_id = ${consentId}`);
      }),
    ).rejects.toThrow();
    await expect(db.execute(sql`delete from consent_ledger where consent_id = ${consentId}`)).rejects.toThrow();
    expect(await rowsOf(consentId)).toHaveLength(3);
  });

  it("the retention job blanks the consent id of visitors' choices past the period, not newer ones nor customers'", async () => {
    const days = (await getSetting('privacy.retentionDays'))['cookie-consent-proof'];
    const customer = await createCustomer();
    const { banner } = await cookieTexts();
    const row = (subjectUserId: string | null, age: number) => ({
      subjectUserId,
      purpose: 'cookie_statistics' as const,
      action: 'given' as const,
      textVersion: banner.version,
      textSha256: banner.sha256,
      consentId: randomUUID(),
      cookieChoiceVia: 'banner' as const,
      createdAt: new Date(Date.now() - age * 86_400_000),
    });
    const [guestOld, guestRecent, customerOld] = await db
      .insert(consentLedger)
      .values([row(null, days + 1), row(null, days - 1), row(customer.userId, days + 1)])
      .returning();

    const result = await deidentifyGuestCookieConsents();
    expect(result.deidentified).toBeGreaterThanOrEqual(1);

    const after = async (id: number) => (await db.select().from(consentLedger).where(eq(consentLedger.id, id)))[0]!;
    expect(await after(guestOld!.id)).toMatchObject({ consentId: null, action: 'given', textSha256: banner.sha256 });
    expect((await after(guestRecent!.id)).consentId).toBe(guestRecent!.consentId);
    expect((await after(customerOld!.id)).consentId).toBe(customerOld!.consentId);
  });
});

describe('scripts per category (back office)', () => {
  it('an admin sets a script: validated, saved and audited with the old and the new value', async () => {
    const admin = await staffActorFor('admin');
    expect(await changeSetting(admin, 'cookies.statisticsScript', STATS_SCRIPT)).toEqual({ changed: ['cookies.statisticsScript'] });
    expect(await getSetting('cookies.statisticsScript')).toEqual(STATS_SCRIPT);
    const [entry] = await db
      .select()
      .from(auditTrail)
      .where(and(eq(auditTrail.actorUserId, admin.userId), eq(auditTrail.action, 'settings.changed')))
      .orderBy(desc(auditTrail.id));
    expect(entry).toMatchObject({ actorKind: 'staff', objectType: 'site_setting', objectId: 'cookies.statisticsScript' });
  });

  it.each(['privacy_officer', 'sales', 'catalog'] as const)('refuses the %s role', async (role) => {
    const actor = await staffActorFor(role);
    const error = await changeSetting(actor, 'cookies.statisticsScript', STATS_SCRIPT).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('FORBIDDEN');
    expect(await getSetting('cookies.statisticsScript')).toEqual(EMPTY_CATEGORY_SCRIPT);
  });

  it('refuses a script address that is not https or a path here, a script without a name and malformed cookie lines, with a message per field', async () => {
    const admin = await staffActorFor('admin');
    const error = (await changeSetting(admin, 'cookies.marketingScript', { name: '', src: 'javascript:alert(1)', code: 'x()', cookies: 'no pipes here' }).catch((caught: unknown) => caught)) as AppError;
    expect(error).toBeInstanceOf(AppError);
    expect(Object.keys(error.fieldErrors).sort()).toEqual(['cookies.marketingScript.cookies', 'cookies.marketingScript.name', 'cookies.marketingScript.src']);
    expect(await getSetting('cookies.marketingScript')).toEqual(EMPTY_CATEGORY_SCRIPT);
  });
});
