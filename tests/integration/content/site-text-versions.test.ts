/**
 * Versioned site texts: publishing (validation, effective date, material flag, audit, roles), the
 * text in force, the "policy changed" notice, Markdown sanitising, the line diff, and the retention
 * periods the texts and the jobs share.
 */
import { and, desc, eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { activityEvents, auditTrail, consentLedger, retentionRuns, users } from '@/db/schema';
import { closeDatabase, db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { acknowledgePolicyChange, policyChangeFor } from '@/lib/content/policy-change';
import { previewText } from '@/lib/content/preview-text';
import { publishTextVersion } from '@/lib/content/publish-text-version';
import { renderMarkdown } from '@/lib/content/render-markdown';
import { registrationTexts, siteText } from '@/lib/content/site-texts';
import { lineDiff } from '@/lib/content/text-diff';
import { applyRetention } from '@/lib/privacy/apply-retention';
import { changeRetentionPeriods } from '@/lib/privacy/change-retention-periods';
import { editableRetentionKeys } from '@/lib/privacy/retention-settings';
import { runRetention } from '@/lib/privacy/run-retention';
import { DEFAULT_PRIVACY_POLICY } from '@/lib/settings/default-privacy-policy';
import { settingDefinitions } from '@/lib/settings/definitions';
import { getSetting } from '@/lib/settings/get-setting';
import { isTextKey, listTextVersions, textVersionInForce } from '@/lib/settings/text-versions';
import { updateSetting } from '@/lib/settings/update-setting';
import { createCustomer, createSignedInCustomer, TEST_CLIENT } from '../../helpers/actor-factory';
import { staffActorFor } from '../../helpers/staff-actor';

afterAll(closeDatabase);

const DAY = 86_400_000;
const isoDay = (offsetDays: number) => new Date(Date.now() + offsetDays * DAY).toISOString().slice(0, 10);

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

const periodsForm = (periods: Record<string, number>) => Object.fromEntries(editableRetentionKeys.map((key) => [`privacy.retentionDays.${key}`, String(periods[key])]));

describe('publishing a version of a text', () => {
  it('numbers versions, puts the newest in force at once, records the version shown and audits names only', async () => {
    const admin = await staffActorFor('admin');
    const before = await registrationTexts();
    expect(before.privacyNotice.number).toBe(0);
    expect(before.privacyNotice.version).toMatch(/^[0-9a-f]{12}$/);

    const body = `${DEFAULT_PRIVACY_POLICY}\n\n## Contact\n\nWrite to privacy@shop.example.`;
    const first = await publishTextVersion(admin, { key: 'texts.privacyPolicy', body, effectiveDate: '', changeNote: 'Added how to reach us' });
    expect(first).toMatchObject({ key: 'texts.privacyPolicy', version: 1, material: false, changeNote: 'Added how to reach us', createdBy: admin.userId });
    expect(await getSetting('texts.privacyPolicy')).toBe(body);

    const shown = (await registrationTexts()).privacyNotice;
    expect(shown.number).toBe(1);
    expect(shown.version).toMatch(new RegExp(`^v1 \\(${isoDay(0)}\\) #[0-9a-f]{8}$`));
    expect(shown.version.slice(-8)).toBe(shown.sha256.slice(0, 8));

    const [entry] = await db.select().from(auditTrail).where(eq(auditTrail.action, 'texts.version-published')).orderBy(desc(auditTrail.id)).limit(1);
    expect(entry).toMatchObject({ actorUserId: admin.userId, objectType: 'text_version', objectId: 'texts.privacyPolicy:1', details: { changedFields: ['texts.privacyPolicy'] } });
    expect(JSON.stringify(entry!.details)).not.toContain('privacy@shop.example');

    // The same text again is not a new version.
    const same = await refusal(publishTextVersion(admin, { key: 'texts.privacyPolicy', body, effectiveDate: '', changeNote: 'Again' }));
    expect(same.fieldErrors.body).toMatch(/text in force now/);
  });

  it('a version dated later waits for its day; a past date is refused', async () => {
    const admin = await staffActorFor('admin');
    const inForce = await getSetting('texts.marketingOptIn');
    const later = await publishTextVersion(admin, { key: 'texts.marketingOptIn', body: 'Send me the monthly newsletter. I can unsubscribe with one click.', effectiveDate: isoDay(3), changeNote: 'Monthly newsletter' });
    expect(later.effectiveAt.toISOString()).toBe(`${isoDay(3)}T00:00:00.000Z`);
    expect(await getSetting('texts.marketingOptIn')).toBe(inForce);
    expect((await textVersionInForce('texts.marketingOptIn', db, new Date(Date.now() + 4 * DAY)))?.version).toBe(later.version);

    const past = await refusal(publishTextVersion(admin, { key: 'texts.marketingOptIn', body: 'Something else entirely.', effectiveDate: isoDay(-1), changeNote: 'Backdated' }));
    expect(past.fieldErrors).toEqual({ effectiveDate: expect.stringMatching(/cannot take effect in the past/) });
    const malformed = await refusal(publishTextVersion(admin, { key: 'texts.marketingOptIn', body: 'Something else entirely.', effectiveDate: '31/12/2030', changeNote: 'Typo' }));
    expect(malformed.fieldErrors.effectiveDate).toMatch(/YYYY-MM-DD/);
  });

  it('refuses a missing change note, an unknown placeholder, a text too long for its setting and a key that is not a text', async () => {
    const admin = await staffActorFor('superadmin');
    const noNote = await refusal(publishTextVersion(admin, { key: 'texts.whatWeStore', body: 'We store little.', effectiveDate: '', changeNote: '  ' }));
    expect(noNote.fieldErrors.changeNote).toMatch(/what changed/);
    const placeholder = await refusal(publishTextVersion(admin, { key: 'texts.whatWeStore', body: 'Searches are kept {retention:activty}.', effectiveDate: '', changeNote: 'Typo' }));
    expect(placeholder.fieldErrors.body).toMatch(/\{retention:activty\}/);
    // The cooling-off may be 0, which "0 days" would misstate: texts say it with {erasure-cooling-off}.
    const days = await refusal(publishTextVersion(admin, { key: 'texts.whatWeStore', body: 'Locked for {days:privacy.erasureCoolingOffDays}.', effectiveDate: '', changeNote: 'Days' }));
    expect(days.fieldErrors.body).toMatch(/\{days:privacy\.erasureCoolingOffDays\}/);
    const long = await refusal(publishTextVersion(admin, { key: 'texts.ageConfirmation', body: 'x'.repeat(501), effectiveDate: '', changeNote: 'Long' }));
    expect(long.fieldErrors.body).toBeTruthy();
    const notText = await refusal(publishTextVersion(admin, { key: 'site.name', body: 'Evil', effectiveDate: '', changeNote: 'Rename' }));
    expect(notText.fieldErrors.key).toBe('There is no such text.');
    expect(await listTextVersions('texts.whatWeStore')).toEqual([]);
  });

  it('refuses every role without settings.manage, writing nothing', async () => {
    for (const role of ['sales', 'catalog', 'privacy_officer'] as const) {
      const actor = await staffActorFor(role);
      const error = await refusal(publishTextVersion(actor, { key: 'texts.licenceTerms', body: 'No terms at all.', effectiveDate: '', changeNote: 'Mine' }));
      expect(error.code).toBe('FORBIDDEN');
      const retention = await refusal(changeRetentionPeriods(actor, periodsForm(await getSetting('privacy.retentionDays'))));
      expect(retention.code).toBe('FORBIDDEN');
    }
    expect(await listTextVersions('texts.licenceTerms')).toEqual([]);
  });

  it('keeps the settings command working: a value set outside the editor becomes a version', async () => {
    await updateSetting('texts.parentalConsent', 'A parent agreed that I, under {age}, may have an account.');
    const [version] = await listTextVersions('texts.parentalConsent');
    expect(version).toMatchObject({ version: 1, material: false, createdBy: null });
    expect((await registrationTexts()).parentalConsent.text).toBe('A parent agreed that I, under 16, may have an account.');
  });
});

describe('rendering and comparing', () => {
  it('renders Markdown and strips script, event handlers and javascript: or data: links', () => {
    const html = renderMarkdown(
      [
        '# Who we are <script>alert(1)</script>',
        '',
        'We are <img src=x onerror=alert(1)> a shop. [Contact](https://shop.example/contact) or privacy@shop.example.',
        '',
        '- [click](javascript:alert(1))',
        '- [data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
        '- <a href="javascript:alert(2)">raw</a>',
        '- **bold** and <svg onload=alert(3)>',
      ].join('\n'),
    );
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img|<svg/i);
    expect(html).not.toMatch(/<[a-z][^>]*\son\w+\s*=/i);
    expect(html).not.toMatch(/<a [^>]*href="(?:javascript|data):/i);
    expect(html).toContain('<h2>Who we are &lt;script&gt;alert(1)&lt;/script&gt;</h2>');
    expect(html).toContain('<strong>bold</strong>');
    const hrefs = [...html.matchAll(/<a [^>]*href="([^"]*)"/g)].map((match) => match[1]);
    expect(hrefs).toEqual(['https://shop.example/contact', 'mailto:privacy@shop.example']);
    expect(html).toContain('rel="nofollow noopener"');
  });

  it('the default policy renders as headings and lists', () => {
    const html = renderMarkdown(DEFAULT_PRIVACY_POLICY);
    expect([...html.matchAll(/<h2>([^<]*)<\/h2>/g)].map((match) => match[1])).toEqual(['Who we are', 'What we collect and why', 'How long we keep it', 'Your rights', 'Changes to this policy', 'Cookies']);
    expect(html.match(/<li>/g)).toHaveLength(12);
  });

  it('a line diff names every removed and added line once', () => {
    expect(lineDiff('## Title\nKept 6 months.\nSame.', '## Title\nKept 3 months.\nSame.\nNew line.')).toEqual([
      { kind: 'same', text: '## Title' },
      { kind: 'removed', text: 'Kept 6 months.' },
      { kind: 'added', text: 'Kept 3 months.' },
      { kind: 'same', text: 'Same.' },
      { kind: 'added', text: 'New line.' },
    ]);
  });
});

describe('"our policy changed"', () => {
  it('tells a customer about material versions after the one they saw, once, and records what they were shown', async () => {
    const admin = await staffActorFor('admin');
    const { actor: customer } = await createSignedInCustomer();
    const { actor: other } = await createSignedInCustomer();
    const base = await getSetting('texts.privacyPolicy');
    // Customers start at the version they saw; bring both up to date.
    await acknowledgePolicyChange(customer, TEST_CLIENT);
    await acknowledgePolicyChange(other, TEST_CLIENT);
    expect(await policyChangeFor(customer.userId)).toBeNull();

    await publishTextVersion(admin, { key: 'texts.privacyPolicy', body: `${base}\n\nA wording fix.`, effectiveDate: '', changeNote: 'Wording' });
    expect(await policyChangeFor(customer.userId)).toBeNull();

    const material = await publishTextVersion(admin, { key: 'texts.privacyPolicy', body: `${base}\n\nWe now keep searches shorter.`, effectiveDate: '', changeNote: 'We keep your searches for less time', material: 'on' });
    // A material version dated later is not announced before its day.
    await publishTextVersion(admin, { key: 'texts.privacyPolicy', body: `${base}\n\nNext year.`, effectiveDate: isoDay(10), changeNote: 'Next year', material: 'on' });
    const change = await policyChangeFor(customer.userId);
    expect(change).toMatchObject({ version: material.version, notes: [{ version: material.version, changeNote: 'We keep your searches for less time' }] });

    await acknowledgePolicyChange(customer, TEST_CLIENT);
    expect(await policyChangeFor(customer.userId)).toBeNull();
    // Only their own account moved on.
    expect(await policyChangeFor(other.userId)).not.toBeNull();
    const [seen] = await db.select({ seen: users.privacyNoticeSeen }).from(users).where(eq(users.id, customer.userId));
    expect(seen!.seen).toBe(material.version);
    const [ledger] = await db
      .select()
      .from(consentLedger)
      .where(and(eq(consentLedger.subjectUserId, customer.userId), eq(consentLedger.purpose, 'privacy_notice')))
      .orderBy(desc(consentLedger.id))
      .limit(1);
    const shown = await siteText('texts.privacyPolicy');
    expect(ledger).toMatchObject({ action: 'given', textVersion: shown.version, textSha256: shown.sha256 });
    expect(shown.version).toMatch(new RegExp(`^v${material.version} `));
  });
});

describe('retention periods the texts and the jobs share', () => {
  it('a changed period moves the job cutoff and the policy text together, audited', async () => {
    const admin = await staffActorFor('admin');
    const customer = await createCustomer();
    await db.insert(activityEvents).values({ kind: 'search', subjectUserId: customer.userId, searchQuery: 'periods', createdAt: new Date(Date.now() - 250 * DAY) });
    const customerActivity = async () => (await applyRetention({ dryRun: true })).find((count) => count.table === 'activity_events' && count.action === 'delete' && count.who === 'customers')!;

    const periods = await getSetting('privacy.retentionDays');
    expect(periods.activity).toBe(365);
    expect((await customerActivity()).days).toBe(365);
    const policyBefore = (await siteText('texts.privacyPolicy')).text;
    const defaultPolicy = (await registrationTexts()).whatWeStore.text;
    expect(defaultPolicy).toContain('kept for 12 months');

    // The IP addresses may not outlive the activity they were recorded with.
    const ipLonger = await refusal(changeRetentionPeriods(admin, periodsForm({ ...periods, activity: 150 })));
    expect(ipLonger.fieldErrors['privacy.retentionDays.login-ip']).toMatch(/at most as long as customers' activity/);

    await changeRetentionPeriods(admin, periodsForm({ ...periods, activity: 200 }));
    const after = await customerActivity();
    expect(after.days).toBe(200);
    expect(after.rows).toBeGreaterThanOrEqual(1);
    expect((await registrationTexts()).whatWeStore.text).toContain('kept for 200 days');
    const policyAfter = (await siteText('texts.privacyPolicy')).text;
    expect(policyAfter).not.toBe(policyBefore);
    expect(policyAfter).toContain('Searches, previews, comp downloads and sign-ins 200 days');

    const [entry] = await db.select().from(auditTrail).where(eq(auditTrail.action, 'settings.changed')).orderBy(desc(auditTrail.id)).limit(1);
    expect(entry).toMatchObject({ objectId: 'privacy.retentionDays', details: { setting: { key: 'privacy.retentionDays', old: { activity: 365 }, new: { activity: 200 } } } });
    await changeRetentionPeriods(admin, periodsForm(periods));
  });

  it('refuses periods out of bounds, and tax records under the seller country minimum', async () => {
    const admin = await staffActorFor('admin');
    const periods = await getSetting('privacy.retentionDays');
    const bounds = await refusal(changeRetentionPeriods(admin, { ...periodsForm(periods), 'privacy.retentionDays.activity': '5', 'privacy.retentionDays.login-ip': 'soon' }));
    expect(bounds.fieldErrors).toEqual({ 'privacy.retentionDays.login-ip': 'Enter a whole number of days.' });
    const low = await refusal(changeRetentionPeriods(admin, { ...periodsForm(periods), 'privacy.retentionDays.activity': '5' }));
    expect(low.fieldErrors['privacy.retentionDays.activity']).toBeTruthy();

    // The Netherlands (the default seller country) requires 7 years; France 10.
    const tooShort = await refusal(changeRetentionPeriods(admin, periodsForm({ ...periods, 'tax-record': 7 * 365 - 1 })));
    expect(tooShort.fieldErrors['privacy.retentionDays.tax-record']).toBeTruthy();
    await changeRetentionPeriods(admin, periodsForm({ ...periods, 'tax-record': 7 * 365 }));
    expect((await getSetting('privacy.retentionDays'))['tax-record']).toBe(7 * 365);
    const seller = await getSetting('seller.details');
    // Without a VAT number: another file may have set a Dutch one, which a French seller cannot have.
    await updateSetting('seller.details', { ...seller, countryCode: 'FR', vatNumber: '' });
    try {
      const french = await refusal(changeRetentionPeriods(admin, periodsForm({ ...periods, 'tax-record': 8 * 365 })));
      expect(french.fieldErrors['privacy.retentionDays.tax-record']).toMatch(/\(FR\) requires at least 10 years/);
    } finally {
      await updateSetting('seller.details', seller);
      await changeRetentionPeriods(admin, periodsForm(periods));
    }
  });

  it('the policy names the ZIP, export and cooling-off periods set under Settings, and no waiting period when the cooling-off is 0', async () => {
    const policy = async () => (await siteText('texts.privacyPolicy')).text;
    const defaults = await policy();
    expect(defaults).toContain("a ZIP of an order's files until its link expires (7 days after it is ready)");
    expect(defaults).toContain('kept for you for 7 days after it is ready');
    expect(defaults).toContain('confirm with a link we e-mail you, your account is locked for 7 days, during which the same link cancels the deletion; then it is erased. Erasing it removes');
    // Every placeholder of the default texts is filled in: none is left for a reader to see.
    for (const key of Object.keys(settingDefinitions).filter(isTextKey)) expect((await siteText(key)).text).not.toMatch(/\{[a-z-]+(?::[^}\s]*)?\}/);

    try {
      await updateSetting('downloads.bundleDays', 3);
      await updateSetting('privacy.exportDays', 12);
      await updateSetting('privacy.erasureCoolingOffDays', 0);
      const changed = await policy();
      expect(changed).toContain("a ZIP of an order's files until its link expires (3 days after it is ready)");
      expect(changed).toContain('kept for you for 12 days after it is ready');
      expect(changed).toContain('confirm with a link we e-mail you, your account is erased at once. Erasing it removes');
      // With no cooling-off, nothing in the policy speaks of a lock or a wait before erasure.
      expect(changed).not.toMatch(/locked for|cancels the deletion|waiting period of|7 days after it is ready|for 7 days/);

      // The editor's preview fills them in the same way.
      const draft = await previewText('texts.privacyPolicy', 'After you confirm, {erasure-cooling-off} The copy is kept {days:privacy.exportDays}.');
      expect(draft).toEqual({ html: '<p>After you confirm, your account is erased at once. The copy is kept 12 days.</p>\n', unknown: [] });

      await updateSetting('privacy.erasureCoolingOffDays', 1);
      expect(await policy()).toContain('your account is locked for 1 day, during which the same link cancels the deletion; then it is erased.');
    } finally {
      await updateSetting('downloads.bundleDays', 7);
      await updateSetting('privacy.exportDays', 7);
      await updateSetting('privacy.erasureCoolingOffDays', 7);
    }
  });

  it('logs each real run with its counts; a dry run logs nothing', async () => {
    const before = await db.select().from(retentionRuns);
    await applyRetention({ dryRun: true });
    expect(await db.select().from(retentionRuns)).toHaveLength(before.length);
    const counts = await runRetention('command');
    const [run] = await db.select().from(retentionRuns).orderBy(desc(retentionRuns.id)).limit(1);
    expect(run).toMatchObject({ trigger: 'command', failure: null, totalRows: counts.reduce((sum, count) => sum + count.rows, 0) });
    expect(run!.finishedAt).not.toBeNull();
    expect(run!.counts).toEqual(counts);
  });
});
