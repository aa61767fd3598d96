import { eq } from 'drizzle-orm';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { siteSettings } from '@/db/schema';
import { createSession } from '@/lib/auth/sessions/create-session';
import { closeDatabase, db } from '@/lib/db/client';
import { isNewStaffOrigin, noteStaffFactorFailure, queueSecurityMail } from '@/lib/security/security-mail';
import { recordAccess } from '@/lib/security/record-access';
import { getSetting } from '@/lib/settings/get-setting';
import { updateSetting } from '@/lib/settings/update-setting';
import { clearOfWindowEdge } from '../../helpers/throttle-window';
import { clientAt, insertCustomer, startMailDelivery } from '../../helpers/accounts-factory';
import { queuedMails, securityAddress, uniqueIpv4, uniqueIpv6 } from './security-kit';

vi.stubEnv('APP_URL', 'https://shop.example');

afterAll(async () => {
  vi.unstubAllEnvs();
  await closeDatabase();
});

const marker = () => `m${crypto.randomUUID().replaceAll('-', '')}`;

describe('queueSecurityMail', () => {
  // Limits count in 15-minute windows on the clock: keep each test's attempts inside one.
  beforeEach(() => clearOfWindowEdge(15 * 60, 25), 30_000);

  it('goes to security@ the host of APP_URL, or to the security.contactEmail setting when set', async () => {
    const first = marker();
    await db.transaction((tx) => queueSecurityMail(tx, { kind: 'factors-reset', cooldownKey: first, facts: { marker: first } }));
    expect((await queuedMails('security-factors-reset', first)).map((mail) => mail.to)).toEqual(['security@shop.example']);

    // Shared by the run's files: set and put back within this test.
    await updateSetting('security.contactEmail', 'alarm@shop.example');
    try {
      const second = marker();
      await db.transaction((tx) => queueSecurityMail(tx, { kind: 'factors-reset', cooldownKey: second, facts: { marker: second } }));
      expect((await queuedMails('security-factors-reset', second)).map((mail) => mail.to)).toEqual(['alarm@shop.example']);
      expect(await securityAddress()).toBe('alarm@shop.example');
    } finally {
      // Back to the default by removing the row (updateSetting cannot store a null: the column is not null).
      await db.delete(siteSettings).where(eq(siteSettings.key, 'security.contactEmail'));
    }
  });

  it('sends at most one per kind and cooldown key within the cooldown; another key or kind is another message', async () => {
    // The cooldown counts in clock hours (the setting's 60 minutes).
    await clearOfWindowEdge(60 * 60, 15);
    const key = marker();
    const send = (kind: 'ip-blocked' | 'factors-reset', cooldownKey: string) =>
      db.transaction((tx) => queueSecurityMail(tx, { kind, cooldownKey, facts: { marker: key } }));
    const results = await Promise.all([send('ip-blocked', key), send('ip-blocked', key), send('ip-blocked', key)]);
    expect(results.filter((result) => result.queued)).toHaveLength(1);
    expect(await queuedMails('security-ip-blocked', key)).toHaveLength(1);
    expect((await send('ip-blocked', `${key}-other`)).queued).toBe(true);
    expect((await send('factors-reset', key)).queued).toBe(true);
  });

  it('a rolled-back transaction sends nothing', async () => {
    const key = marker();
    await expect(
      db.transaction(async (tx) => {
        await queueSecurityMail(tx, { kind: 'factors-reset', cooldownKey: key, facts: { marker: key } });
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await queuedMails('security-factors-reset', key)).toEqual([]);
  });

  it('a CR/LF in a fact cannot reach a header: delivered with its own subject and recipient only', async () => {
    const delivery = await startMailDelivery();
    try {
      const key = marker();
      const injected = `${key}\r\nBcc: intruder@example.test\r\nSubject: forged`;
      await db.transaction((tx) => queueSecurityMail(tx, { kind: 'security-setting-changed', cooldownKey: key, facts: { label: injected, network: `10.0.0.0/8\r\nX-Forged: 1` } }));
      const message = await delivery.sink.waitFor((received) => received.text.includes(key), 20_000);
      expect(message.envelopeTo).toEqual(['security@shop.example']);
      expect(message.subject).toBe('Stockroom security: a security setting was changed');
      expect(Object.keys(message.headers).map((name) => name.toLowerCase())).not.toContain('bcc');
      expect(Object.keys(message.headers).map((name) => name.toLowerCase())).not.toContain('x-forged');
      expect(message.text).toContain(`Label: ${key} Bcc: intruder@example.test Subject: forged`);
      expect(delivery.sink.messages.filter((received) => received.envelopeTo.includes('intruder@example.test'))).toEqual([]);
    } finally {
      await delivery.stop();
    }
  }, 60_000);
});

describe('noteStaffFactorFailure', () => {
  it('queues one factor-failures mail when the count reaches the threshold, however many fail in parallel', async () => {
    const { failures } = await getSetting('security.factorFailureAlert');
    const staff = await insertCustomer({ kind: 'staff' });
    const ip = uniqueIpv4();
    for (let attempt = 0; attempt < failures - 1; attempt += 1) await noteStaffFactorFailure(staff.userId, clientAt(ip));
    expect(await queuedMails('security-factor-failures', staff.email)).toEqual([]);
    await Promise.all(Array.from({ length: 6 }, () => noteStaffFactorFailure(staff.userId, clientAt(ip))));
    const mails = await queuedMails('security-factor-failures', staff.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.text).toContain(`From address: ${ip}`);
    expect(mails[0]!.text).toContain(`Failed attempts: ${failures}`);
  });
});

describe('isNewStaffOrigin', () => {
  it('is true until the account had a session from the address (IPv6 by /64); attempts and steps passed do not count', async () => {
    const staff = await insertCustomer({ kind: 'staff' });
    const ip = uniqueIpv6();
    const other = uniqueIpv4();
    expect(await isNewStaffOrigin(staff.userId, ip)).toBe(true);
    await recordAccess({ kind: 'staff_sign_in', step: 'password', outcome: 'success', userId: staff.userId, client: clientAt(ip) });
    await recordAccess({ kind: 'staff_sign_in', step: 'totp', outcome: 'invalid', userId: staff.userId, client: clientAt(ip) });
    await recordAccess({ kind: 'customer_sign_in', step: 'password', outcome: 'success', userId: staff.userId, client: clientAt(other) });
    expect(await isNewStaffOrigin(staff.userId, ip)).toBe(true);
    expect(await isNewStaffOrigin(staff.userId, other)).toBe(true);

    await recordAccess({ kind: 'staff_sign_in', step: 'pin', outcome: 'success', userId: staff.userId, client: clientAt(ip) });
    expect(await isNewStaffOrigin(staff.userId, ip)).toBe(true);
    // A finished sign-in leaves a session.
    await createSession(db, { userId: staff.userId, remember: false, client: clientAt(ip), kind: 'staff' });
    expect(await isNewStaffOrigin(staff.userId, ip)).toBe(false);
    expect(await isNewStaffOrigin(staff.userId, ip.replace(/::[0-9a-f]+$/, '::1:2'))).toBe(false);
    expect(await isNewStaffOrigin(staff.userId, other)).toBe(true);
    expect(await isNewStaffOrigin(staff.userId, null)).toBe(true);

    await createSession(db, { userId: staff.userId, remember: false, client: clientAt(other), kind: 'staff' });
    expect(await isNewStaffOrigin(staff.userId, `::ffff:${other}`)).toBe(false);
    // Another account's history is its own.
    const colleague = await insertCustomer({ kind: 'staff' });
    expect(await isNewStaffOrigin(colleague.userId, ip)).toBe(true);
  });
});
