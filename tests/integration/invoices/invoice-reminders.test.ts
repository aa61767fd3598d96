import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { invoiceReminders, mailOutbox } from '@/db/schema';
import { closeDatabase, db } from '@/lib/db/client';
import { getBoss } from '@/lib/jobs/boss';
import { startWorkers, type TWorkers } from '@/lib/jobs/start-workers';
import { queueInvoiceMail } from '@/lib/invoices/queue-invoice-mail';
import { reminderLevelFor, sendInvoiceReminders } from '@/lib/invoices/send-invoice-reminders';
import { createCustomer } from '../../helpers/actor-factory';
import { setTestSeller } from '../../helpers/order-factory';
import { startSmtpSink, type TSmtpSink } from '../../helpers/smtp-sink';
import { pause } from '../mail/mail-test-kit';
import { creditTestInvoice, DAY, daysAgo, issueTestInvoice, registerTestPayment } from './invoice-kit';

let sink: TSmtpSink;
let workers: TWorkers;

beforeAll(async () => {
  vi.stubEnv('STOCKROOM_LOG_LEVEL', 'error');
  sink = await startSmtpSink();
  vi.stubEnv('SMTP_URL', sink.url);
  vi.stubEnv('MAIL_FROM', 'Stockroom Test <no-reply@stockroom.test>');
  workers = await startWorkers({ pollingIntervalSeconds: 0.5 });
  await setTestSeller();
});

afterAll(async () => {
  await workers?.stop();
  await sink?.stop();
  await closeDatabase();
  vi.unstubAllEnvs();
});

const buyerAddress = () => `buyer-${randomUUID().slice(0, 8)}@example.test`;

/** An invoice issued `daysBefore` days before `now`, mailed to an address no other test uses. */
async function invoiceFor(daysBefore: number, now = new Date()) {
  const customer = await createCustomer();
  const email = buyerAddress();
  const issued = await issueTestInvoice(customer.userId, { issuedAt: daysAgo(daysBefore, now), values: { billingEmail: email, billingName: 'Rita Reminder' } });
  return { ...issued, email, customerUserId: customer.userId };
}

const mailsTo = (address: string) => sink.messages.filter((message) => message.envelopeTo.includes(address));
const levelsOf = async (invoiceId: string) => (await db.select({ level: invoiceReminders.level }).from(invoiceReminders).where(eq(invoiceReminders.invoiceId, invoiceId))).map((row) => row.level).sort();
const outboxRowsFor = async (userId: string) => (await db.select({ count: sql<number>`count(*)::int` }).from(mailOutbox).where(eq(mailOutbox.subjectUserId, userId)))[0]!.count;

describe('overdue reminders', () => {
  it('reaches level 1 the day after the due date and level 2 two weeks later', () => {
    expect([0, 1, 14, 15, 60].map(reminderLevelFor)).toEqual([0, 1, 1, 2, 2]);
  });

  it('mails the buyer of an overdue invoice once per level, through the outbox to the SMTP server', async () => {
    const now = new Date();
    const invoice = await invoiceFor(16, now); // due 2 days ago
    await sendInvoiceReminders(now);
    const first = await sink.waitFor((message) => message.envelopeTo.includes(invoice.email));
    expect(first.subject).toBe(`Reminder: Stockroom invoice ${invoice.number} is overdue`);
    expect(first.text).toContain('Hello Rita Reminder,');
    expect(first.text).toContain('€47.19 of it has not reached us yet');
    expect(first.text).toContain(`/account/invoices/${invoice.id}`);
    expect(await levelsOf(invoice.id)).toEqual([1]);

    // The next days: level 1 is not sent again.
    await sendInvoiceReminders(new Date(now.getTime() + DAY));
    await sendInvoiceReminders(new Date(now.getTime() + 2 * DAY));
    expect(await levelsOf(invoice.id)).toEqual([1]);

    // 15 days after the due date: the second reminder, once.
    const later = new Date(now.getTime() + 13 * DAY);
    await sendInvoiceReminders(later);
    await sendInvoiceReminders(later);
    const second = await sink.waitFor((message) => message.envelopeTo.includes(invoice.email) && message.subject.startsWith('Second reminder'));
    expect(second.subject).toBe(`Second reminder: Stockroom invoice ${invoice.number} is overdue`);
    expect(await levelsOf(invoice.id)).toEqual([1, 2]);
    await pause(1500);
    expect(mailsTo(invoice.email)).toHaveLength(2);
    expect(await outboxRowsFor(invoice.customerUserId)).toBe(2);
  });

  it('sends one reminder when two processes run the job at the same moment', async () => {
    const now = new Date();
    const invoices = await Promise.all([invoiceFor(16, now), invoiceFor(18, now), invoiceFor(20, now)]);
    await Promise.all([sendInvoiceReminders(now), sendInvoiceReminders(now), sendInvoiceReminders(now)]);
    for (const invoice of invoices) {
      expect(await levelsOf(invoice.id)).toEqual([1]);
      expect(await outboxRowsFor(invoice.customerUserId)).toBe(1);
    }
    await Promise.all(invoices.map((invoice) => sink.waitFor((message) => message.envelopeTo.includes(invoice.email))));
    await pause(1500);
    for (const invoice of invoices) expect(mailsTo(invoice.email)).toHaveLength(1);
  });

  it('leaves paid, part-paid-then-credited, not yet due and credit notes alone; a part payment still gets a reminder for the rest', async () => {
    const now = new Date();
    const paid = await invoiceFor(30, now);
    await registerTestPayment(paid.id, 4719);
    const credited = await invoiceFor(30, now);
    await registerTestPayment(credited.id, 1000);
    await creditTestInvoice(credited.id);
    const notDue = await invoiceFor(14, now); // due today: still in time
    const partPaid = await invoiceFor(30, now);
    await registerTestPayment(partPaid.id, 4000);

    await sendInvoiceReminders(now);
    for (const invoice of [paid, credited, notDue]) {
      expect(await levelsOf(invoice.id), invoice.number).toEqual([]);
      expect(await outboxRowsFor(invoice.customerUserId)).toBe(0);
    }
    // 30 days overdue reaches level 2 directly: a missed level is not sent in a burst.
    expect(await levelsOf(partPaid.id)).toEqual([2]);
    const message = await sink.waitFor((candidate) => candidate.envelopeTo.includes(partPaid.email));
    expect(message.text).toContain('€7.19 of it has not reached us yet');
  });

  it('runs as the daily job on the invoices.send-reminders queue', async () => {
    const invoice = await invoiceFor(20);
    const boss = await getBoss();
    expect(await boss.send('invoices.send-reminders', {})).toBeTruthy();
    const message = await sink.waitFor((candidate) => candidate.envelopeTo.includes(invoice.email), 20_000);
    expect(message.subject).toContain(invoice.number);
    const schedules = await boss.getSchedules();
    expect(schedules.find((schedule) => schedule.name === 'invoices.send-reminders')).toMatchObject({ cron: '13 7 * * *', timezone: 'UTC' });
  });
});

describe('the "your invoice" mail', () => {
  it('is queued in the issuing transaction and delivered after the commit, with the number, total, due date and link', async () => {
    const invoice = await invoiceFor(0);
    await db.transaction((tx) => queueInvoiceMail(tx, invoice.id));
    const message = await sink.waitFor((candidate) => candidate.envelopeTo.includes(invoice.email));
    expect(message.subject).toBe(`Your Stockroom invoice ${invoice.number}`);
    expect(message.text).toContain(`Your invoice ${invoice.number} for €47.19`);
    expect(message.text).toMatch(/please pay it by \d{1,2} \w+ \d{4}/);
    expect(message.text).toContain(`http://localhost:`);
    expect(message.text).toContain(`/account/invoices/${invoice.id}`);
    expect(message.to).toContain('Rita Reminder');
  });

  it('names the cancelled invoice in the credit note mail, and sends nothing when the transaction rolls back', async () => {
    const invoice = await invoiceFor(0);
    const credit = await creditTestInvoice(invoice.id);
    await db.transaction((tx) => queueInvoiceMail(tx, credit.id));
    const message = await sink.waitFor((candidate) => candidate.envelopeTo.includes(invoice.email) && candidate.subject.includes('credit note'));
    expect(message.text).toContain(`credit note ${credit.number} for €47.19, which cancels invoice ${invoice.number}`);

    const other = await invoiceFor(0);
    await expect(
      db.transaction(async (tx) => {
        await queueInvoiceMail(tx, other.id);
        throw new Error('issuing failed after the mail was queued');
      }),
    ).rejects.toThrow('issuing failed');
    await pause(1500);
    expect(mailsTo(other.email)).toHaveLength(0);
    await expect(db.transaction((tx) => queueInvoiceMail(tx, randomUUID()))).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
