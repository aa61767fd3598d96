import 'server-only';
import { desc, eq } from 'drizzle-orm';
import { marketingCampaigns, users } from '@/db/schema';
import { assertStaffMay } from '@/lib/customers/customer-access';
import { db } from '@/lib/db/client';
import type { TStaffActor } from '@/lib/staff/require-staff';

export type TCampaignRow = {
  id: string;
  subject: string;
  status: 'queued' | 'sent';
  recipientCount: number | null;
  createdAt: Date;
  sentAt: Date | null;
  createdByName: string | null;
};

/** The newest campaigns first, with who sent each (a staff member's name, shown to staff). */
export async function listCampaigns(actor: TStaffActor, limit = 50): Promise<TCampaignRow[]> {
  assertStaffMay(actor, 'marketing.send');
  return db
    .select({
      id: marketingCampaigns.id,
      subject: marketingCampaigns.subject,
      status: marketingCampaigns.status,
      recipientCount: marketingCampaigns.recipientCount,
      createdAt: marketingCampaigns.createdAt,
      sentAt: marketingCampaigns.sentAt,
      createdByName: users.fullName,
    })
    .from(marketingCampaigns)
    .leftJoin(users, eq(users.id, marketingCampaigns.createdBy))
    .orderBy(desc(marketingCampaigns.createdAt))
    .limit(limit);
}
