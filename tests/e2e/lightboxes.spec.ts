/**
 * Lightboxes in Chromium against the production build: a guest fills a lightbox from search
 * results without a page reload, registers (activation mail from the SMTP sink), finds the
 * lightbox in My Account, notes and shares it by mail; the recipient opens the link from the mail
 * and sees only that lightbox; the owner sees the opening and withdraws the link. Every new page
 * is checked with axe.
 */
import { randomBytes } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { createCustomer, registerAndActivate, signIn, uniqueEmail, withDb } from './customers';
import { linkIn, waitForMail } from './mailbox';
import { e2eState } from './state';
import { documentKept, markDocument } from './storefront';

const PASSWORD = 'Heron-Lantern-Quay-84';
const XSS = '<img src=x onerror="window.__xss=1">';
const cardButtons = (page: Page) => page.getByRole('button', { name: /^Keep “.+” in my lightbox$/ });
const statusOf = (page: Page) => page.getByRole('main').getByRole('status');

test.describe('lightboxes', () => {
  // Long journeys with an axe pass per page and two mails from the worker (it polls every 2 s) on two shared cores.
  test.describe.configure({ timeout: 420_000 });

  test('a guest fills a lightbox, registers, finds it in the account, shares it, and the recipient opens it', async ({ browser }) => {
    const guestContext = await browser.newContext();
    const page = await guestContext.newPage();

    // The search page a cookieless guest gets is the same for everyone: no button is pressed in its HTML.
    const html = await (await page.request.get('/search')).text();
    expect(html).not.toContain('aria-pressed="true"');

    await page.goto('/search');
    await expect(cardButtons(page).first()).toBeVisible();
    await markDocument(page);
    const first = cardButtons(page).nth(0);
    const second = cardButtons(page).nth(1);
    const firstTitle = /^Keep “(.+)” in my lightbox$/.exec((await first.getAttribute('aria-label'))!)![1]!;
    await first.click();
    await expect(first).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByRole('status').filter({ hasText: `Added “${firstTitle}” to My lightbox (1 image).` })).toBeVisible();
    await second.click();
    await expect(second).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByRole('link', { name: 'View My lightbox (2 images)' })).toBeVisible();
    // A third press and its undo, still without a page load.
    const third = cardButtons(page).nth(2);
    await third.click();
    await expect(third).toHaveAttribute('aria-pressed', 'true');
    await third.click();
    await expect(third).toHaveAttribute('aria-pressed', 'false');
    expect(await documentKept(page)).toBe(true);

    // After a reload the buttons learn their state from the server.
    await page.reload();
    await expect(cardButtons(page).nth(0)).toHaveAttribute('aria-pressed', 'true');
    await expect(cardButtons(page).nth(1)).toHaveAttribute('aria-pressed', 'true');
    await expect(cardButtons(page).nth(2)).toHaveAttribute('aria-pressed', 'false');
    await expectNoAxeViolations(page);

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Lightbox' }).click();
    await expect(page).toHaveURL(/\/lightbox$/);
    await expect(page.getByRole('heading', { name: '2 images' })).toBeVisible();
    await expect(page.getByRole('img', { name: firstTitle })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Keep your lightbox' })).toBeVisible();
    await expectNoAxeViolations(page);

    // Register through the form, activate from the mail, sign in.
    const email = uniqueEmail('lightbox');
    await page.getByRole('main').getByRole('link', { name: 'Register' }).click();
    await registerAndActivate(page, { fullName: 'Niamh Kearney', email, password: PASSWORD });
    await signIn(page, { email, password: PASSWORD }, '/account/lightboxes');

    await expect(page.getByRole('heading', { name: 'Lightboxes', level: 1 })).toBeVisible();
    const myLightbox = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'My lightbox' }) });
    await expect(myLightbox).toContainText('2 images');
    await expect(myLightbox).toContainText('Active');
    await expectNoAxeViolations(page);

    // A second lightbox with a hostile name stays text.
    await page.getByLabel('Name of the new lightbox').fill(`Spring ${XSS}`);
    await page.getByRole('button', { name: 'Create lightbox' }).click();
    await expect(page.getByRole('heading', { name: `Spring ${XSS}` })).toBeVisible();
    await page.getByRole('button', { name: 'Make “My lightbox” the active lightbox' }).click();
    await expect(myLightbox).toContainText('Active');

    await page.getByRole('link', { name: 'My lightbox', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'My lightbox', level: 1 })).toBeVisible();
    await expect(page.getByRole('img', { name: firstTitle })).toBeVisible();
    const note = page.getByLabel(`Your note on “${firstTitle}”`);
    await note.fill(`Cover option ${XSS}`);
    await page.getByRole('button', { name: `Save the note on “${firstTitle}”` }).click();
    await expect(page.getByText('Note saved.')).toBeVisible();
    await page.reload();
    await expect(page.getByLabel(`Your note on “${firstTitle}”`)).toHaveValue(`Cover option ${XSS}`);
    await expectNoAxeViolations(page);

    // Share by mail: a bad address gets a message next to the field; then two recipients.
    const recipient = uniqueEmail('recipient');
    const other = uniqueEmail('colleague');
    await page.getByLabel('Send to').fill('not-an-address');
    await page.getByRole('button', { name: 'Send the lightbox' }).click();
    await expect(page.locator('#field-recipients-error')).toContainText('is not a valid e-mail address');
    await page.getByLabel('Send to').fill(`${recipient}, ${other}`);
    await page.getByLabel('Message (optional)').fill(`Which one for the cover? ${XSS}`);
    await page.getByRole('button', { name: 'Send the lightbox' }).click();
    await expect(statusOf(page).filter({ hasText: 'Sent to 2 addresses.' })).toBeVisible();

    await page.getByRole('navigation', { name: 'My Account' }).getByRole('link', { name: 'Shares' }).click();
    const shareOf = (address: string) => page.getByRole('listitem').filter({ hasText: address });
    await expect(shareOf(recipient)).toContainText('Not opened yet');
    await expect(shareOf(recipient)).toContainText('Link works');
    await expectNoAxeViolations(page);

    // The recipient opens the link from the mail in a browser of their own.
    const mail = await waitForMail({ to: recipient, subject: /^Niamh Kearney shared a lightbox with you on / });
    expect(mail.text).toContain(`Which one for the cover? ${XSS}`);
    const link = linkIn(mail, 'shared');
    const recipientContext = await browser.newContext();
    const recipientPage = await recipientContext.newPage();
    await recipientPage.goto(link);
    await expect(recipientPage.getByRole('heading', { name: 'My lightbox', level: 1 })).toBeVisible();
    await expect(recipientPage.getByRole('main').getByRole('img')).toHaveCount(2);
    await expect(recipientPage.getByRole('img', { name: firstTitle })).toBeVisible();
    const shown = await recipientPage.getByRole('main').innerText();
    for (const personal of ['Niamh', 'Kearney', email, 'Cover option', 'Which one for the cover', 'Spring']) expect(shown).not.toContain(personal);
    await expect(recipientPage.getByRole('button')).toHaveCount(0);
    await expect(recipientPage.getByRole('textbox')).toHaveCount(0);
    expect(await recipientPage.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    await expectNoAxeViolations(recipientPage);

    // The owner sees the opening, then withdraws the link; the recipient's link stops working.
    await page.reload();
    await expect(shareOf(recipient)).toContainText('(once)');
    await shareOf(recipient).getByRole('button', { name: 'Withdraw link' }).click();
    await expect(shareOf(recipient)).toContainText('Withdrawn');
    await recipientPage.reload();
    await expect(recipientPage.getByRole('heading', { name: 'This link does not work' })).toBeVisible();
    await expectNoAxeViolations(recipientPage);
    // A guessed token gets the same page.
    await recipientPage.goto(`/shared/${randomBytes(32).toString('base64url')}`);
    await expect(recipientPage.getByRole('heading', { name: 'This link does not work' })).toBeVisible();

    // Another customer asking for this lightbox by id gets the 404 page (status 200: My Account streams
    // behind its loading boundary, so the status is sent before the page knows; the content is the 404 page).
    const lightboxPath = new URL(page.url()).pathname;
    expect(lightboxPath).toBe('/account/shares');
    const [row] = await withDb(async (client) => (await client.query<{ id: string }>(`select l.id from lightboxes l join users u on u.id = l.owner_user_id where u.email = $1 and l.name = 'My lightbox'`, [email])).rows);
    const stranger = await createCustomer();
    await signIn(recipientPage, stranger);
    await recipientPage.goto(`/account/lightboxes/${row!.id}`);
    await expect(recipientPage.getByRole('heading', { name: 'We could not find that page' })).toBeVisible();
    await expect(recipientPage.getByRole('heading', { name: 'My lightbox' })).toHaveCount(0);
    await expect(recipientPage.getByRole('img', { name: firstTitle })).toHaveCount(0);

    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    await recipientContext.close();
    await guestContext.close();
  });

  test('the image page adds to the lightbox in one click and sends the image by mail; empty states', async ({ page }) => {
    const customer = await createCustomer();
    await signIn(page, customer, '/account/lightboxes');
    await expect(page.getByText('You have no lightboxes yet.')).toBeVisible();
    await page.goto('/account/shares');
    await expect(page.getByText('You have not shared anything yet.')).toBeVisible();
    await expectNoAxeViolations(page);

    const { lighthouseImageId } = e2eState();
    await page.goto(`/images/${lighthouseImageId}`);
    await markDocument(page);
    const add = page.getByRole('button', { name: 'Add to lightbox' });
    await add.click();
    await expect(page.getByRole('button', { name: 'In my lightbox' })).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByRole('link', { name: 'View My lightbox (1 image)' })).toBeVisible();
    expect(await documentKept(page)).toBe(true);
    await expectNoAxeViolations(page);

    await page.getByRole('link', { name: 'Send by e-mail' }).click();
    await expect(page.getByRole('heading', { name: 'Send an image by e-mail' })).toBeVisible();
    await expectNoAxeViolations(page);
    const recipient = uniqueEmail('image');
    await page.getByLabel('Send to').fill(recipient);
    await page.getByRole('button', { name: 'Send the image' }).click();
    await expect(page.getByText('Sent to 1 address.')).toBeVisible();
    const link = linkIn(await waitForMail({ to: recipient, subject: /sent you an image on / }), 'shared');
    await page.goto(link);
    await expect(page.getByRole('heading', { name: 'Lighthouse at dusk over the harbour', level: 1 })).toBeVisible();
    await expectNoAxeViolations(page);

    // The guest page of an empty visit, for a fresh browser.
    const guest = await page.context().browser()!.newContext();
    const guestPage = await guest.newPage();
    await guestPage.goto('/lightbox');
    await expect(guestPage.getByText('Your lightbox is empty.')).toBeVisible();
    await expectNoAxeViolations(guestPage);
    await guest.close();
  });
});
