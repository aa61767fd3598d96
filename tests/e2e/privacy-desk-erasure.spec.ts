/**
 * Erasure from the privacy desk in Chromium against the production build: a privacy officer opens
 * a confirmed erasure request received by mail, sees what will be erased and kept, is stopped by
 * an unpaid invoice, asks "Erase now" and confirms; a failure part-way (a real database error)
 * shows the error on the request and changes nothing, and "Retry erasure" then erases; the person
 * receives the receipt. A request without an account says it cannot be erased here. Axe on every state.
 */
import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { createCustomer, uniqueEmail, withDb } from './customers';
import { waitForMail } from './mailbox';
import { createStaff, firstSignIn } from './staff-helpers';
import { e2eState } from './state';

/** An erasure request by mail whose identity the person confirmed through the link (that flow is in privacy-desk.spec.ts). */
async function confirmedErasureRequest(values: { subjectUserId: string | null; contactEmail?: string; contactName?: string }): Promise<string> {
  return withDb(async (client) => {
    const { rows } = await client.query<{ id: string }>(
      `insert into privacy_requests (kind, state, source, subject_user_id, contact_email, contact_name, identity_verified_at, received_at, due_at, details)
       values ('erasure', 'open', 'staff', $1, $2, $3, now(), now() - interval '2 days', now() + interval '28 days', 'Please erase everything you hold about me.') returning id`,
      [values.subjectUserId, values.contactEmail ?? null, values.contactName ?? null],
    );
    return rows[0]!.id;
  });
}

test.describe('back office: erasure from the privacy desk', () => {
  test('preview, unpaid invoice, confirmation, a failure that changes nothing, retry, receipt; a request without an account', async ({ page }) => {
    test.slow();
    const person = await createCustomer();
    const requestId = await confirmedErasureRequest({ subjectUserId: person.id });
    const { invoiceBuyer, invoices } = e2eState();
    const blockedId = await confirmedErasureRequest({ subjectUserId: invoiceBuyer.id });
    const contactEmail = uniqueEmail('contact-erasure');
    const contactOnlyId = await confirmedErasureRequest({ subjectUserId: null, contactEmail, contactName: `Ada ${randomUUID().slice(0, 6)}` });

    const officer = await createStaff('privacy_officer');
    await firstSignIn(page, officer, { totp: true });

    // An unpaid invoice: the preview shows, the invoices are named, there is no button.
    await page.goto(`/staff/privacy-requests/${blockedId}`);
    const blocked = page.getByRole('region', { name: 'Erasure' });
    await expect(blocked.getByRole('heading', { name: 'What will be kept, why and until when' })).toBeVisible();
    await expect(blocked).toContainText('cannot be erased while invoices are unpaid');
    await expect(blocked).toContainText(invoices.open.number);
    await expect(blocked).toContainText(invoices.overdue.number);
    await expect(blocked.getByRole('button', { name: 'Erase now' })).toHaveCount(0);
    await expectNoAxeViolations(page);

    // A request without an account.
    await page.goto(`/staff/privacy-requests/${contactOnlyId}`);
    await expect(page.getByRole('region', { name: 'Erasure' })).toContainText('not about an account, so it cannot be erased through the desk');
    await expectNoAxeViolations(page);

    // The person's request: the preview, then the confirmation step.
    await page.goto(`/staff/privacy-requests/${requestId}`);
    const erasure = page.getByRole('region', { name: 'Erasure' });
    await expect(erasure.getByRole('heading', { name: 'What will be erased' })).toBeVisible();
    await expect(erasure).toContainText('without the cooling-off');
    await expectNoAxeViolations(page);
    await erasure.getByRole('button', { name: 'Erase now' }).click();
    const confirmation = erasure.getByRole('form', { name: /Erase the account of Maeve Byrne now\?/ });
    await expect(confirmation).toBeVisible();
    await expectNoAxeViolations(page);
    await confirmation.getByRole('button', { name: 'Cancel' }).click();
    await expect(erasure.getByRole('form')).toHaveCount(0);

    // A real database error late in the erasure (the receipt cannot be queued): nothing changes.
    const fn = `e2e_refuse_receipt_${person.id.replaceAll('-', '')}`;
    await withDb(async (client) => {
      await client.query(`create function ${fn}() returns trigger language plpgsql as $$
        begin
          if new.template = 'erasure-receipt' and new.subject_user_id = '${person.id}' then raise exception 'the outbox is unavailable'; end if;
          return new;
        end $$`);
      await client.query(`create trigger ${fn} before insert on mail_outbox for each row execute function ${fn}()`);
    });
    try {
      await erasure.getByRole('button', { name: 'Erase now' }).click();
      await erasure.getByRole('button', { name: 'Yes, erase the account' }).click();
      await expect(erasure.getByRole('alert')).toContainText('The erasure failed and nothing was changed.');
    } finally {
      await withDb(async (client) => {
        await client.query(`drop trigger ${fn} on mail_outbox`);
        await client.query(`drop function ${fn}()`);
      });
    }
    await page.reload();
    await expect(page.getByRole('region', { name: 'Request', exact: true })).toContainText('Failed');
    await expect(erasure).toContainText('The erasure failed and nothing was changed.');
    await expect(erasure).toContainText('Error: The erasure stopped and changed nothing');
    await expect(page.getByRole('region', { name: 'Timeline' })).toContainText('Erasure failed; nothing was changed');
    const untouched = await withDb((client) => client.query<{ email: string; erased_at: Date | null }>('select email, erased_at from users where id = $1', [person.id]));
    expect(untouched.rows[0]).toEqual({ email: person.email, erased_at: null });
    await expectNoAxeViolations(page);

    // Retry: the erasure runs and the request is completed.
    await erasure.getByRole('button', { name: 'Retry erasure' }).click();
    await erasure.getByRole('button', { name: 'Yes, erase the account' }).click();
    await expect(page.getByRole('region', { name: 'Request', exact: true })).toContainText('Completed');
    await expect(page.getByRole('region', { name: 'Request', exact: true })).toContainText('The account was erased');
    await expect(page.getByRole('region', { name: 'Erasure' })).toHaveCount(0);
    await expect(page.getByRole('region', { name: 'Timeline' })).toContainText('Account erased; the receipt was mailed and the request completed');
    await expectNoAxeViolations(page);
    const receipt = await waitForMail({ to: person.email, subject: /account has been deleted/ });
    expect(receipt.text).toContain('erased');
    const erased = await withDb((client) => client.query<{ erased_at: Date | null }>('select erased_at from users where id = $1', [person.id]));
    expect(erased.rows[0]!.erased_at).not.toBeNull();
  });
});
