/**
 * The privacy desk in Chromium against the production build: a privacy officer records a request
 * received by mail, the person confirms it through the link from the mailbox, the officer extends
 * the deadline (the person is mailed the reason) and closes it (mailed the outcome); an overdue
 * request is highlighted on the list. Axe on every new page, the person's link page included.
 */
import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { uniqueEmail, withDb } from './customers';
import { waitForMail } from './mailbox';
import { createStaff, firstSignIn } from './staff-helpers';

test.describe('back office: privacy requests', () => {
  test('records a mailed request, the person confirms it by the link, the officer extends and closes it; overdue ones stand out', async ({ page, browser }) => {
    test.slow();
    const personEmail = uniqueEmail('requester');
    const personName = `Rosalind ${randomUUID().slice(0, 6)}`;
    // An old request from someone else, due ten days ago.
    const overdueName = `Overdue ${randomUUID().slice(0, 6)}`;
    await withDb((client) =>
      client.query(
        `insert into privacy_requests (kind, state, source, contact_email, contact_name, received_at, due_at) values ('objection', 'open', 'staff', $1, $2, now() - interval '40 days', now() - interval '10 days')`,
        [uniqueEmail('overdue'), overdueName],
      ),
    );

    const officer = await createStaff('privacy_officer');
    await firstSignIn(page, officer, { totp: true });
    await page.getByRole('navigation', { name: 'Back office' }).getByRole('link', { name: 'Privacy requests' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Privacy requests' })).toBeVisible();
    const overdueRow = page.getByRole('row').filter({ hasText: overdueName });
    await expect(overdueRow).toContainText('Overdue');
    await expect(overdueRow).toHaveClass(/bg-red-50/);
    await expectNoAxeViolations(page);

    await page.getByRole('link', { name: 'Record a request received by mail' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Record a request received by mail' })).toBeVisible();
    await expectNoAxeViolations(page);
    await page.getByRole('button', { name: 'Record the request and mail the identity link' }).click();
    await expect(page.getByLabel('What the person asks for')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByRole('alert', { name: 'Please correct the marked fields.' })).toContainText('Choose what the person asks for.');

    await page.getByLabel('What the person asks for').selectOption({ label: 'Access (art. 15)' });
    await page.getByLabel('A person without an account').check();
    await page.getByLabel('Name the person signed with').fill(personName);
    await page.getByLabel('E-mail address the person wrote from').fill(personEmail);
    await page.getByLabel('What the person wrote').fill('Please tell me what you hold about me.');
    await page.getByRole('button', { name: 'Record the request and mail the identity link' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Access (art. 15)' })).toBeVisible();
    const requestUrl = page.url();
    await expect(page.getByRole('region', { name: 'Request', exact: true })).toContainText('Awaiting identity check');
    await expectNoAxeViolations(page);

    // The person opens the link from the mailbox, in their own browser.
    const identityMail = await waitForMail({ to: personEmail, subject: /confirm your data-protection request/ });
    const link = /https?:\/\/[^\s"<>]+\/privacy\/requests\/verify\/[A-Za-z0-9_-]+/.exec(identityMail.text)![0];
    const personContext = await browser.newContext();
    const personPage = await personContext.newPage();
    await personPage.goto(link);
    await expect(personPage.getByRole('heading', { level: 1, name: 'Confirm your data-protection request' })).toBeVisible();
    await expectNoAxeViolations(personPage);
    await personPage.getByRole('button', { name: 'Confirm my request' }).click();
    await expect(personPage.getByText('Thank you: your request is confirmed.')).toBeVisible();
    await personPage.goto(link);
    await expect(personPage.getByText('This link cannot be used')).toBeVisible();
    await personContext.close();

    await page.goto(requestUrl);
    await expect(page.getByRole('region', { name: 'Request', exact: true })).toContainText('Open');
    await expect(page.getByRole('region', { name: 'Timeline' })).toContainText('Identity confirmed through the link');

    // Extend, with the reason mailed.
    const extendSection = page.getByRole('region', { name: 'Extend the deadline' });
    await extendSection.getByRole('button', { name: 'Extend and mail the reason' }).click();
    await expect(extendSection.getByRole('alert')).toBeVisible();
    await extendSection.getByLabel('Two months').check();
    await extendSection.getByLabel('Reason (mailed to the person)').fill('We are gathering records from our archive.');
    await extendSection.getByRole('button', { name: 'Extend and mail the reason' }).click();
    // The page shows the new state: the form gives way to the extension done.
    await expect(page.getByRole('region', { name: 'Extend the deadline' })).toContainText('extended already');
    await expect(page.getByRole('region', { name: 'Request', exact: true })).toContainText('We are gathering records from our archive.');
    const extensionMail = await waitForMail({ to: personEmail, subject: /We need more time/ });
    expect(extensionMail.text).toContain('Why: We are gathering records from our archive.');
    await expectNoAxeViolations(page);

    // Close as completed, with the outcome mailed.
    const closeSection = page.getByRole('region', { name: 'Close the request' });
    await closeSection.getByLabel('Completed: we did what was asked').check();
    await closeSection.getByLabel('What was done, or why it is refused (mailed to the person)').fill('We hold no data about you beyond this request.');
    await closeSection.getByRole('button', { name: 'Close and mail the person' }).click();
    await expect(page.getByRole('region', { name: 'Request', exact: true })).toContainText('Completed');
    const answer = await waitForMail({ to: personEmail, subject: /is answered/ });
    expect(answer.text).toContain('We hold no data about you beyond this request.');
    await expect(page.getByRole('region', { name: 'Timeline' })).toContainText('Completed; the person was told');

    // The list: closed requests under their filter.
    await page.goto('/staff/privacy-requests?show=closed&kind=access');
    await expect(page.getByRole('row').filter({ hasText: personName })).toContainText('Completed');
    await expectNoAxeViolations(page);
  });
});
