import 'server-only';
import { and, desc, eq } from 'drizzle-orm';
import { activityEvents, consentLedger, images, sessions, users } from '@/db/schema';
import type { TCustomerActor } from '@/lib/auth/guards';
import { idleTimeoutMs as readIdleTimeoutMs } from '@/lib/auth/sessions/session-policy';
import { db } from '@/lib/db/client';
import { getSetting } from '@/lib/settings/get-setting';

/** The customer's own details, as My Account shows and edits them. */
export async function getMyDetails(actor: TCustomerActor) {
  const [user] = await db
    .select({
      email: users.email,
      fullName: users.fullName,
      company: users.company,
      addressLine1: users.addressLine1,
      addressLine2: users.addressLine2,
      postalCode: users.postalCode,
      city: users.city,
      countryCode: users.countryCode,
      phone: users.phone,
      customFields: users.customFields,
      privacyNoticeVersion: users.privacyNoticeVersion,
      createdAt: users.createdAt,
      lastLoginAt: users.lastLoginAt,
    })
    .from(users)
    .where(eq(users.id, actor.userId));
  if (!user) throw new Error('The signed-in account has no row');
  const [customFieldDefinitions, marketing] = await Promise.all([getSetting('registration.customFields'), getMyMarketingConsent(actor)]);
  return {
    ...user,
    customFieldDefinitions: customFieldDefinitions.filter((field) => field.mode !== 'off'),
    marketing: marketing.inForce,
    marketingChangedAt: marketing.changedAt,
  };
}

/** Whether marketing mail is agreed to, from the latest ledger entry, and since when. */
export async function getMyMarketingConsent(actor: TCustomerActor): Promise<{ inForce: boolean; changedAt: Date | null }> {
  const [latest] = await db
    .select({ action: consentLedger.action, createdAt: consentLedger.createdAt })
    .from(consentLedger)
    .where(and(eq(consentLedger.subjectUserId, actor.userId), eq(consentLedger.purpose, 'marketing_email')))
    .orderBy(desc(consentLedger.createdAt), desc(consentLedger.id))
    .limit(1);
  return { inForce: latest?.action === 'given', changedAt: latest?.createdAt ?? null };
}

type TSessionEndReason = NonNullable<(typeof sessions.$inferSelect)['endReason']>;

export type TMySession = {
  id: string;
  createdAt: Date;
  lastSeenAt: Date;
  ip: string | null;
  browser: string | null;
  os: string | null;
  country: string | null;
  /** current: the session asking; open: still usable elsewhere; ended: signed out, replaced or timed out. */
  state: 'current' | 'open' | 'ended';
  endedAt: Date | null;
  endReason: TSessionEndReason | null;
};

/**
 * Current and recent sign-ins, newest first. A row nobody has closed yet but whose time ran out
 * (idle or absolute) is shown as ended, with when and why: the guard would refuse it anyway, it
 * only marks the row on the next request that carries it.
 */
export async function listMySessions(actor: TCustomerActor, limit = 20): Promise<TMySession[]> {
  const [rows, idleTimeoutMs] = await Promise.all([
    db
      .select({
        id: sessions.id,
        createdAt: sessions.createdAt,
        lastSeenAt: sessions.lastSeenAt,
        expiresAt: sessions.expiresAt,
        remember: sessions.remember,
        ip: sessions.ip,
        browser: sessions.browser,
        os: sessions.os,
        country: sessions.country,
        endedAt: sessions.endedAt,
        endReason: sessions.endReason,
      })
      .from(sessions)
      .where(eq(sessions.userId, actor.userId))
      .orderBy(desc(sessions.createdAt), desc(sessions.id))
      .limit(limit),
    readIdleTimeoutMs(),
  ]);
  const now = Date.now();
  return rows.map(({ expiresAt, remember, ...row }): TMySession => {
    const shown = { ...row, endReason: row.endReason ?? null };
    if (row.id === actor.sessionId) return { ...shown, state: 'current', endedAt: null, endReason: null };
    if (row.endedAt) return { ...shown, state: 'ended' };
    const idleUntil = row.lastSeenAt.getTime() + idleTimeoutMs;
    if (expiresAt.getTime() <= now) return { ...shown, state: 'ended', endedAt: expiresAt, endReason: 'expired' };
    if (!remember && idleUntil <= now) return { ...shown, state: 'ended', endedAt: new Date(idleUntil), endReason: 'idle_timeout' };
    return { ...shown, state: 'open' };
  });
}

const activityColumns = {
  id: activityEvents.id,
  createdAt: activityEvents.createdAt,
  searchQuery: activityEvents.searchQuery,
  searchFilters: activityEvents.searchFilters,
  imageId: activityEvents.imageId,
  imageTitle: images.title,
  imagePublished: images.published,
  ip: activityEvents.ip,
  browser: activityEvents.browser,
  os: activityEvents.os,
  country: activityEvents.country,
};

type TActivityKind = (typeof activityEvents.$inferSelect)['kind'];

function listMyActivityOfKind(actor: TCustomerActor, kind: TActivityKind, limit: number) {
  return db
    .select(activityColumns)
    .from(activityEvents)
    .leftJoin(images, eq(images.id, activityEvents.imageId))
    .where(and(eq(activityEvents.subjectUserId, actor.userId), eq(activityEvents.kind, kind)))
    .orderBy(desc(activityEvents.createdAt), desc(activityEvents.id))
    .limit(limit);
}

/**
 * Recent searches, previews, comp downloads and sign-ins, newest first, each kind with its own
 * limit so that many searches never push the sign-ins off the page.
 */
export async function listMyActivity(actor: TCustomerActor, limitPerKind = 50) {
  const [searches, previews, compDownloads, logins] = await Promise.all([
    listMyActivityOfKind(actor, 'search', limitPerKind),
    listMyActivityOfKind(actor, 'preview_view', limitPerKind),
    listMyActivityOfKind(actor, 'comp_download', limitPerKind),
    listMyActivityOfKind(actor, 'login', limitPerKind),
  ]);
  return { searches, previews, compDownloads, logins };
}

export type TMyActivity = Awaited<ReturnType<typeof listMyActivity>>;
export type TMyActivityRow = TMyActivity['searches'][number];
