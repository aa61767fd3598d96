import 'server-only';
import { and, desc, eq, inArray } from 'drizzle-orm';
import { privacyRequests, users } from '@/db/schema';
import type { TCustomerActor } from '@/lib/auth/guards';
import { db } from '@/lib/db/client';
import { getSetting } from '@/lib/settings/get-setting';
import { findUnpaidInvoices } from './find-unpaid-invoices';
import { previewErasure, type TErasurePreview } from './preview-erasure';

export type TDeleteAccountPage = {
  email: string;
  coolingOffDays: number;
  unpaidInvoices: string[];
  /** A "Delete my account" waiting for its mailed link, and until when the link works. */
  awaitingLinkUntil: Date | null;
  preview: TErasurePreview;
};

/** What the "Delete my account" page shows the signed-in person. */
export async function getDeleteAccountPage(actor: TCustomerActor, now = new Date()): Promise<TDeleteAccountPage> {
  const [[user], [waiting], coolingOffDays, unpaidInvoices, preview] = await Promise.all([
    db.select({ email: users.email }).from(users).where(eq(users.id, actor.userId)),
    db
      .select({ tokenExpiresAt: privacyRequests.tokenExpiresAt })
      .from(privacyRequests)
      .where(and(eq(privacyRequests.subjectUserId, actor.userId), eq(privacyRequests.kind, 'erasure'), inArray(privacyRequests.state, ['awaiting_confirmation'])))
      .orderBy(desc(privacyRequests.receivedAt))
      .limit(1),
    getSetting('privacy.erasureCoolingOffDays'),
    findUnpaidInvoices(db, actor.userId, now),
    previewErasure(actor.userId),
  ]);
  const linkUntil = waiting?.tokenExpiresAt ?? null;
  return {
    email: user?.email ?? '',
    coolingOffDays,
    unpaidInvoices,
    awaitingLinkUntil: linkUntil && linkUntil > now ? linkUntil : null,
    preview,
  };
}
