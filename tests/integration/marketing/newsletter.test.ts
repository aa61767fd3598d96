/**
 * The newsletter without the delivery worker: who gets a campaign, what is stored and audited, the
 * one-click unsubscribe route (no session, no cookie) and the roles that may send.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { auditTrail, mailOutbox, marketingCampaigns } from '@/db/schema';
import { closeDatabase, db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { getBoss } from '@/lib/jobs/boss';
import { openEnvelope } from '@/lib/mail/envelope';
import { listCampaigns } from '@/lib/marketing/list-campaigns';
import { countMarketingRecipients } from '@/lib/marketing/marketing-recipients';
import { previewNewsletter } from '@/lib/marketing/preview-newsletter';
import { sendCampaign, startCampaign } from '@/lib/marketing/send-campaign';
import { unsubscribeLinkState } from '@/lib/marketing/unsubscribe-by-link';
import { unsubscribeToken } from '@/lib/marketing/unsubscribe-link';
import { roleHasPermission, staffRoles } from '@/lib/staff/permissions';
import { GET, POST } from '@/app/unsubscribe/[token]/route';
import { staffActorFor } from '../../helpers/staff-actor';
import { customerWithConsent, marketingLedger, newsletter } from './marketing-kit';

afterAll(closeDatabase);

const oneClick = (token: string, body: BodyInit | null = 'List-Unsubscribe=One-Click', type = 'application/x-www-form-urlencoded') =>
  POST(new Request(`http://localhost/unsubscribe/${token}`, { method: 'POST', body, headers: type ? { 'Content-Type': type } : {} }), { params: Promise.resolve({ token }) });

const open = (token: string) => GET(new Request(`http://localhost/unsubscribe/${token}`), { params: Promise.resolve({ token }) });

const newsletterRowsFor = (userIds: string[]) =>
  db
    .select()
    .from(mailOutbox)
    .where(and(eq(mailOutbox.template, 'marketing-newsletter'), inArray(mailOutbox.subjectUserId, userIds)));

describe('sending a newsletter', () => {
  it('queues one message per active, not erased customer whose latest marketing entry is given, and no one else', async () => {
    const consenting = await customerWithConsent('given', { fullName: 'Nora Quay' });
    const never = await customerWithConsent('none');
    const withdrawn = await customerWithConsent('withdrawn');
    const disabled = await customerWithConsent('given', { status: 'disabled' });
    const pending = await customerWithConsent('given', { status: 'pending', activatedAt: null });
    const erased = await customerWithConsent('given', { erasedAt: new Date() });
    const everyone = [consenting, never, withdrawn, disabled, pending, erased].map((customer) => customer.userId);
    const admin = await staffActorFor('admin');
    const expected = await countMarketingRecipients();

    const { campaignId } = await startCampaign(admin, newsletter);
    const [queued] = await db.select().from(marketingCampaigns).where(eq(marketingCampaigns.id, campaignId));
    expect(queued).toMatchObject({ status: 'queued', recipientCount: null, createdBy: admin.userId, subject: newsletter.subject });
    const jobs = await (await getBoss()).findJobs('marketing.send-campaign', { data: { campaignId } });
    expect(jobs).toHaveLength(1);
    expect(await newsletterRowsFor(everyone)).toEqual([]);

    expect(await sendCampaign(campaignId)).toEqual({ outcome: 'sent', recipients: expected, skipped: 0 });
    const rows = await newsletterRowsFor(everyone);
    expect(rows.map((row) => row.subjectUserId)).toEqual([consenting.userId]);
    const envelope = openEnvelope(rows[0]!.envelope!);
    expect(envelope.to).toBe(consenting.email);
    expect(envelope.subject).toBe(`Stockroom: ${newsletter.subject}`);
    expect(envelope.text).toContain('Hello Nora Quay,');
    expect(envelope.text).toContain('Fifty new pictures this week.');
    expect(envelope.listUnsubscribe).toMatch(/^http:\/\/localhost:\d+\/unsubscribe\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(envelope.text).toContain(envelope.listUnsubscribe);
    // Sealed: neither the address nor the link is readable in the row.
    expect(rows[0]!.envelope!.toString('latin1')).not.toContain(consenting.email);
    expect(rows[0]!.envelope!.toString('latin1')).not.toContain('unsubscribe');

    const [sent] = await db.select().from(marketingCampaigns).where(eq(marketingCampaigns.id, campaignId));
    expect(sent).toMatchObject({ status: 'sent', recipientCount: expected });
    expect(sent!.sentAt).toBeInstanceOf(Date);

    // A retry of the job, or a second run, sends nothing more.
    expect(await sendCampaign(campaignId)).toEqual({ outcome: 'skipped' });
    expect(await newsletterRowsFor(everyone)).toHaveLength(1);
  });

  it('is audited by ids only', async () => {
    const admin = await staffActorFor('admin');
    const { campaignId } = await startCampaign(admin, { subject: 'Spring offers', body: 'Ten per cent off.' });
    const entries = await db.select().from(auditTrail).where(and(eq(auditTrail.action, 'marketing.campaign-sent'), eq(auditTrail.objectId, campaignId)));
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actorKind: 'staff', actorUserId: admin.userId, objectType: 'marketing_campaign', subjectUserId: null });
    expect(JSON.stringify(entries[0])).not.toContain('Spring offers');
  });

  it('refuses a subject with a line break and an empty message, storing nothing', async () => {
    const admin = await staffActorFor('admin');
    const before = (await listCampaigns(admin)).length;
    await expect(startCampaign(admin, { subject: 'Hi\r\nBcc: evil@example.test', body: 'x' })).rejects.toThrow();
    await expect(startCampaign(admin, { subject: 'Hi', body: '   ' })).rejects.toThrow();
    expect((await listCampaigns(admin)).length).toBe(before);
  });

  it('previews the text a recipient reads and how many would get it', async () => {
    await customerWithConsent('given');
    const preview = await previewNewsletter(await staffActorFor('superadmin'), newsletter);
    expect(preview.subject).toBe('Stockroom: Winter collection');
    expect(preview.text).toContain('Snow over the harbour.');
    expect(preview.text).toContain('Unsubscribe:');
    expect(preview.recipients).toBe(await countMarketingRecipients());
    expect(preview.recipients).toBeGreaterThan(0);
  });

  it.each(staffRoles.filter((role) => !roleHasPermission(role, 'marketing.send')))('refuses the %s role: no preview, no campaign, no list', async (role) => {
    const actor = await staffActorFor(role);
    const forbidden = { code: 'FORBIDDEN' };
    await expect(startCampaign(actor, newsletter)).rejects.toMatchObject(forbidden);
    await expect(startCampaign(actor, newsletter)).rejects.toBeInstanceOf(AppError);
    await expect(previewNewsletter(actor, newsletter)).rejects.toMatchObject(forbidden);
    await expect(listCampaigns(actor)).rejects.toMatchObject(forbidden);
  });

  it('gives marketing.send to superadmin and admin only', () => {
    expect(staffRoles.filter((role) => roleHasPermission(role, 'marketing.send'))).toEqual(['superadmin', 'admin']);
  });
});

describe('one-click unsubscribe', () => {
  it('POST with List-Unsubscribe=One-Click and no session withdraws once, records no address, and answers 200 again', async () => {
    const customer = await customerWithConsent('given');
    const token = unsubscribeToken(customer.userId);

    const first = await oneClick(token);
    expect(first.status).toBe(200);
    expect(first.headers.get('cache-control')).toBe('no-store');
    expect(await marketingLedger(customer.userId)).toEqual([
      { action: 'given', ip: '192.0.2.1' },
      { action: 'withdrawn', ip: null },
    ]);
    expect(await unsubscribeLinkState(token)).toBe('unsubscribed');

    const again = await oneClick(token);
    expect(again.status).toBe(200);
    expect(await marketingLedger(customer.userId)).toHaveLength(2);
  });

  it('accepts the one-click field sent as multipart/form-data, as RFC 8058 allows', async () => {
    const customer = await customerWithConsent('given');
    const form = new FormData();
    form.set('List-Unsubscribe', 'One-Click');
    const request = new Request('http://localhost/', { method: 'POST', body: form });
    const answer = await oneClick(unsubscribeToken(customer.userId), await request.arrayBuffer(), request.headers.get('content-type')!);
    expect(answer.status).toBe(200);
    expect((await marketingLedger(customer.userId)).map((row) => row.action)).toEqual(['given', 'withdrawn']);
  });

  it('takes the customer out of the next campaign', async () => {
    const customer = await customerWithConsent('given');
    await oneClick(unsubscribeToken(customer.userId));
    const { campaignId } = await startCampaign(await staffActorFor('admin'), newsletter);
    await sendCampaign(campaignId);
    expect(await newsletterRowsFor([customer.userId])).toEqual([]);
  });

  it('changes nothing on GET: it leads to the page with the button', async () => {
    const customer = await customerWithConsent('given');
    const token = unsubscribeToken(customer.userId);
    const answer = await open(token);
    expect(answer.status).toBe(303);
    expect(answer.headers.get('location')).toBe(`/unsubscribe/${token}/confirm`);
    expect(await unsubscribeLinkState(token)).toBe('subscribed');
    expect((await marketingLedger(customer.userId)).map((row) => row.action)).toEqual(['given']);
  });

  it('refuses a POST without the one-click field', async () => {
    const customer = await customerWithConsent('given');
    const token = unsubscribeToken(customer.userId);
    expect((await oneClick(token, '')).status).toBe(400);
    expect((await oneClick(token, 'List-Unsubscribe=Yes')).status).toBe(400);
    expect((await marketingLedger(customer.userId)).map((row) => row.action)).toEqual(['given']);
  });

  it('refuses a forged, altered or moved token and touches no ledger', async () => {
    const victim = await customerWithConsent('given');
    const attacker = await customerWithConsent('given');
    const [victimBody, victimSignature] = unsubscribeToken(victim.userId).split('.') as [string, string];
    const [, attackerSignature] = unsubscribeToken(attacker.userId).split('.') as [string, string];
    const flipped = `${victimSignature.slice(0, -2)}${victimSignature.at(-2) === 'A' ? 'B' : 'A'}${victimSignature.at(-1)}`;
    const unsigned = Buffer.from(JSON.stringify({ u: victim.userId, p: 'marketing_email' })).toString('base64url');
    for (const token of [`${victimBody}.${flipped}`, `${victimBody}.${attackerSignature}`, `${unsigned}.`, unsigned, victim.userId, 'not-a-token']) {
      const answer = await oneClick(token);
      expect.soft(answer.status, token).toBe(404);
      expect.soft(await unsubscribeLinkState(token), token).toBe('invalid-link');
    }
    expect((await marketingLedger(victim.userId)).map((row) => row.action)).toEqual(['given']);
    expect((await marketingLedger(attacker.userId)).map((row) => row.action)).toEqual(['given']);
  });

  it('carries the account id only signed, never the name or address', async () => {
    const customer = await customerWithConsent('given', { fullName: 'Oona Pier' });
    const token = unsubscribeToken(customer.userId);
    const readable = Buffer.from(token.split('.')[0]!, 'base64url').toString('utf8');
    expect(readable).toBe(JSON.stringify({ u: customer.userId, p: 'marketing_email' }));
    expect(token).not.toContain(customer.email);
    expect(readable).not.toContain('Oona');
  });

  it('sends the page form back to the page', async () => {
    const customer = await customerWithConsent('given');
    const token = unsubscribeToken(customer.userId);
    const answer = await oneClick(token, 'List-Unsubscribe=One-Click&from=page');
    expect(answer.status).toBe(303);
    expect(answer.headers.get('location')).toBe(`/unsubscribe/${token}/confirm`);
    expect((await marketingLedger(customer.userId)).map((row) => row.action)).toEqual(['given', 'withdrawn']);
  });
});
