/**
 * Customers for the browser tests: written straight into the e2e database (active, with a bcrypt
 * hash of cost 4: the app checks with bcrypt.compare, which reads the cost from the hash), then
 * signed in through the real /login page, so every test runs on a session the app itself issued.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { expect, type Page } from '@playwright/test';
import bcrypt from 'bcrypt';
import pg from 'pg';
import { settingDefinitions } from '../../lib/settings/definitions';
import { ACTIVATION_SUBJECT, linkIn, waitForMail } from './mailbox';
import { e2eState } from './state';

export type TCustomer = { id: string; email: string; password: string; fullName: string };

export async function withDb<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: e2eState().databaseUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** An address no other test uses, so a test finds its own mail in the shared mailbox. */
export const uniqueEmail = (label: string) => `e2e-${label}-${randomBytes(4).toString('hex')}@example.test`;

export const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

export async function createCustomer(options: { marketing?: boolean } = {}): Promise<TCustomer> {
  const email = `account-${randomUUID().slice(0, 8)}@example.test`;
  const password = `harbour-${randomUUID()}`;
  const fullName = 'Maeve Byrne';
  const passwordHash = await bcrypt.hash(password, 4);
  return withDb(async (client) => {
    const { rows } = await client.query<{ id: string }>(
      `insert into users (email, password_hash, full_name, status, activated_at) values ($1, $2, $3, 'active', now()) returning id`,
      [email, passwordHash, fullName],
    );
    const id = rows[0]!.id;
    if (options.marketing) {
      // As registration records an opt-in: against the marketing text in force (the default here).
      const text = settingDefinitions['texts.marketingOptIn'].default;
      await client.query(
        `insert into consent_ledger (subject_user_id, purpose, action, text_version, text_sha256, ip) values ($1, 'marketing_email', 'given', $2, $3, '127.0.0.1')`,
        [id, sha256(text).slice(0, 12), sha256(text)],
      );
    }
    return { id, email, password, fullName };
  });
}

export async function signIn(page: Page, customer: Pick<TCustomer, 'email' | 'password'>, next = '/account') {
  await page.goto(`/login?next=${encodeURIComponent(next)}`);
  await page.getByLabel(/^E-mail/).fill(customer.email);
  await page.getByLabel('Password', { exact: true }).fill(customer.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.waitForURL((url) => url.pathname === next);
}

/**
 * Registers through the form the page is on (/register), then activates the account from the mailed
 * link. Registrations are throttled per IP (10 an hour, every browser request here comes from
 * 127.0.0.1), so only the journeys that are about registering go through it.
 */
export async function registerAndActivate(page: Page, values: { fullName: string; email: string; password: string }) {
  await page.getByLabel('Full name', { exact: true }).fill(values.fullName);
  await page.getByLabel('E-mail address', { exact: true }).fill(values.email);
  await page.getByLabel('Password', { exact: true }).fill(values.password);
  await page.getByRole('radio', { name: 'I am 16 years or older.' }).check();
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL(/\/register\/check-email$/);
  await page.goto(linkIn(await waitForMail({ to: values.email, subject: ACTIVATION_SUBJECT }), 'activate'));
  await page.getByRole('button', { name: 'Activate my account' }).click();
  await expect(page.getByText('Your account is active.')).toBeVisible();
}
