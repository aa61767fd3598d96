/**
 * The staff accounts section and My security in Chromium against the production build: an admin
 * invites a member, who opens the mailed link, chooses a password and signs in for the first
 * time; the admin changes the member's role and locks the account, and the member's browser is
 * signed out at its next request; a member changes their own PIN on My security. Axe on every page.
 */
import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { linkIn, waitForMail } from './mailbox';
import { createStaff, firstSignIn, passwordStep, signOutOfBackOffice } from './staff-helpers';

const INVITATION_SUBJECT = /^You are invited to the .+ back office$/;

test.describe('staff accounts', () => {
  test('invite → mailed link → password → first sign-in; role change; lock signs the member out at their next request', async ({ page, browser }) => {
    test.slow();
    const admin = await createStaff('admin');
    await firstSignIn(page, admin, { totp: true });

    await page.getByRole('navigation', { name: 'Back office' }).getByRole('link', { name: 'Staff accounts' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Staff accounts' })).toBeVisible();
    await expect(page.getByRole('table')).toContainText(admin.email);
    await expectNoAxeViolations(page);

    // Bad input: messages next to the fields, nothing sent.
    await page.getByRole('button', { name: 'Send the invitation' }).click();
    await expect(page.getByRole('alert').first()).toContainText('Please correct the marked fields.');
    await expect(page.locator('#field-email-error')).toBeVisible();
    await expectNoAxeViolations(page);
    // An admin is not offered the admin roles.
    await expect(page.getByLabel('Role').locator('option')).toHaveText(['Choose a role', 'Privacy officer', 'Sales', 'Catalog']);

    const member = { email: `invitee-${randomUUID().slice(0, 8)}@example.test`, fullName: 'Ines Invitee', password: `Harbour-${randomUUID()}` };
    await page.getByLabel('E-mail address').fill(member.email);
    await page.getByLabel('Full name').fill(member.fullName);
    await page.getByLabel('Role').selectOption({ label: 'Sales' });
    await page.getByRole('button', { name: 'Send the invitation' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'is invited as Sales' })).toBeVisible();
    await expect(page.getByRole('row', { name: new RegExp(member.fullName) })).toContainText('Invited (link open)');

    const mail = await waitForMail({ to: member.email, subject: INVITATION_SUBJECT });
    const link = linkIn(mail, 'staff/invitation');

    const memberContext = await browser.newContext();
    const memberPage = await memberContext.newPage();
    await memberPage.goto(link);
    await expect(memberPage.getByRole('heading', { level: 1, name: 'Choose your staff password' })).toBeVisible();
    await expectNoAxeViolations(memberPage);
    await memberPage.getByLabel('New password', { exact: true }).fill(member.password);
    await memberPage.getByLabel('Confirm new password').fill(member.password);
    await memberPage.getByRole('button', { name: 'Save my password' }).click();
    await expect(memberPage.getByText('Your password is set.')).toBeVisible();
    await expectNoAxeViolations(memberPage);

    // The link works once.
    await memberPage.goto(link);
    await expect(memberPage.getByRole('main').getByRole('alert')).toContainText('This invitation link cannot be used');

    await firstSignIn(memberPage, { id: '', email: member.email, password: member.password, role: 'sales' }, { totp: false });
    await expect(memberPage.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();

    // The admin opens the member's page: change the role, then lock.
    await page.reload();
    await page.getByRole('link', { name: member.fullName }).click();
    await expect(page.getByRole('heading', { level: 1, name: member.fullName })).toBeVisible();
    await expectNoAxeViolations(page);
    await page.getByRole('combobox', { name: 'Role' }).selectOption({ label: 'Catalog' });
    await page.getByRole('button', { name: 'Change role' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'The role is now Catalog.' })).toBeVisible();

    await page.getByRole('button', { name: 'Lock the account' }).click();
    await expect(page.getByRole('button', { name: 'Unlock the account' })).toBeVisible();
    await expect(page.getByText('Locked', { exact: true })).toBeVisible();
    await expectNoAxeViolations(page);

    await memberPage.goto('/staff');
    await memberPage.waitForURL((url) => url.pathname === '/staff/login');
    await expect(memberPage.getByText('Your back-office session has ended.')).toBeVisible();
    await passwordStep(memberPage, { id: '', email: member.email, password: member.password, role: 'catalog' });
    await expect(memberPage.getByRole('main').getByRole('alert').first()).toContainText('This staff account is locked.');
    // The ended session's cookie only leads back to the sign-in.
    expect(new URL((await memberPage.request.get('/staff')).url()).pathname).toBe('/staff/login');
    await memberContext.close();

    // My security for a role with an authenticator: 10 new recovery codes, shown once.
    await page.getByRole('navigation', { name: 'Back office' }).getByRole('link', { name: 'My security' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'My security' })).toBeVisible();
    await expect(page.getByText('10 of 10')).toBeVisible();
    await expectNoAxeViolations(page);
    const codes = page.getByRole('region', { name: 'New recovery codes' });
    await codes.getByLabel('Your current password').fill(admin.password);
    await codes.getByRole('button', { name: 'Make new recovery codes' }).click();
    await expect(codes.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem')).toHaveCount(10);
    await expectNoAxeViolations(page);
  });

  test('My security: the PIN changes only with the password, and the new PIN signs in', async ({ page }) => {
    test.slow();
    const sales = await createStaff('sales');
    await firstSignIn(page, sales, { totp: false });
    await page.getByRole('navigation', { name: 'Back office' }).getByRole('link', { name: 'My security' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'My security' })).toBeVisible();
    await expect(page.getByText('Your role signs in without an authenticator app')).toBeVisible();
    await expectNoAxeViolations(page);

    const pinForm = page.getByRole('region', { name: 'Change your PIN' });
    await pinForm.getByLabel('New PIN').fill('86420135');
    await pinForm.getByLabel('The same PIN again').fill('86420135');
    await pinForm.getByRole('button', { name: 'Change PIN' }).click();
    await expect(page.locator('#field-currentPassword-error')).toContainText('Enter your current password.');
    await expectNoAxeViolations(page);

    await pinForm.getByLabel('Your current password').fill('not-my-password');
    await pinForm.getByLabel('New PIN').fill('86420135');
    await pinForm.getByLabel('The same PIN again').fill('86420135');
    await pinForm.getByRole('button', { name: 'Change PIN' }).click();
    await expect(page.locator('#field-currentPassword-error')).toContainText('That is not your current password.');

    await pinForm.getByLabel('Your current password').fill(sales.password);
    await pinForm.getByLabel('New PIN').fill('86420135');
    await pinForm.getByLabel('The same PIN again').fill('86420135');
    await pinForm.getByRole('button', { name: 'Change PIN' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Your PIN is changed.' })).toBeVisible();

    await signOutOfBackOffice(page);
    await passwordStep(page, sales);
    await page.getByLabel('PIN', { exact: true }).fill('73519246');
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page.getByRole('main').getByRole('alert')).toContainText('That PIN is not right.');
    await page.getByLabel('PIN', { exact: true }).fill('86420135');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL((url) => url.pathname === '/staff');
  });
});
