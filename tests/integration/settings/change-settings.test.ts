/**
 * Changing site settings from the back office (lib/settings/change-settings.ts): validated by each
 * setting's definition, audited with the old and the new value (the hash chain still verifies),
 * the security address told of a security-policy change, refused for a role without the permission.
 * The run's files share one database one after another: every test puts back what it changed.
 */
import { and, desc, eq } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import { Pool } from 'pg';
import { afterAll, describe, expect, it, vi } from 'vitest';
import * as relations from '@/db/relations';
import * as tables from '@/db/schema';
import { auditTrail, siteSettings, staffFactors } from '@/db/schema';
import { verifyAuditChain } from '@/lib/audit/verify-audit-chain';
import { closeDatabase, db } from '@/lib/db/client';
import { databaseEnv } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { changeSetting, changeSettings } from '@/lib/settings/change-settings';
import { getSetting } from '@/lib/settings/get-setting';
import { settingsFromForm } from '@/lib/settings/settings-from-form';
import { updateSetting } from '@/lib/settings/update-setting';
import type { TStaffActor } from '@/lib/staff/require-staff';
import { staffActorFor } from '../../helpers/staff-actor';
import { queuedMails } from '../security/security-kit';

vi.stubEnv('APP_URL', 'https://shop.example');

afterAll(async () => {
  vi.unstubAllEnvs();
  await closeDatabase();
});

async function settingEntries(actor: TStaffActor) {
  return db
    .select()
    .from(auditTrail)
    .where(and(eq(auditTrail.actorUserId, actor.userId), eq(auditTrail.action, 'settings.changed')))
    .orderBy(desc(auditTrail.id));
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('changeSetting', () => {
  it('changes a site setting with one audit entry holding the old and the new value; the chain verifies', async () => {
    const admin = await staffActorFor('admin');
    const before = await getSetting('catalog.featuredCount');
    const next = before === 7 ? 8 : 7;
    try {
      expect(await changeSetting(admin, 'catalog.featuredCount', next)).toEqual({ changed: ['catalog.featuredCount'] });
      expect(await getSetting('catalog.featuredCount')).toBe(next);
      const [entry, ...others] = await settingEntries(admin);
      expect(others).toEqual([]);
      expect(entry).toMatchObject({
        actorKind: 'staff',
        objectType: 'site_setting',
        objectId: 'catalog.featuredCount',
        clientIp: admin.client.ip,
        details: { changedFields: ['catalog.featuredCount'], setting: { key: 'catalog.featuredCount', old: before, new: next } },
      });
      const [row] = await db.select().from(siteSettings).where(eq(siteSettings.key, 'catalog.featuredCount'));
      expect(row?.updatedBy).toBe(admin.userId);
      // The same value again changes nothing and records nothing.
      expect(await changeSetting(admin, 'catalog.featuredCount', next)).toEqual({ changed: [] });
      expect(await settingEntries(admin)).toHaveLength(1);
      expect(await verifyAuditChain(db)).toMatchObject({ intact: true });
    } finally {
      await updateSetting('catalog.featuredCount', before);
    }
  });

  it('audits an object setting (the watermark) with both whole values, and a form of several settings in one go', async () => {
    const admin = await staffActorFor('superadmin');
    const watermark = await getSetting('media.watermark');
    const name = await getSetting('site.name');
    try {
      const form = { 'media.watermark.text': 'PROOF ONLY', 'media.watermark.position': 'center', 'media.watermark.opacity': '0.5', 'site.name': name, 'security.ipBlock.failures': '1' };
      const changes = settingsFromForm(form, ['media.watermark', 'site.name']);
      expect(changes).toEqual({ 'media.watermark': { text: 'PROOF ONLY', position: 'center', opacity: 0.5 }, 'site.name': name });
      expect(await changeSettings(admin, changes)).toEqual({ changed: ['media.watermark'] });
      const [entry] = await settingEntries(admin);
      expect(entry?.details).toEqual({ changedFields: ['media.watermark'], setting: { key: 'media.watermark', old: watermark, new: { text: 'PROOF ONLY', position: 'center', opacity: 0.5 } } });
      expect(await verifyAuditChain(db)).toMatchObject({ intact: true });
    } finally {
      await updateSetting('media.watermark', watermark);
    }
  });

  it('refuses invalid values with a message per field and changes nothing', async () => {
    const admin = await staffActorFor('admin');
    const ages = await getSetting('accounts.consentAge');
    const error = await refusal(
      changeSettings(
        admin,
        settingsFromForm(
          {
            'accounts.consentAge': '12',
            'accounts.rememberDays': 'soon',
            'media.watermark.text': '',
            'media.watermark.position': 'middle',
            'media.watermark.opacity': '2',
            'registration.customFields': '',
            'registration.customFields.0.id': 'vat',
            'registration.customFields.0.label': 'VAT number',
            'registration.customFields.0.mode': 'optional',
            'registration.customFields.1.id': 'vat',
            'registration.customFields.1.label': ' ',
            'registration.customFields.1.mode': 'sometimes',
          },
          ['accounts.consentAge', 'accounts.rememberDays', 'media.watermark', 'registration.customFields'],
        ),
      ),
    );
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.fieldErrors).toEqual({
      'accounts.consentAge': 'Enter 13 or more.',
      'accounts.rememberDays': 'Enter a number.',
      'media.watermark.text': 'This cannot be empty.',
      'media.watermark.position': 'Choose one of the options.',
      'media.watermark.opacity': 'Enter 0.9 or less.',
      'registration.customFields.1.label': 'This cannot be empty.',
      'registration.customFields.1.mode': 'Choose one of the options.',
    });
    const duplicate = [
      { id: 'vat', label: 'VAT number', mode: 'optional' },
      { id: 'vat', label: 'Tax id', mode: 'required' },
    ];
    expect((await refusal(changeSetting(admin, 'registration.customFields', duplicate))).fieldErrors).toEqual({
      'registration.customFields.1.id': 'Another question already has this id.',
    });
    expect(await getSetting('accounts.consentAge')).toBe(ages);
    expect(await settingEntries(admin)).toEqual([]);
    expect((await refusal(changeSetting(admin, 'registration.customFields', Array.from({ length: 11 }, (_, index) => ({ id: `q${index}`, label: 'Q', mode: 'optional' }))))).fieldErrors).toEqual({
      'registration.customFields': 'At most 10 entries.',
    });
    expect((await refusal(changeSetting(admin, 'site.name', 'Shop\r\nBcc: someone@example.test'))).fieldErrors).toEqual({
      'site.name': 'The site name cannot contain line breaks or control characters.',
    });
  });

  it('refuses a role without the permission, for site settings and for the security policy; nothing changes', async () => {
    for (const role of ['sales', 'catalog', 'privacy_officer'] as const) {
      const actor = await staffActorFor(role);
      expect((await refusal(changeSetting(actor, 'catalog.featuredCount', 3))).code).toBe('FORBIDDEN');
      expect((await refusal(changeSetting(actor, 'security.mailCooldownMinutes', 5))).code).toBe('FORBIDDEN');
      expect(await settingEntries(actor)).toEqual([]);
    }
  });

  it('a security-policy change tells the security address once, naming the setting, the values and who changed it', async () => {
    const admin = await staffActorFor('admin');
    const before = await getSetting('security.ipBlock');
    const next = { ...before, failures: before.failures === 40 ? 41 : 40 };
    try {
      await changeSetting(admin, 'security.ipBlock', next);
      const mails = await queuedMails('security-setting-changed', admin.email);
      expect(mails).toHaveLength(1);
      expect(mails[0]!.to).toBe('security@shop.example');
      expect(mails[0]!.text).toContain(`Blocking an address after failed sign-ins (security.ipBlock): ${JSON.stringify(before)} → ${JSON.stringify(next)}`);
      const [entry] = await settingEntries(admin);
      expect(entry?.details).toMatchObject({ setting: { key: 'security.ipBlock', old: before, new: next } });
      // A site setting is not the security policy: no security mail.
      const other = await staffActorFor('admin');
      const featured = await getSetting('catalog.featuredCount');
      await changeSetting(other, 'catalog.featuredCount', featured === 5 ? 6 : 5);
      await updateSetting('catalog.featuredCount', featured);
      expect(await queuedMails('security-setting-changed', other.email)).toEqual([]);
    } finally {
      await updateSetting('security.ipBlock', before);
    }
  });

  it('sets the security address and back to empty (null, the fallback); the old address is told of the change too', async () => {
    const admin = await staffActorFor('admin');
    const address = `alarm-${admin.userId.slice(0, 8)}@shop.example`;
    try {
      await changeSetting(admin, 'security.contactEmail', address);
      expect(await getSetting('security.contactEmail')).toBe(address);
      const first = await queuedMails('security-setting-changed', admin.email);
      expect(first.map((mail) => mail.to).sort()).toEqual([address, 'security@shop.example'].sort());

      const [change] = await changeSettings(admin, settingsFromForm({ 'security.contactEmail': '  ' }, ['security.contactEmail'])).then((result) => result.changed);
      expect(change).toBe('security.contactEmail');
      expect(await getSetting('security.contactEmail')).toBeNull();
      const [row] = await db.select({ value: siteSettings.value }).from(siteSettings).where(eq(siteSettings.key, 'security.contactEmail'));
      expect(row).toEqual({ value: null });
      const [entry] = await settingEntries(admin);
      expect(entry?.details).toMatchObject({ setting: { key: 'security.contactEmail', old: address, new: null } });
      expect((await queuedMails('security-setting-changed', admin.email)).length).toBe(4);
      expect(await verifyAuditChain(db)).toMatchObject({ intact: true });
    } finally {
      await db.delete(siteSettings).where(eq(siteSettings.key, 'security.contactEmail'));
    }
  });

  it('refuses to make the actor’s own role need an authenticator they have not set up', async () => {
    const admin = await staffActorFor('admin');
    const roles = await getSetting('security.totpRoles');
    const withoutAdmin = roles.filter((role) => role !== 'admin');
    try {
      await updateSetting('security.totpRoles', withoutAdmin);
      const error = await refusal(changeSetting(admin, 'security.totpRoles', [...withoutAdmin, 'admin']));
      expect(error.fieldErrors['security.totpRoles']).toMatch(/you have not set one up/);
      expect(await getSetting('security.totpRoles')).toEqual(withoutAdmin);
      // Once enrolled, the same change goes through.
      await db.insert(staffFactors).values({ userId: admin.userId, totpEnrolledAt: new Date() });
      await changeSetting(admin, 'security.totpRoles', [...withoutAdmin, 'admin']);
      expect(await getSetting('security.totpRoles')).toContain('admin');
      // An empty list is allowed (the page warns about it).
      await changeSetting(admin, 'security.totpRoles', []);
      expect(await getSetting('security.totpRoles')).toEqual([]);
    } finally {
      await updateSetting('security.totpRoles', roles);
    }
  });

  it('a change is seen at once by another connection pool (another process), without a restart', async () => {
    const admin = await staffActorFor('admin');
    const pool = new Pool({ connectionString: databaseEnv().DATABASE_URL, max: 1 });
    const other = drizzle({ client: pool, schema: { ...tables, ...relations } });
    const before = await getSetting('staff.idleTimeoutMinutes');
    const next = before === 20 ? 21 : 20;
    try {
      expect(await getSetting('staff.idleTimeoutMinutes', other)).toBe(before);
      await changeSetting(admin, 'staff.idleTimeoutMinutes', next);
      expect(await getSetting('staff.idleTimeoutMinutes', other)).toBe(next);
      expect(await getSetting('staff.idleTimeoutMinutes')).toBe(next);
    } finally {
      await updateSetting('staff.idleTimeoutMinutes', before);
      await pool.end();
    }
  });
});
