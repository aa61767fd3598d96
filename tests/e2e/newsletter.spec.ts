/**
 * The newsletter end to end in Chromium against the production build: an admin writes, previews
 * and sends it; the real job queues it and the real SMTP server receives it with List-Unsubscribe
 * and List-Unsubscribe-Post. One customer unsubscribes from the page the link opens (no session),
 * another by the one-click POST a mail program makes; both end up withdrawn in the consent ledger.
 * A sales member sees the usage statistics but not the newsletter. axe on each page.
 */
import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { createCustomer, withDb } from './customers';
import { waitForMail } from './mailbox';
import { createStaff, firstSignIn } from './staff-helpers';

const nav = (page: Page) => page.getByRole('navigation', { name: 'Back office' });

const marketingActions = (userId: string) =>
  withDb(async (client) =>
    (await client.query<{ action: string }>(`select action from consent_ledger where subject_user_id = $1 and purpose = 'marketing_email' order by id`, [userId])).rows.map((row) => row.action),
  );

test.describe('newsletter and one-click unsubscribe', () => {
  test('an admin sends a newsletter; one customer unsubscribes from its page, another by one-click POST', async ({ page, browser, playwright }) => {
    test.slow();
    const viaPage = await createCustomer({ marketing: true });
    const viaMailProgram = await createCustomer({ marketing: true });
    const notConsenting = await createCustomer();
    const admin = await createStaff('admin');
    await firstSignIn(page, admin, { totp: true });

    await nav(page).getByRole('link', { name: 'Newsletter' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Newsletter' })).toBeVisible();
    await expectNoAxeViolations(page);

    const write = page.getByRole('region', { name: 'Write a newsletter' });
    await write.getByRole('button', { name: 'Preview' }).click();
    await expect(write.getByRole('alert')).toContainText('Please correct the marked fields.');
    await expect(write.getByText('Enter a subject.').last()).toBeVisible();
    await expect(write.getByLabel('Subject')).toHaveAttribute('aria-invalid', 'true');
    await expectNoAxeViolations(page);

    const subject = `Harbour lights ${Date.now()}`;
    await write.getByLabel('Subject').fill(subject);
    await write.getByLabel('Message').fill('Twenty new night pictures.\n\nSee them in the shop.');
    await write.getByRole('button', { name: 'Preview' }).click();
    const preview = write.getByRole('region', { name: 'Preview' });
    await expect(preview).toContainText(`Stockroom: ${subject}`);
    await expect(preview).toContainText('Hello Maria Example,');
    await expect(preview).toContainText('Twenty new night pictures.');
    await expectNoAxeViolations(page);

    await preview.getByRole('button', { name: /^Send to \d+ customers?$/ }).click();
    await expect(write.getByRole('status')).toContainText(`Sending “${subject}”`);
    await expect(page.getByRole('table', { name: 'Newsletters, newest first' }).getByRole('row', { name: new RegExp(subject) })).toBeVisible();

    const mail = await waitForMail({ to: viaPage.email, subject: new RegExp(subject) }, 40_000);
    expect(mail.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    const link = /^<(http:\/\/localhost:\d+\/unsubscribe\/[A-Za-z0-9_.-]+)>$/.exec(mail.headers['list-unsubscribe'] ?? '')?.[1];
    expect(link).toBeTruthy();
    expect(mail.text).toContain(link!);

    // A browser with no session opens the link: a page with a button, nothing changed yet.
    const visitor = await browser.newContext();
    const inbox = await visitor.newPage();
    await inbox.goto(link!);
    await expect(inbox.getByRole('heading', { level: 1, name: 'Unsubscribe from our newsletter' })).toBeVisible();
    await expectNoAxeViolations(inbox);
    expect(await marketingActions(viaPage.id)).toEqual(['given']);
    await inbox.getByRole('button', { name: 'Unsubscribe' }).click();
    await expect(inbox.getByRole('heading', { level: 1, name: 'You are unsubscribed' })).toBeVisible();
    await expectNoAxeViolations(inbox);
    await visitor.close();
    expect(await marketingActions(viaPage.id)).toEqual(['given', 'withdrawn']);

    // A mail program's one-click: a POST without cookies.
    const second = await waitForMail({ to: viaMailProgram.email, subject: new RegExp(subject) }, 40_000);
    const secondLink = /^<(.+)>$/.exec(second.headers['list-unsubscribe'] ?? '')?.[1];
    const mailProgram = await playwright.request.newContext();
    const answer = await mailProgram.post(secondLink!, { form: { 'List-Unsubscribe': 'One-Click' }, maxRedirects: 0 });
    expect(answer.status()).toBe(200);
    await mailProgram.dispose();
    expect(await marketingActions(viaMailProgram.id)).toEqual(['given', 'withdrawn']);

    const toOthers = await withDb(async (client) =>
      (await client.query(`select 1 from mail_outbox where template = 'marketing-newsletter' and subject_user_id = $1`, [notConsenting.id])).rowCount,
    );
    expect(toOthers).toBe(0);
  });

  test('a sales member reads the usage statistics and has no newsletter', async ({ page }) => {
    const sales = await createStaff('sales');
    await firstSignIn(page, sales, { totp: false });
    await expect(nav(page).getByRole('link', { name: 'Newsletter' })).toHaveCount(0);
    await nav(page).getByRole('link', { name: 'Usage statistics' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Usage statistics' })).toBeVisible();
    await expect(page.getByText('Customer sign-ins').first()).toBeVisible();
    await expectNoAxeViolations(page);
    const refused = await page.goto('/staff/newsletter');
    expect(refused?.status()).toBe(404);
  });
});
