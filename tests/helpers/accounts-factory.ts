/**
 * Accounts for the integration tests: registration forms as the page sends them, customers made
 * through the real use cases, mail delivered to a real SMTP sink by the real worker, and links
 * read out of the received messages.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { vi } from 'vitest';
import { sessions, users } from '@/db/schema';
import { registerAccount } from '@/lib/accounts/register-account';
import { sendAccountLink } from '@/lib/accounts/send-account-link';
import { hashPassword } from '@/lib/auth/passwords';
import { registrationTexts } from '@/lib/content/site-texts';
import { db } from '@/lib/db/client';
import type { TClientInfo } from '@/lib/http/client-info';
import { getBoss } from '@/lib/jobs/boss';
import { startWorkers, type TWorkers } from '@/lib/jobs/start-workers';
import { startSmtpSink, type TSinkMessage, type TSmtpSink } from './smtp-sink';

/** Not on the common-password list, 8+ characters, well under 72 bytes. */
export const TEST_PASSWORD = 'Umber-Kestrel-Quarry-41';

export const uniqueEmail = (label: string) => `${label}-${randomUUID().slice(0, 8)}@example.test`;

/** An address from the IPv6 documentation range, different for every call (throttles count per IP). */
export const uniqueIp = () => `2001:db8:${randomBytes(2).toString('hex')}:${randomBytes(2).toString('hex')}::${randomBytes(2).toString('hex')}`;

export const clientAt = (ip: string | null = uniqueIp()): TClientInfo => ({ ip, browser: 'Firefox 140', os: 'Linux', country: null });

/**
 * Stands in for next/server's after() (which needs a request): holds the work a use case leaves
 * for after its response, until the test runs it.
 */
export function afterResponse() {
  const pending: Array<() => Promise<void>> = [];
  return {
    defer: (work: () => Promise<void>) => {
      pending.push(work);
    },
    pendingCount: () => pending.length,
    run: async () => {
      for (let work = pending.shift(); work; work = pending.shift()) await work();
    },
  };
}

/** sendAccountLink as a request makes it, then the work it leaves for after the response. */
export async function sendAccountLinkAndFinish(...[kind, form, client]: Parameters<typeof sendAccountLink>): Promise<void> {
  const later = afterResponse();
  await sendAccountLink(kind, form, client, later.defer);
  await later.run();
}

export type TRegistrationOverrides = Record<string, unknown> & { age?: 'adult' | 'parental'; marketing?: boolean };

/** The fields the registration page posts, with the hashes of the texts it shows. */
export async function registrationForm(overrides: TRegistrationOverrides = {}): Promise<Record<string, unknown>> {
  const texts = await registrationTexts();
  const { marketing, ...rest } = overrides;
  const age = overrides.age ?? 'adult';
  return {
    fullName: 'Ada Lovelace',
    email: uniqueEmail('ada'),
    password: TEST_PASSWORD,
    company: 'Analytical Engines Ltd',
    addressLine1: '12 St James’s Square',
    addressLine2: '',
    postalCode: 'SW1Y 4JH',
    city: 'London',
    countryCode: 'GB',
    phone: '+44 20 7946 0000',
    age,
    shownNotice: texts.privacyNotice.sha256,
    shownAge: age === 'adult' ? texts.ageConfirmation.sha256 : texts.parentalConsent.sha256,
    shownMarketing: texts.marketingOptIn.sha256,
    ...(marketing ? { marketing: 'on' } : {}),
    ...rest,
  };
}

/** registerAccount as a request makes it, then the work it leaves for after the response. */
export async function registerAccountAndFinish(...[form, client]: Parameters<typeof registerAccount>): Promise<void> {
  const later = afterResponse();
  await registerAccount(form, client, later.defer);
  await later.run();
}

/** Registers through the use case (as the page does) and returns what was sent. */
export async function registerCustomer(overrides: TRegistrationOverrides = {}, client: TClientInfo = clientAt()) {
  const form = await registrationForm(overrides);
  await registerAccountAndFinish(form, client);
  return { email: String(form.email), password: String(form.password), fullName: String(form.fullName), client, form };
}

export async function userByEmail(email: string) {
  const [row] = await db.select().from(users).where(eq(sql`lower(${users.email})`, email.toLowerCase()));
  return row ?? null;
}

export async function countUsersWithEmail(email: string) {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(users).where(eq(sql`lower(${users.email})`, email.toLowerCase()));
  return row?.n ?? 0;
}

/** An active customer written directly (faster than registering when a test is about something else). */
export async function insertCustomer(options: { email?: string; password?: string; status?: 'pending' | 'active' | 'disabled'; kind?: 'customer' | 'staff'; fullName?: string } = {}) {
  const email = options.email ?? uniqueEmail('customer');
  const password = options.password ?? TEST_PASSWORD;
  const [row] = await db
    .insert(users)
    .values({
      email,
      passwordHash: await hashPassword(password),
      fullName: options.fullName ?? 'Grace Hopper',
      status: options.status ?? 'active',
      kind: options.kind ?? 'customer',
      staffRole: options.kind === 'staff' ? 'admin' : null,
      activatedAt: (options.status ?? 'active') === 'active' ? new Date() : null,
    })
    .returning({ id: users.id });
  return { userId: row!.id, email, password, fullName: options.fullName ?? 'Grace Hopper' };
}

export async function sessionRowsOf(userId: string) {
  return db.select().from(sessions).where(eq(sessions.userId, userId)).orderBy(sessions.createdAt);
}

export type TMailDelivery = { sink: TSmtpSink; workers: TWorkers; stop: () => Promise<void> };

/**
 * A real SMTP server and the real delivery worker, polling often so tests wait little. The test files
 * of a run share one database and run one after another: deliveries that earlier files queued
 * without delivering them (hundreds, from the checkout and order tests) are dropped first, or this
 * file's worker would work through them before its own mail arrives.
 */
export async function startMailDelivery(): Promise<TMailDelivery> {
  vi.stubEnv('STOCKROOM_LOG_LEVEL', 'error');
  await (await getBoss()).deleteQueuedJobs('mail.deliver');
  const sink = await startSmtpSink();
  vi.stubEnv('SMTP_URL', sink.url);
  vi.stubEnv('MAIL_FROM', 'Stockroom Test <no-reply@stockroom.test>');
  const workers = await startWorkers({ pollingIntervalSeconds: 0.5 });
  return {
    sink,
    workers,
    stop: async () => {
      await workers.stop();
      await sink.stop();
    },
  };
}

export const isTo = (address: string) => (message: TSinkMessage) => message.envelopeTo.some((to) => to.toLowerCase() === address.toLowerCase());

export function messagesTo(sink: TSmtpSink, address: string, subject?: RegExp) {
  return sink.messages.filter((message) => isTo(address)(message) && (!subject || subject.test(message.subject)));
}

export function waitForMail(sink: TSmtpSink, address: string, subject: RegExp, timeoutMs = 15_000) {
  return sink.waitFor((message) => isTo(address)(message) && subject.test(message.subject), timeoutMs);
}

export const ACTIVATION_SUBJECT = /^Activate your .+ account$/;
export const RESET_SUBJECT = /^Reset your .+ password$/;
export const EXISTING_ACCOUNT_SUBJECT = /^Someone tried to register with your address/;
export const PASSWORD_CHANGED_SUBJECT = /^Your .+ password was changed$/;

/** The link to `/activate/…` or `/reset-password/…` in a received message, and its token. */
export function linkFrom(message: TSinkMessage, path: 'activate' | 'reset-password') {
  const match = new RegExp(`https?://[^\\s"<>]+/${path}/([A-Za-z0-9_-]+)`).exec(message.text);
  if (!match) throw new Error(`No /${path}/ link in the message "${message.subject}"`);
  return { url: match[0], token: match[1]! };
}

/** Registers and returns the activation token from the mail that arrives. */
export async function registerAndReceiveActivation(sink: TSmtpSink, overrides: TRegistrationOverrides = {}, client: TClientInfo = clientAt()) {
  const registered = await registerCustomer(overrides, client);
  const message = await waitForMail(sink, registered.email, ACTIVATION_SUBJECT);
  return { ...registered, ...linkFrom(message, 'activate'), message };
}

/** Changes one character of a token, keeping it well-formed. */
export const alterToken = (token: string) => `${token.slice(0, 20)}${token[20] === 'A' ? 'B' : 'A'}${token.slice(21)}`;
