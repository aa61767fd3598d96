import { expect, test } from '@playwright/test';

// The e2e server runs the production build with SMTP_URL set: the development mailbox must not exist.
test('the development mailbox does not exist in production or when SMTP is configured', async ({ request }) => {
  for (const path of ['/dev/mail', '/dev/mail/00000000-0000-0000-0000-000000000000']) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(404);
    expect(await response.text()).not.toContain('Outbox');
  }
});
