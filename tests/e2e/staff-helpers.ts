/**
 * Staff members for the browser tests: written straight into the e2e database with a password
 * only, so every test goes through the real first sign-in (PIN, authenticator enrolment with codes
 * computed by otplib from the key the page shows, recovery codes).
 */
import { randomUUID } from 'node:crypto';
import { expect, type Page } from '@playwright/test';
import bcrypt from 'bcrypt';
import { generateSync } from 'otplib';
import { expectNoAxeViolations } from './axe';
import { withDb } from './customers';

export type TStaff = { id: string; email: string; password: string; role: string };

export async function createStaff(role: string): Promise<TStaff> {
  const email = `staff-${role}-${randomUUID().slice(0, 8)}@example.test`;
  const password = `quay-${randomUUID()}`;
  const passwordHash = await bcrypt.hash(password, 4);
  const id = await withDb(async (client) => {
    const { rows } = await client.query<{ id: string }>(
      `insert into users (email, password_hash, full_name, kind, staff_role, status, activated_at) values ($1, $2, $3, 'staff', $4, 'active', now()) returning id`,
      [email, passwordHash, `Staff ${role}`, role],
    );
    return rows[0]!.id;
  });
  return { id, email, password, role };
}

export const codeFor = (secret: string) => generateSync({ secret });

/** Waits for the next 30-second step, so a new code is not the one just used (a used step is refused). */
export async function nextCodeFor(secret: string, used: string) {
  for (;;) {
    const code = codeFor(secret);
    if (code !== used) return code;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

export async function passwordStep(page: Page, staff: TStaff, baseUrl = '') {
  await page.goto(`${baseUrl}/staff/login`);
  await page.getByLabel('E-mail address').fill(staff.email);
  await page.getByLabel('Password', { exact: true }).fill(staff.password);
  await page.getByRole('button', { name: 'Continue' }).click();
}

/** First sign-in of a role that needs a code: PIN, enrolment, recovery codes. Returns the secret, the PIN and the codes. */
export async function firstSignIn(page: Page, staff: TStaff, options: { totp: boolean }) {
  await passwordStep(page, staff);
  await expect(page.getByRole('heading', { level: 1, name: 'Choose your PIN' })).toBeVisible();
  await expectNoAxeViolations(page);
  const pin = '73519246';
  await page.getByLabel('New PIN').fill(pin);
  await page.getByLabel('The same PIN again').fill(pin);
  await page.getByRole('button', { name: 'Save PIN and continue' }).click();
  if (!options.totp) {
    await page.waitForURL((url) => url.pathname === '/staff');
    return { pin, secret: '', codes: [] as string[], usedCode: '' };
  }
  await expect(page.getByRole('heading', { level: 1, name: 'Set up your authenticator' })).toBeVisible();
  await expect(page.getByRole('img', { name: /QR code/ })).toBeVisible();
  await expectNoAxeViolations(page);
  const secret = (await page.locator('code').first().textContent())!.trim();
  const usedCode = codeFor(secret);
  await page.getByLabel('Code shown by the app').fill(usedCode);
  await page.getByRole('button', { name: 'Confirm the code' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Save your recovery codes' })).toBeVisible();
  await expectNoAxeViolations(page);
  const codes = (await page.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem').allTextContents()).map((code) => code.trim());
  expect(codes).toHaveLength(10);
  await page.getByRole('button', { name: 'I have saved them: continue' }).click();
  await page.waitForURL((url) => url.pathname === '/staff');
  return { pin, secret, codes, usedCode };
}

export async function signOutOfBackOffice(page: Page) {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL((url) => url.pathname === '/staff/login');
}
