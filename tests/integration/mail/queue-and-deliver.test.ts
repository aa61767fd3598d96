import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { siteSettings } from '@/db/schema';
import { closeDatabase, db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { startWorkers, type TWorkers } from '@/lib/jobs/start-workers';
import { describeSmtpFailure } from '@/lib/mail/deliver-mail';
import { updateSetting } from '@/lib/settings/update-setting';
import { queueMail } from '@/lib/mail/send-mail';
import { startSmtpSink, type TSmtpSink } from '../../helpers/smtp-sink';
import {
  deliveryJobCount,
  deliveryJobsFor,
  eventually,
  outboxCount,
  outboxRow,
  pause,
  tablesContaining,
  uniqueAddress,
  uniqueLink,
  dropEarlierDeliveries,
} from './mail-test-kit';

let sink: TSmtpSink;
let workers: TWorkers;
const rejected = uniqueAddress('rejected');

beforeAll(async () => {
  await dropEarlierDeliveries();
  vi.stubEnv('STOCKROOM_LOG_LEVEL', 'error');
  sink = await startSmtpSink({ rejectRecipient: (address) => address === rejected });
  vi.stubEnv('SMTP_URL', sink.url);
  vi.stubEnv('MAIL_FROM', 'Stockroom Test <no-reply@stockroom.test>');
  workers = await startWorkers({ pollingIntervalSeconds: 0.5 });
});

afterAll(async () => {
  await workers?.stop();
  await sink?.stop();
  await closeDatabase();
  vi.unstubAllEnvs();
});

describe('queueMail and the delivery worker', () => {
  it('delivers a message queued in a committed transaction, with its subject, text and HTML', async () => {
    const to = uniqueAddress('anna');
    const activationUrl = uniqueLink('activate');
    const { outboxId } = await db.transaction((tx) =>
      queueMail(tx, { template: 'account-activation', to: { address: to, name: 'Anna Example' }, data: { name: 'Anna', activationUrl } }),
    );

    const message = await sink.waitFor((m) => m.envelopeTo.includes(to));
    expect(message.subject).toBe('Activate your Stockroom account');
    expect(message.to).toContain('Anna Example');
    expect(message.to).toContain(to);
    expect(message.envelopeFrom).toBe('no-reply@stockroom.test');
    expect(message.from).toContain('Stockroom Test');
    expect(message.text).toContain('Hello Anna,');
    expect(message.text).toContain(activationUrl);
    expect(message.text).toContain('valid for 24 hours');
    expect(message.html).toContain(`href="${activationUrl}"`);
    expect(message.html).toContain('Activate my account');
    expect(message.headers['auto-submitted']).toBe('auto-generated');

    const row = await eventually(async () => {
      const current = await outboxRow(outboxId);
      return current?.status === 'sent' ? current : undefined;
    });
    expect(row.attempts).toBe(1);
    expect(row.sentAt).toBeInstanceOf(Date);
    expect(row.lastError).toBeNull();
  });

  it('sends nothing and leaves no row and no job when the transaction rolls back', async () => {
    const to = uniqueAddress('rollback');
    const rowsBefore = await outboxCount();
    const jobsBefore = await deliveryJobCount();
    let outboxId = '';
    await expect(
      db.transaction(async (tx) => {
        ({ outboxId } = await queueMail(tx, { template: 'password-reset', to, data: { name: 'Rolf', resetUrl: uniqueLink('reset') } }));
        throw new Error('the change failed after the mail was queued');
      }),
    ).rejects.toThrow('the change failed');

    expect(outboxId).not.toBe('');
    expect(await outboxRow(outboxId)).toBeNull();
    expect(await deliveryJobsFor(outboxId)).toEqual([]);
    expect(await outboxCount()).toBe(rowsBefore);
    expect(await deliveryJobCount()).toBe(jobsBefore);
    await pause(1_500); // three polling intervals
    expect(sink.messages.filter((m) => m.envelopeTo.includes(to))).toEqual([]);
  });

  it('wipes the envelope after delivery: neither the link nor the address is left in any table', async () => {
    const to = uniqueAddress('wipe');
    const resetUrl = uniqueLink('reset-password');
    const { outboxId } = await db.transaction((tx) => queueMail(tx, { template: 'password-reset', to, data: { name: 'Wiebke', resetUrl } }));

    // While queued, the link and address are stored only encrypted.
    expect(await tablesContaining(resetUrl)).toEqual([]);
    expect(await tablesContaining(to)).toEqual([]);

    await sink.waitFor((m) => m.envelopeTo.includes(to));
    const row = await eventually(async () => {
      const current = await outboxRow(outboxId);
      return current?.status === 'sent' ? current : undefined;
    });
    expect(row.envelope).toBeNull();
    expect(await tablesContaining(resetUrl)).toEqual([]);
    expect(await tablesContaining(to)).toEqual([]);
    expect(await tablesContaining(outboxId)).toEqual(expect.arrayContaining(['public.mail_outbox']));
  });

  it('marks a message failed at once when the server refuses the recipient, without storing the address', async () => {
    const { outboxId } = await db.transaction((tx) =>
      queueMail(tx, { template: 'password-changed', to: rejected, data: { name: 'Rita', changedAt: new Date(), passwordResetUrl: uniqueLink('reset') } }),
    );
    const row = await eventually(async () => {
      const current = await outboxRow(outboxId);
      return current?.status === 'failed' ? current : undefined;
    });
    expect(row.attempts).toBe(1);
    expect(row.envelope).toBeNull();
    expect(row.lastError).toContain('550');
    expect(row.lastError).not.toContain(rejected);
    expect(await tablesContaining(rejected)).toEqual([]);
  });

  it('keeps addresses and the recipient name out of the stored error text', () => {
    const error = Object.assign(new Error('Message rejected for Anna Example <anna@example.test>, copy to boss@corp.test\r\nsee log'), {
      code: 'EMESSAGE',
      responseCode: 554,
    });
    const text = describeSmtpFailure(error, { to: 'anna@example.test', toName: 'Anna Example' });
    expect(text).toBe('EMESSAGE 554 Message rejected for [recipient] <[recipient]>, copy to [address] see log');
  });

  describe('header injection', () => {
    const attempts: Array<[string, () => Parameters<typeof queueMail<'password-reset'>>[1]]> = [
      ['CR/LF in the address', () => ({ template: 'password-reset', to: `victim@example.test\r\nBcc: thief@example.test`, data: { name: 'V', resetUrl: uniqueLink('r') } })],
      ['LF in the address', () => ({ template: 'password-reset', to: `victim@example.test\nBcc: thief@example.test`, data: { name: 'V', resetUrl: uniqueLink('r') } })],
      ['CR/LF in the display name', () => ({ template: 'password-reset', to: { address: uniqueAddress('name'), name: 'Eve\r\nBcc: thief@example.test' }, data: { name: 'Eve', resetUrl: uniqueLink('r') } })],
      ['a list of addresses', () => ({ template: 'password-reset', to: 'a@example.test, thief@example.test', data: { name: 'A', resetUrl: uniqueLink('r') } })],
    ];

    it.each(attempts)('rejects %s and queues nothing', async (_label, input) => {
      const rowsBefore = await outboxCount();
      const jobsBefore = await deliveryJobCount();
      const error = await db.transaction((tx) => queueMail(tx, input())).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('INVALID_INPUT');
      expect(await outboxCount()).toBe(rowsBefore);
      expect(await deliveryJobCount()).toBe(jobsBefore);
    });

    it('never lets a line break from the site name into a subject', async () => {
      // The setting refuses it...
      await expect(updateSetting('site.name', 'Stockroom\r\nBcc: thief@example.test')).rejects.toThrow();
      // ...and a value written around the application is ignored in favour of the default.
      await db.insert(siteSettings).values({ key: 'site.name', value: 'Stockroom\r\nBcc: thief@example.test' });
      const to = uniqueAddress('subject');
      try {
        await db.transaction((tx) => queueMail(tx, { template: 'password-reset', to, data: { name: 'S', resetUrl: uniqueLink('r') } }));
      } finally {
        await db.delete(siteSettings).where(eq(siteSettings.key, 'site.name'));
      }
      const message = await sink.waitFor((m) => m.envelopeTo.includes(to));
      expect(message.subject).not.toMatch(/[\r\n]/);
      expect(message.subject).toContain('Stockroom');
      await pause(1_000);
      expect(sink.messages.filter((m) => m.envelopeTo.includes('thief@example.test'))).toEqual([]);
    });
  });

  it('escapes HTML in names: the received HTML shows the name as text', async () => {
    const to = uniqueAddress('escape');
    const name = `<img src=x onerror=alert(1)> & "Bobby" O'Brien`;
    await db.transaction((tx) => queueMail(tx, { template: 'account-activation', to, data: { name, activationUrl: uniqueLink('activate') } }));
    const message = await sink.waitFor((m) => m.envelopeTo.includes(to));
    expect(message.html).not.toContain('<img src=x');
    expect(message.html).toContain('Hello &lt;img src=x onerror=alert(1)&gt; &amp; &quot;Bobby&quot; O&#39;Brien,');
    expect(message.text).toContain(`Hello ${name},`);
  });

  it('refuses a link that is not http(s) before anything is stored', async () => {
    const rowsBefore = await outboxCount();
    await expect(
      db.transaction((tx) =>
        queueMail(tx, { template: 'account-activation', to: uniqueAddress('js'), data: { name: 'J', activationUrl: 'javascript:alert(1)' } }),
      ),
    ).rejects.toThrow();
    expect(await outboxCount()).toBe(rowsBefore);
  });
});
