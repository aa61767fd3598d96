/**
 * My Account in Chromium against the production build: details, sign-ins, activity, password and
 * marketing consent, plus the public privacy policy.
 */
import { randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test, type Browser, type Locator, type Page } from '@playwright/test';
import { settingDefinitions } from '../../lib/settings/definitions';
import { createCustomer, sha256, signIn, withDb, type TCustomer } from './customers';
import { e2eState } from './state';

const userRow = (id: string) =>
  withDb(async (client) => (await client.query<Record<string, unknown>>('select * from users where id = $1', [id])).rows[0]!);

const sessionsOf = (userId: string) =>
  withDb(
    async (client) =>
      (
        await client.query<{ id: string; ended_at: Date | null; end_reason: string | null }>(
          'select id, ended_at, end_reason from sessions where user_id = $1 order by created_at asc',
          [userId],
        )
      ).rows,
  );

/**
 * Signing in ends the account's other sessions (one computer at a time), so two browsers are only
 * signed in together after a race. This reopens the first browser's session to make that case.
 */
const reopenSession = (sessionId: string) =>
  withDb((client) => client.query(`update sessions set ended_at = null, end_reason = null, last_seen_at = now() where id = $1`, [sessionId]));

/** Two browsers signed in to the same account at once (see reopenSession). */
async function twoBrowsersSignedIn(browser: Browser, customer: TCustomer) {
  const first = await browser.newContext();
  const second = await browser.newContext();
  const pageA = await first.newPage();
  const pageB = await second.newPage();
  await signIn(pageA, customer);
  await signIn(pageB, customer);
  const [sessionA] = await sessionsOf(customer.id);
  expect(sessionA?.end_reason).toBe('signed_in_elsewhere');
  await reopenSession(sessionA!.id);
  return { pageA, pageB, close: async () => Promise.all([first.close(), second.close()]) };
}

const main = (page: Page) => page.getByRole('main');
const statusMessage = (page: Page, text: string | RegExp) => main(page).getByRole('status').filter({ hasText: text });

/** Presses Tab (or Shift+Tab) until `target` has focus: proves it is reachable by keyboard alone. */
async function tabTo(page: Page, target: Locator, key: 'Tab' | 'Shift+Tab' = 'Tab', maxPresses = 80) {
  for (let press = 0; press < maxPresses; press += 1) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press(key);
  }
  throw new Error(`Not reachable with ${maxPresses} presses of ${key}: ${target}`);
}

async function mailTo(address: string, subject: RegExp, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  const { mailboxDir } = e2eState();
  for (;;) {
    for (const file of (await readdir(mailboxDir)).filter((name) => name.endsWith('.json'))) {
      const message = JSON.parse(await readFile(path.join(mailboxDir, file), 'utf8')) as { envelopeTo: string[]; subject: string; text: string };
      if (message.envelopeTo.includes(address) && subject.test(message.subject)) return message;
    }
    if (Date.now() > deadline) throw new Error(`No mail to ${address} matching ${subject}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

test.describe('My Account', () => {
  test('a guest opening any account page lands on the sign-in page, and comes back after signing in', async ({ page }) => {
    for (const path of ['/account', '/account/sessions', '/account/activity', '/account/password', '/account/data', '/account/privacy']) {
      await page.goto(path);
      await expect(page).toHaveURL((url) => url.pathname === '/login' && url.searchParams.get('next') === path);
    }
    const customer = await createCustomer();
    await page.getByLabel(/^E-mail/).fill(customer.email);
    await page.getByLabel('Password', { exact: true }).fill(customer.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page).toHaveURL((url) => url.pathname === '/account/privacy');
    await expect(page.getByRole('heading', { level: 1, name: 'Privacy & marketing' })).toBeVisible();
  });

  test('edits the details and sees them saved; the sign-in e-mail is shown but not editable', async ({ page }) => {
    const customer = await createCustomer();
    await signIn(page, customer);
    await expect(page.getByRole('heading', { level: 1, name: 'Your details' })).toBeVisible();
    await expect(main(page).getByText(customer.email, { exact: true })).toBeVisible();
    await expect(main(page).getByText('cannot be changed here')).toBeVisible();
    await expect(main(page).locator('input[name="email"]')).toHaveCount(0);

    await page.getByLabel('Full name').fill('Maeve Byrne-Walsh');
    await page.getByLabel('Company').fill('Harbour Pictures Ltd');
    await page.getByLabel('Address line 1').fill('3 Quay Street');
    await page.getByLabel('Postal code').fill('H91 E2K3');
    await page.getByLabel('Town or city').fill('Galway');
    await page.getByLabel('Country').selectOption('IE');
    await page.getByLabel('Phone').fill('+353 91 123 456');
    await page.getByRole('button', { name: 'Save my details' }).click();
    await expect(statusMessage(page, 'Your details have been saved.')).toBeVisible();

    await page.reload();
    await expect(page.getByLabel('Full name')).toHaveValue('Maeve Byrne-Walsh');
    await expect(page.getByLabel('Company')).toHaveValue('Harbour Pictures Ltd');
    await expect(page.getByLabel('Town or city')).toHaveValue('Galway');
    await expect(page.getByLabel('Country')).toHaveValue('IE');
    await expect(page.getByText('Signed in as Maeve Byrne-Walsh')).toBeVisible();
    const row = await userRow(customer.id);
    expect(row).toMatchObject({
      full_name: 'Maeve Byrne-Walsh',
      company: 'Harbour Pictures Ltd',
      address_line1: '3 Quay Street',
      postal_code: 'H91 E2K3',
      city: 'Galway',
      country_code: 'IE',
      phone: '+353 91 123 456',
      email: customer.email,
    });
  });

  test('a refused field is marked next to itself and announced; what was typed stays and nothing is saved', async ({ page }) => {
    const customer = await createCustomer();
    await signIn(page, customer);
    await page.getByLabel('Town or city').fill('Cork');
    await page.getByLabel('Phone').fill('call me maybe');
    await page.getByRole('button', { name: 'Save my details' }).click();

    const alert = main(page).getByRole('alert');
    await expect(alert).toContainText('Please correct the marked fields.');
    await expect(alert.getByRole('link', { name: 'Enter a phone number with digits, spaces and an optional +.' })).toHaveAttribute('href', '#field-phone');
    await expect(alert).toBeFocused();
    const phone = page.getByLabel('Phone');
    await expect(phone).toHaveAttribute('aria-invalid', 'true');
    await expect(phone).toHaveAccessibleDescription(/Enter a phone number with digits, spaces and an optional \+\./);
    await expect(phone).toHaveValue('call me maybe');
    await expect(page.getByLabel('Town or city')).toHaveValue('Cork');
    expect((await userRow(customer.id)).city).toBeNull();
  });

  test('a form sending an e-mail, a role, a status or an id changes nothing but the details', async ({ page }) => {
    const other = await createCustomer();
    const customer = await createCustomer();
    const before = await userRow(customer.id);
    await signIn(page, customer);
    await main(page)
      .locator('form')
      .first()
      .evaluate((form, victimId) => {
        const extra: Record<string, string> = { email: 'attacker@evil.test', kind: 'staff', staffRole: 'superadmin', status: 'disabled', id: victimId, userId: victimId };
        for (const [name, value] of Object.entries(extra)) {
          const input = document.createElement('input');
          input.type = 'hidden';
          input.name = name;
          input.value = value;
          form.appendChild(input);
        }
      }, other.id);
    await page.getByLabel('Full name').fill('Only The Name');
    await page.getByRole('button', { name: 'Save my details' }).click();
    await expect(statusMessage(page, 'Your details have been saved.')).toBeVisible();

    const after = await userRow(customer.id);
    expect(after).toMatchObject({ full_name: 'Only The Name', email: before.email, kind: 'customer', staff_role: null, status: 'active' });
    expect((await userRow(other.id)).full_name).toBe(other.fullName);
  });

  test('markup in the name is shown as text and never runs', async ({ page }) => {
    const dialogs: string[] = [];
    page.on('dialog', async (dialog) => {
      dialogs.push(dialog.message());
      await dialog.dismiss();
    });
    const customer = await createCustomer();
    await signIn(page, customer);
    const hostileName = '<script>alert(1)</script><img src=x onerror=alert(1)>';
    await page.getByLabel('Full name').fill(hostileName);
    await page.getByRole('button', { name: 'Save my details' }).click();
    await expect(statusMessage(page, 'Your details have been saved.')).toBeVisible();

    await page.reload();
    await expect(page.getByLabel('Full name')).toHaveValue(hostileName);
    await expect(page.getByText(`Signed in as ${hostileName}`)).toBeVisible();
    await expect(page.locator('img[src="x"]')).toHaveCount(0);
    // The name travels in the page's data as an escaped string; no element was made of it.
    await expect(page.locator('script', { hasText: /^alert\(1\)$/ })).toHaveCount(0);
    for (const path of ['/account/sessions', '/account/privacy']) {
      await page.goto(path);
      await expect(page.getByText(`Signed in as ${hostileName}`)).toBeVisible();
    }
    expect(dialogs).toEqual([]);
    expect((await userRow(customer.id)).full_name).toBe(hostileName);
  });

  test('marketing e-mails are withdrawn with one click and given again against the text shown', async ({ page }) => {
    const customer = await createCustomer({ marketing: true });
    await signIn(page, customer, '/account/privacy');
    await expect(main(page).getByText('You receive marketing e-mails')).toBeVisible();

    await page.getByRole('button', { name: 'Stop marketing e-mails' }).click();
    await expect(statusMessage(page, 'we will not send you marketing e-mails any more')).toBeVisible();
    await expect(main(page).getByText('You do not receive marketing e-mails')).toBeVisible();
    const optInText = settingDefinitions['texts.marketingOptIn'].default;
    await expect(main(page).getByText(optInText)).toBeVisible();

    await page.getByRole('button', { name: 'Send me marketing e-mails' }).click();
    await expect(statusMessage(page, 'we will send you occasional marketing e-mails')).toBeVisible();
    await expect(main(page).getByText('You receive marketing e-mails')).toBeVisible();

    const ledger = await withDb(
      async (client) =>
        (
          await client.query<{ action: string; text_sha256: string }>(
            `select action, text_sha256 from consent_ledger where subject_user_id = $1 and purpose = 'marketing_email' order by id`,
            [customer.id],
          )
        ).rows,
    );
    expect(ledger).toEqual([
      { action: 'given', text_sha256: sha256(optInText) },
      { action: 'withdrawn', text_sha256: sha256(optInText) },
      { action: 'given', text_sha256: sha256(optInText) },
    ]);
    await expect(main(page).getByRole('link', { name: 'Read the privacy policy' })).toHaveAttribute('href', '/privacy');
  });

  test('the sign-ins page lists this sign-in, and the activity page records it', async ({ page }) => {
    const customer = await createCustomer();
    await signIn(page, customer, '/account/sessions');
    const current = main(page).getByRole('listitem').filter({ hasText: 'This browser' });
    await expect(current).toHaveCount(1);
    await expect(current).toContainText(/127\.0\.0\.1|::1/);
    await expect(current).toContainText(/\d{1,2} \w{3} \d{4}, \d{2}:\d{2} UTC/);
    await expect(main(page).getByText('No other browser is signed in to your account right now.')).toBeVisible();

    await page.getByRole('navigation', { name: 'My Account' }).getByRole('link', { name: 'Activity' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Your activity' })).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'My Account' }).getByRole('link', { name: 'Activity' })).toHaveAttribute('aria-current', 'page');
    const signIns = main(page).getByRole('table', { name: 'Your sign-ins, newest first' });
    await expect(signIns.getByRole('row')).toHaveCount(2);
    await expect(signIns).toContainText(/127\.0\.0\.1|::1/);
    await expect(main(page).getByText('You have not searched while signed in yet.')).toBeVisible();
    await expect(main(page).getByText('You have not opened a larger preview while signed in yet.')).toBeVisible();
  });

  test('signing in elsewhere signs this browser out; "sign out everywhere else" ends another browser and keeps this one', async ({ browser }) => {
    const customer = await createCustomer();
    const { pageA, pageB, close } = await twoBrowsersSignedIn(browser, customer);
    try {
      await pageB.goto('/account/sessions');
      await expect(main(pageB).getByText('One other browser is still signed in to your account.')).toBeVisible();
      await expect(main(pageB).getByRole('listitem').filter({ hasText: 'Still signed in' })).toHaveCount(1);

      await pageB.getByRole('button', { name: 'Sign out everywhere else' }).click();
      await expect(statusMessage(pageB, 'Signed out of 1 other session.')).toBeVisible();
      await expect(main(pageB).getByRole('listitem').filter({ hasText: 'Still signed in' })).toHaveCount(0);
      await expect(main(pageB).getByText('Signed out with “Sign out everywhere else”.')).toBeVisible();

      await pageA.goto('/account');
      await expect(pageA).toHaveURL((url) => url.pathname === '/login');
      await pageB.goto('/account');
      await expect(pageB.getByRole('heading', { level: 1, name: 'Your details' })).toBeVisible();
      const sessions = await sessionsOf(customer.id);
      expect(sessions.map((session) => session.end_reason)).toEqual(['signed_out_elsewhere', null]);
    } finally {
      await close();
    }
  });

  test('a password change keeps this browser signed in and signs the other one out', async ({ browser }) => {
    const customer = await createCustomer();
    const { pageA, pageB, close } = await twoBrowsersSignedIn(browser, customer);
    const newPassword = `lantern-${randomUUID()}`;
    try {
      await pageB.goto('/account/password');
      await expect(main(pageB).getByText('At least 8 characters', { exact: false })).toBeVisible();
      await pageB.getByLabel('Current password').fill('wrong-password-here');
      await pageB.getByLabel('New password', { exact: true }).fill(newPassword);
      await pageB.getByLabel('Confirm new password').fill(newPassword);
      await pageB.getByRole('button', { name: 'Change password' }).click();
      await expect(pageB.getByLabel('Current password')).toHaveAccessibleDescription('Error: That is not your current password.');
      await expect(pageB.getByLabel('Current password')).toHaveValue('');

      await pageB.getByLabel('Current password').fill(customer.password);
      await pageB.getByLabel('New password', { exact: true }).fill(newPassword);
      await pageB.getByLabel('Confirm new password').fill(newPassword);
      await pageB.getByRole('button', { name: 'Change password' }).click();
      await expect(statusMessage(pageB, 'Your password has been changed.')).toBeVisible();

      await pageB.reload();
      await expect(pageB).toHaveURL((url) => url.pathname === '/account/password');
      await pageB.goto('/account/sessions');
      await expect(main(pageB).getByRole('listitem').filter({ hasText: 'This browser' })).toHaveCount(1);
      await expect(main(pageB).getByText('Your password was changed.')).toBeVisible();

      await pageA.goto('/account');
      await expect(pageA).toHaveURL((url) => url.pathname === '/login');
      await mailTo(customer.email, /password was changed/);

      // The new password is the one that works now.
      await signIn(pageA, { email: customer.email, password: newPassword });
      await expect(pageA.getByRole('heading', { level: 1, name: 'Your details' })).toBeVisible();
    } finally {
      await close();
    }
  });

  test('every account form is reachable and operable by keyboard, with labelled fields and no CSP violations', async ({ page }) => {
    // Four sections, a reload and a password change by keyboard: the longest walk of the suite.
    test.slow();
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
    });
    const customer = await createCustomer({ marketing: true });
    await signIn(page, customer);

    const expectLabelledFields = async () => {
      const fields = main(page).locator('input:not([type="hidden"]):not([hidden]), select, textarea');
      for (const field of await fields.all()) await expect(field).toHaveAccessibleName(/\S/);
      await expect(main(page).locator('[style]')).toHaveCount(0);
    };

    // Details: type, save with Enter, and a refusal takes focus.
    await expectLabelledFields();
    const fullName = page.getByLabel('Full name');
    await tabTo(page, fullName);
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('Keyboard Customer');
    await tabTo(page, page.getByLabel('Country'));
    await tabTo(page, page.getByLabel('Phone'));
    await page.keyboard.type('not a phone');
    const save = page.getByRole('button', { name: 'Save my details' });
    await tabTo(page, save);
    const outline = await save.evaluate((element) => getComputedStyle(element).outlineStyle);
    expect(outline).not.toBe('none');
    await page.keyboard.press('Enter');
    await expect(main(page).getByRole('alert')).toBeFocused();
    await page.getByLabel('Phone').fill('');
    await page.getByLabel('Phone').focus();
    await tabTo(page, save);
    await page.keyboard.press('Enter');
    await expect(statusMessage(page, 'Your details have been saved.')).toBeVisible();
    expect((await userRow(customer.id)).full_name).toBe('Keyboard Customer');

    // Sub-navigation by keyboard (back up from the form to the section links).
    await tabTo(page, page.getByRole('navigation', { name: 'My Account' }).getByRole('link', { name: 'Privacy & marketing' }), 'Shift+Tab');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: 'Privacy & marketing' })).toBeVisible();

    // Privacy & marketing: one key press each way.
    await tabTo(page, page.getByRole('button', { name: 'Stop marketing e-mails' }));
    await page.keyboard.press('Space');
    await expect(statusMessage(page, 'we will not send you marketing e-mails any more')).toBeVisible();
    // The button pressed was replaced by its opposite; start again from the top of the page.
    await page.reload();
    await tabTo(page, page.getByRole('button', { name: 'Send me marketing e-mails' }));
    await page.keyboard.press('Enter');
    await expect(statusMessage(page, 'we will send you occasional marketing e-mails')).toBeVisible();

    // Sign-ins.
    await page.goto('/account/sessions');
    await tabTo(page, page.getByRole('button', { name: 'Sign out everywhere else' }));
    await page.keyboard.press('Enter');
    await expect(statusMessage(page, 'nothing needed ending')).toBeVisible();

    // Password: field to field with Tab, submitted with Enter from the last field.
    await page.goto('/account/password');
    await expectLabelledFields();
    const newPassword = `keyboard-${randomUUID()}`;
    await tabTo(page, page.getByLabel('Current password'));
    await page.keyboard.type(customer.password);
    await page.keyboard.press('Tab');
    await expect(page.getByLabel('New password', { exact: true })).toBeFocused();
    await page.keyboard.type(newPassword);
    await page.keyboard.press('Tab');
    await expect(page.getByLabel('Confirm new password')).toBeFocused();
    await page.keyboard.type(newPassword);
    await page.keyboard.press('Enter');
    await expect(statusMessage(page, 'Your password has been changed.')).toBeVisible();

    for (const path of ['/account/activity', '/account/sessions', '/account/privacy', '/privacy', '/account/data', '/account/data/users']) {
      await page.goto(path);
      await expect(page.getByRole('main').locator('[style]')).toHaveCount(0);
    }
    expect(violations).toEqual([]);
  });
});

test.describe('privacy policy page', () => {
  test('shows the policy with its headings, bullets and current version', async ({ page }) => {
    await page.goto('/privacy');
    await expect(page.getByRole('heading', { level: 1, name: 'Privacy policy' })).toBeVisible();
    await expect(page.getByText(/^Version [0-9a-f]{12}\./)).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: 'What we collect and why' })).toBeVisible();
    await expect(main(page).getByRole('listitem').first()).toContainText('Your account: name, e-mail address');
  });

  test('a stored policy containing markup is shown as text and runs nothing', async ({ page }) => {
    const dialogs: string[] = [];
    page.on('dialog', async (dialog) => {
      dialogs.push(dialog.message());
      await dialog.dismiss();
    });
    const hostile = 'Who we are\nWe are <img src=x onerror=alert(1)> <script>alert(2)</script>.\n- <a href="javascript:alert(3)">click</a>';
    await withDb((client) =>
      client.query(
        `insert into site_settings (key, value) values ('texts.privacyPolicy', $1::jsonb) on conflict (key) do update set value = excluded.value`,
        [JSON.stringify(hostile)],
      ),
    );
    try {
      await page.goto('/privacy');
      await expect(main(page).getByText('We are <img src=x onerror=alert(1)> <script>alert(2)</script>.')).toBeVisible();
      await expect(main(page).getByText('<a href="javascript:alert(3)">click</a>')).toBeVisible();
      await expect(main(page).locator('img, script, a[href^="javascript"]')).toHaveCount(0);
      await expect(page.getByText(`Version ${sha256(hostile).slice(0, 12)}.`, { exact: false })).toBeVisible();
      expect(dialogs).toEqual([]);
    } finally {
      await withDb((client) => client.query(`delete from site_settings where key = 'texts.privacyPolicy'`));
    }
  });
});
