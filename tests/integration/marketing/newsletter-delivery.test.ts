/**
 * A newsletter through the real job and the real SMTP server: the message arrives with RFC 8058's
 * List-Unsubscribe and List-Unsubscribe-Post headers and the same link in its text, and POSTing
 * to that link as a mail program does withdraws the consent. Other mail carries no such header.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { closeDatabase, db } from '@/lib/db/client';
import { startWorkers, type TWorkers } from '@/lib/jobs/start-workers';
import { startCampaign } from '@/lib/marketing/send-campaign';
import { queueMail } from '@/lib/mail/send-mail';
import { POST } from '@/app/unsubscribe/[token]/route';
import { startSmtpSink, type TSmtpSink } from '../../helpers/smtp-sink';
import { staffActorFor } from '../../helpers/staff-actor';
import { dropEarlierDeliveries, tablesContaining, uniqueAddress } from '../mail/mail-test-kit';
import { customerWithConsent, marketingLedger, newsletter } from './marketing-kit';

let sink: TSmtpSink;
let workers: TWorkers;

beforeAll(async () => {
  await dropEarlierDeliveries();
  vi.stubEnv('STOCKROOM_LOG_LEVEL', 'error');
  sink = await startSmtpSink();
  vi.stubEnv('SMTP_URL', sink.url);
  workers = await startWorkers({ pollingIntervalSeconds: 0.5 });
});

afterAll(async () => {
  await workers?.stop();
  await sink?.stop();
  await closeDatabase();
  vi.unstubAllEnvs();
});

describe('a delivered newsletter', () => {
  it('has List-Unsubscribe and List-Unsubscribe-Post, the same link in the text, and the link unsubscribes by POST', async () => {
    const customer = await customerWithConsent('given', { email: uniqueAddress('newsletter') });
    await startCampaign(await staffActorFor('admin'), newsletter);

    const message = await sink.waitFor((m) => m.envelopeTo.includes(customer.email), 30_000);
    expect(message.subject).toBe('Stockroom: Winter collection');
    const header = message.headers['list-unsubscribe'];
    expect(header).toMatch(/^<http:\/\/localhost:\d+\/unsubscribe\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+>$/);
    expect(message.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    const link = header!.slice(1, -1);
    expect(message.text).toContain(link);
    expect(message.html).toContain(`href="${link}"`);
    // The link was sealed in the outbox until delivery: it was never stored in the clear anywhere.
    expect(await tablesContaining(link.split('/unsubscribe/')[1]!)).toEqual([]);

    const token = link.split('/unsubscribe/')[1]!;
    const answer = await POST(new Request(link, { method: 'POST', body: 'List-Unsubscribe=One-Click', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } }), {
      params: Promise.resolve({ token }),
    });
    expect(answer.status).toBe(200);
    expect((await marketingLedger(customer.userId)).map((row) => row.action)).toEqual(['given', 'withdrawn']);
  });

  it('is the only kind of mail with an unsubscribe header', async () => {
    const to = uniqueAddress('activation');
    await db.transaction((tx) => queueMail(tx, { template: 'account-activation', to, data: { name: 'Anna', activationUrl: 'https://stockroom.example/activate/abc' } }));
    const message = await sink.waitFor((m) => m.envelopeTo.includes(to), 30_000);
    expect(message.headers['list-unsubscribe']).toBeUndefined();
    expect(message.headers['list-unsubscribe-post']).toBeUndefined();
  });
});
