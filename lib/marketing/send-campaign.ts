import 'server-only';
import { eq } from 'drizzle-orm';
import { marketingCampaigns } from '@/db/schema';
import { recordAuditEntry } from '@/lib/audit/record-audit-entry';
import { assertStaffMay } from '@/lib/customers/customer-access';
import { db } from '@/lib/db/client';
import { enqueueJob } from '@/lib/jobs/enqueue-job';
import { logLine } from '@/lib/log/log-line';
import { isDeliverableAddress } from '@/lib/mail/headers';
import { queueMail } from '@/lib/mail/send-mail';
import type { TStaffActor } from '@/lib/staff/require-staff';
import { listMarketingRecipients } from './marketing-recipients';
import { ZNewsletterInput, type TNewsletterInput } from './newsletter-input';
import { unsubscribeUrl } from './unsubscribe-link';

/**
 * Staff send a newsletter: the campaign row, its audit entry and the job that queues the messages
 * commit together. The recipients are chosen by the job, so a customer who unsubscribes before it
 * runs gets nothing.
 */
export async function startCampaign(actor: TStaffActor, input: TNewsletterInput): Promise<{ campaignId: string }> {
  assertStaffMay(actor, 'marketing.send');
  const { subject, body } = ZNewsletterInput.parse(input);
  return db.transaction(async (tx) => {
    const [campaign] = await tx.insert(marketingCampaigns).values({ subject, body, createdBy: actor.userId }).returning({ id: marketingCampaigns.id });
    if (!campaign) throw new Error('The campaign row was not created');
    await recordAuditEntry(tx, {
      actorKind: 'staff',
      actorUserId: actor.userId,
      action: 'marketing.campaign-sent',
      objectType: 'marketing_campaign',
      objectId: campaign.id,
      clientIp: actor.client.ip,
    });
    await enqueueJob(tx, 'marketing.send-campaign', { campaignId: campaign.id });
    return { campaignId: campaign.id };
  });
}

export type TCampaignOutcome = { outcome: 'sent'; recipients: number; skipped: number } | { outcome: 'skipped' };

/**
 * The job: one outbox message per customer whose marketing consent is in force now, each with its
 * own unsubscribe link, all in one transaction with the campaign's count. A failed try queued
 * nothing, so pg-boss may retry it; a campaign already sent is skipped, so it never goes out twice.
 * An address that cannot be mailed is left out and counted, never the reason the campaign fails.
 */
export async function sendCampaign(campaignId: string): Promise<TCampaignOutcome> {
  const result = await db.transaction(async (tx): Promise<TCampaignOutcome> => {
    const [campaign] = await tx.select().from(marketingCampaigns).where(eq(marketingCampaigns.id, campaignId)).for('update');
    if (!campaign || campaign.status !== 'queued') return { outcome: 'skipped' };
    let recipients = 0;
    let skipped = 0;
    for (const customer of await listMarketingRecipients(tx)) {
      if (!isDeliverableAddress(customer.email)) {
        skipped++;
        continue;
      }
      await queueMail(tx, {
        template: 'marketing-newsletter',
        to: customer.email,
        subjectUserId: customer.id,
        data: { name: customer.fullName.trim() || 'there', subject: campaign.subject, body: campaign.body, unsubscribeUrl: unsubscribeUrl(customer.id) },
      });
      recipients++;
    }
    await tx.update(marketingCampaigns).set({ status: 'sent', recipientCount: recipients, sentAt: new Date() }).where(eq(marketingCampaigns.id, campaignId));
    return { outcome: 'sent', recipients, skipped };
  });
  if (result.outcome === 'sent' && result.skipped > 0) {
    logLine('warn', 'marketing', `campaign ${campaignId}: ${result.skipped} addresses could not be mailed and were left out`);
  }
  return result;
}
