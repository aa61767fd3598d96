/**
 * Visitor accounts in Chromium against the production build: registration with the activation
 * mail received over SMTP, sign-in and sign-out, one session at a time, password reset by mail,
 * the 73-byte password, the open-redirect guard, and both forms with the keyboard alone.
 *
 * Registrations through the form are throttled per IP (10 an hour, and every browser request here
 * comes from 127.0.0.1), so only two tests register through the form; the others seed an active
 * customer straight into the database.
 */
import { expect, test, type BrowserContext, type Locator, type Page } from '@playwright/test';
import bcrypt from 'bcrypt';
import pg from 'pg';
import { uniqueEmail } from './customers';
import { ACTIVATION_SUBJECT, linkIn, mailsTo, RESET_SUBJECT, waitForMail } from './mailbox';
import { e2eState } from './state';

const PASSWORD = 'Heron-Marble-Canyon-62';
const WRONG_CREDENTIALS = 'The e-mail address or password is not right.';
const SIGNED_IN_ELSEWHERE = 'You were signed out because your account signed in on another computer.';
/** Where a sign-in lands by default (My Account, which may add a sub-path or query of its own). */
const MY_ACCOUNT = /\/account(?:[/?#]|$)/;
const SESSION_COOKIE = 'stockroom.session'; // plain HTTP here; `__Host-stockroom.session` over HTTPS

/** An active customer written straight into the database (what registration + activation leave behind). */
async function seedActiveCustomer(label: string, password = PASSWORD) {
  const email = uniqueEmail(label);
  const client = new pg.Client({ connectionString: e2eState().databaseUrl });
  await client.connect();
  try {
    await client.query(
      `insert into users (email, password_hash, full_name, status, activated_at) values ($1, $2, $3, 'active', now())`,
      [email, await bcrypt.hash(password, 12), `E2E ${label}`],
    );
  } finally {
    await client.end();
  }
  return { email, password };
}

async function fillRegistration(page: Page, values: { fullName: string; email: string; password: string }) {
  await page.goto('/register');
  await page.getByLabel('Full name', { exact: true }).fill(values.fullName);
  await page.getByLabel('E-mail address', { exact: true }).fill(values.email);
  await page.getByLabel('Password', { exact: true }).fill(values.password);
  await page.getByLabel('City (optional)').fill('Galway');
  await page.getByLabel('Country (optional)').selectOption('IE');
  await page.getByRole('radio', { name: 'I am 16 years or older.' }).check();
}

async function signIn(page: Page, email: string, password: string, path = '/login') {
  await page.goto(path);
  await page.getByLabel('E-mail address', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

const header = (page: Page) => page.getByRole('navigation', { name: 'Main' });
/** Scoped to the page content: Next.js's route announcer (role="alert") lives outside <main>. */
const alertOf = (page: Page) => page.getByRole('main').getByRole('alert');
const statusOf = (page: Page) => page.getByRole('main').getByRole('status');

async function sessionCookieOf(context: BrowserContext) {
  const cookie = (await context.cookies()).find((candidate) => candidate.name === SESSION_COOKIE);
  expect(cookie, 'session cookie').toBeTruthy();
  return cookie!;
}

/** Presses Tab until `target` has the focus: the keyboard is the only way there. */
async function tabTo(page: Page, target: Locator, maxPresses = 80) {
  for (let press = 0; press <= maxPresses; press += 1) {
    if (await target.evaluate((element) => element === document.activeElement)) {
      // The focus is visible: the global :focus-visible outline applies.
      const outline = await target.evaluate((element) => getComputedStyle(element).outlineStyle);
      expect(outline).not.toBe('none');
      return;
    }
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${target}`);
}

test.describe('visitor accounts', () => {
  test('register, receive the activation mail, activate, sign in, sign out', async ({ page, context }) => {
    const email = uniqueEmail('journey');
    await page.goto('/register');
    const storeBox = page.getByRole('region', { name: 'What we store about you' });
    await expect(storeBox).toContainText('We never sell your data.');
    await expect(storeBox.getByRole('link', { name: 'Read the full privacy notice' })).toHaveAttribute('href', '/privacy');
    await expect(page.getByLabel('Send me occasional e-mails', { exact: false })).not.toBeChecked();

    await fillRegistration(page, { fullName: 'Orla Journey', email, password: PASSWORD });
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(page).toHaveURL(/\/register\/check-email$/);
    await expect(page.getByRole('heading', { name: 'Check your e-mail' })).toBeVisible();

    const mail = await waitForMail({ to: email, subject: ACTIVATION_SUBJECT });
    expect(mail.text).toContain('Hello Orla Journey,');
    const link = linkIn(mail, 'activate');

    // A mail scanner opening the link (GET) activates nothing.
    expect((await page.request.get(link)).status()).toBe(200);
    await signIn(page, email, PASSWORD);
    await expect(alertOf(page)).toContainText('Your account is not activated yet.');
    await expect(page.getByRole('button', { name: 'Send the activation link again' })).toBeVisible();
    await expect(page).toHaveURL(/\/login/);

    await page.goto(link);
    await page.getByRole('button', { name: 'Activate my account' }).click();
    await expect(page.getByText('Your account is active.')).toBeVisible();
    await page.getByRole('main').getByRole('link', { name: 'sign in', exact: true }).click();
    await expect(page).toHaveURL(/\/login$/);

    await signIn(page, email, PASSWORD);
    await expect(page).toHaveURL(MY_ACCOUNT);
    await expect(header(page).getByRole('link', { name: 'My account' })).toBeVisible();
    const cookie = await sessionCookieOf(context);
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');

    await header(page).getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/$/);
    await expect(header(page).getByRole('link', { name: 'Sign in' })).toBeVisible();
    await expect(header(page).getByRole('link', { name: 'My account' })).toHaveCount(0);

    // The cookie from before the sign-out is worthless: its session row has ended.
    await context.addCookies([cookie]);
    await page.goto('/account');
    await expect(page).toHaveURL(/\/login\?.*reason=signed-out/);
    await expect(statusOf(page)).toHaveText('You have been signed out.');
    await expect(header(page).getByRole('link', { name: 'Sign in' })).toBeVisible();

    // The activation link has been used.
    await page.goto(link);
    await expect(alertOf(page)).toContainText('This activation link cannot be used');
    await expect(page.getByRole('button', { name: 'Activate my account' })).toHaveCount(0);
  });

  test('a password of 73 bytes is refused with the message next to the field, and nothing else is lost', async ({ page }) => {
    const email = uniqueEmail('long');
    const tooLong = 'Quill-Harbour-'.padEnd(73, 'x');
    expect(Buffer.byteLength(tooLong)).toBe(73);
    await fillRegistration(page, { fullName: 'Lena Long', email, password: tooLong });
    await page.getByRole('button', { name: 'Create account' }).click();

    await expect(alertOf(page)).toContainText('Please correct the marked fields.');
    const password = page.getByLabel('Password', { exact: true });
    await expect(password).toHaveAttribute('aria-invalid', 'true');
    await expect(password).toHaveAccessibleDescription(/Use at most 72 bytes: that is 72 plain letters or digits/);
    await expect(page.locator('#field-password-error')).toHaveText(/Use at most 72 bytes/);
    await expect(page).toHaveURL(/\/register$/);

    // Values stay, except the password.
    await expect(page.getByLabel('Full name', { exact: true })).toHaveValue('Lena Long');
    await expect(page.getByLabel('E-mail address', { exact: true })).toHaveValue(email);
    await expect(page.getByLabel('Country (optional)')).toHaveValue('IE');
    await expect(page.getByRole('radio', { name: 'I am 16 years or older.' })).toBeChecked();
    await expect(password).toHaveValue('');

    // The summary links to the field.
    await alertOf(page).getByRole('link', { name: /Use at most 72 bytes/ }).click();
    await expect(password).toBeFocused();
    expect(await mailsTo({ to: email })).toEqual([]);
  });

  test('a sign-in on a second computer signs the first out, with the reason', async ({ browser, page }) => {
    const customer = await seedActiveCustomer('two-computers');
    await signIn(page, customer.email, customer.password);
    await expect(page).toHaveURL(MY_ACCOUNT);

    const otherContext = await browser.newContext();
    try {
      const other = await otherContext.newPage();
      await signIn(other, customer.email, customer.password);
      await expect(other).toHaveURL(MY_ACCOUNT);

      await page.goto('/account');
      await expect(page).toHaveURL(/\/login\?.*reason=signed-in-elsewhere/);
      await expect(statusOf(page).filter({ hasText: SIGNED_IN_ELSEWHERE })).toBeVisible();

      // The second computer is still signed in.
      await other.goto('/account');
      await expect(other).toHaveURL(MY_ACCOUNT);
    } finally {
      await otherContext.close();
    }
  });

  test('password reset by mail: same answer for an unknown address, new password works, the link works once', async ({ page }) => {
    const customer = await seedActiveCustomer('reset');
    const newPassword = 'Juniper-Tideway-Forge-30';

    await page.goto('/login');
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await expect(page).toHaveURL(/\/reset-password$/);

    await page.getByLabel('E-mail address', { exact: true }).fill(uniqueEmail('nobody'));
    await page.getByRole('button', { name: 'Send the reset link' }).click();
    const unknownAnswer = await statusOf(page).innerText();
    expect(unknownAnswer).toContain('If an account uses that address');

    await page.goto('/reset-password');
    await page.getByLabel('E-mail address', { exact: true }).fill(customer.email);
    await page.getByRole('button', { name: 'Send the reset link' }).click();
    await expect(statusOf(page)).toHaveText(unknownAnswer);

    const link = linkIn(await waitForMail({ to: customer.email, subject: RESET_SUBJECT }), 'reset-password');
    await page.goto(link);
    await page.getByLabel('New password', { exact: true }).fill(newPassword);
    await page.getByLabel('Confirm new password', { exact: true }).fill(`${newPassword}!`);
    await page.getByRole('button', { name: 'Save new password' }).click();
    await expect(page.getByLabel('Confirm new password', { exact: true })).toHaveAccessibleDescription(/The two passwords differ/);

    await page.getByLabel('New password', { exact: true }).fill(newPassword);
    await page.getByLabel('Confirm new password', { exact: true }).fill(newPassword);
    await page.getByRole('button', { name: 'Save new password' }).click();
    await expect(page.getByText('Your password has been changed.')).toBeVisible();

    await page.goto(link);
    await expect(alertOf(page)).toContainText('This reset link cannot be used');

    await signIn(page, customer.email, customer.password);
    await expect(alertOf(page)).toHaveText(WRONG_CREDENTIALS);
    await signIn(page, customer.email, newPassword);
    await expect(page).toHaveURL(MY_ACCOUNT);
  });

  test('an unknown address and a wrong password get the same message', async ({ page }) => {
    const customer = await seedActiveCustomer('same-message');
    await signIn(page, uniqueEmail('ghost'), PASSWORD);
    await expect(alertOf(page)).toHaveText(WRONG_CREDENTIALS);
    await signIn(page, customer.email, 'Not-The-Password-1');
    await expect(alertOf(page)).toHaveText(WRONG_CREDENTIALS);
    await expect(page.getByLabel('Password', { exact: true })).toHaveValue('');
  });

  test('"next" only leads within the site', async ({ page, baseURL }) => {
    const customer = await seedActiveCustomer('redirect');
    const origin = new URL(baseURL!).origin;

    await signIn(page, customer.email, customer.password, '/login?next=https://evil.example');
    await expect(page).toHaveURL(MY_ACCOUNT);
    expect(new URL(page.url()).origin).toBe(origin);

    await page.context().clearCookies();
    await signIn(page, customer.email, customer.password, `/login?next=${encodeURIComponent('/.//evil.example')}`);
    await expect(page).toHaveURL(MY_ACCOUNT);
    expect(new URL(page.url()).origin).toBe(origin);

    await page.context().clearCookies();
    await signIn(page, customer.email, customer.password, `/login?next=${encodeURIComponent('/reset-password')}`);
    await expect(page).toHaveURL(`${origin}/reset-password`);
  });

  test('"Remember my e-mail" keeps only an address that signed in, and only when ticked', async ({ page, context }) => {
    const customer = await seedActiveCustomer('remember');
    const rememberedCookie = async () => (await context.cookies()).find((cookie) => cookie.name === 'stockroom.login-email');
    await page.goto('/login');
    await expect(page.getByLabel('Remember my e-mail', { exact: true })).not.toBeChecked();

    // A failed attempt with the box ticked remembers nothing: only a sign-in proves the address.
    await page.getByLabel('E-mail address', { exact: true }).fill(customer.email);
    await page.getByLabel('Password', { exact: true }).fill('Not-The-Password-1');
    await page.getByLabel('Remember my e-mail', { exact: true }).check();
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(alertOf(page)).toHaveText(WRONG_CREDENTIALS);
    expect(await rememberedCookie()).toBeUndefined();

    await page.getByLabel('Password', { exact: true }).fill(customer.password);
    await expect(page.getByLabel('Remember my e-mail', { exact: true })).toBeChecked();
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page).toHaveURL(MY_ACCOUNT);
    const remembered = await rememberedCookie();
    // Cookie values are URL-encoded on the wire; the address is all the cookie holds.
    expect(decodeURIComponent(remembered?.value ?? '')).toBe(customer.email);
    expect(remembered?.httpOnly).toBe(true);

    await header(page).getByRole('button', { name: 'Sign out' }).click();
    // Wait for the sign-out to land before the next navigation, or the navigation may cancel it.
    await expect(header(page).getByRole('link', { name: 'Sign in' })).toBeVisible();
    await page.goto('/login');
    await expect(page.getByLabel('E-mail address', { exact: true })).toHaveValue(customer.email);
    await expect(page.getByLabel('Remember my e-mail', { exact: true })).toBeChecked();
  });

  test('the session cookie ends with the browser session, or with "Keep me signed in" with the 30-day session', async ({ page, context }) => {
    const customer = await seedActiveCustomer('cookie-lifetime');
    await signIn(page, customer.email, customer.password);
    await expect(page).toHaveURL(MY_ACCOUNT);
    // -1: a session cookie, which the browser drops when it closes.
    expect((await sessionCookieOf(context)).expires).toBe(-1);

    // The sign-in device cookie: long-lived, HttpOnly, SameSite=Lax.
    const device = (await context.cookies()).find((cookie) => cookie.name === 'stockroom.device');
    expect(device?.httpOnly).toBe(true);
    expect(device?.sameSite).toBe('Lax');
    expect(device!.expires - Date.now() / 1000).toBeGreaterThan(365 * 86_400);

    await header(page).getByRole('button', { name: 'Sign out' }).click();
    await expect(header(page).getByRole('link', { name: 'Sign in' })).toBeVisible();
    await page.goto('/login');
    await page.getByLabel('E-mail address', { exact: true }).fill(customer.email);
    await page.getByLabel('Password', { exact: true }).fill(customer.password);
    await page.getByLabel('Keep me signed in', { exact: true }).check();
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page).toHaveURL(MY_ACCOUNT);
    // next-auth's form asks /api/auth/session once more after signing in; that answer does not lengthen it either.
    const remembered = await sessionCookieOf(context);
    expect(Math.abs(remembered.expires - (Date.now() / 1000 + 30 * 86_400))).toBeLessThan(60);
  });

  test('register and sign in with the keyboard alone; every field has a label', async ({ page }) => {
    const email = uniqueEmail('keyboard');
    await page.goto('/register');
    for (const label of ['Full name', 'E-mail address', 'Password', 'Company (optional)', 'Address line 1 (optional)', 'Address line 2 (optional)', 'Postal code (optional)', 'City (optional)', 'Country (optional)', 'Phone (optional)']) {
      await expect(page.getByLabel(label, { exact: true }), label).toHaveCount(1);
    }
    await expect(page.getByRole('radiogroup', { name: 'Your age' }).getByRole('radio')).toHaveCount(2);

    const keyboard = page.keyboard;
    await tabTo(page, page.getByLabel('Full name', { exact: true }));
    await keyboard.type('Kim Keyboard');
    await keyboard.press('Tab');
    await expect(page.getByLabel('E-mail address', { exact: true })).toBeFocused();
    await keyboard.type(email);
    await keyboard.press('Tab');
    await expect(page.getByLabel('Password', { exact: true })).toBeFocused();
    await keyboard.type(PASSWORD);
    await tabTo(page, page.getByLabel('City (optional)'));
    await keyboard.type('Cork');
    const adult = page.getByRole('radio', { name: 'I am 16 years or older.' });
    await tabTo(page, adult);
    await keyboard.press('Space');
    await expect(adult).toBeChecked();
    const marketing = page.getByRole('checkbox');
    await tabTo(page, marketing);
    await keyboard.press('Space');
    await expect(marketing).toBeChecked();
    await tabTo(page, page.getByRole('button', { name: 'Create account' }));
    await keyboard.press('Enter');
    await expect(page).toHaveURL(/\/register\/check-email$/);

    await page.goto(linkIn(await waitForMail({ to: email, subject: ACTIVATION_SUBJECT }), 'activate'));
    await tabTo(page, page.getByRole('button', { name: 'Activate my account' }));
    await keyboard.press('Enter');
    await expect(page.getByText('Your account is active.')).toBeVisible();

    await page.goto('/login');
    for (const label of ['E-mail address', 'Password', 'Keep me signed in', 'Remember my e-mail']) {
      await expect(page.getByLabel(label, { exact: true }), label).toHaveCount(1);
    }
    await tabTo(page, page.getByLabel('E-mail address', { exact: true }));
    await keyboard.type(email);
    await keyboard.press('Tab');
    await expect(page.getByLabel('Password', { exact: true })).toBeFocused();
    await keyboard.type(PASSWORD);
    const keep = page.getByLabel('Keep me signed in', { exact: true });
    await tabTo(page, keep);
    await keyboard.press('Space');
    await expect(keep).toBeChecked();
    await tabTo(page, page.getByRole('button', { name: 'Sign in', exact: true }));
    await keyboard.press('Enter');
    await expect(page).toHaveURL(MY_ACCOUNT);
  });
});
