import 'server-only';
import { and, desc, eq, inArray } from 'drizzle-orm';
import { activityEvents, images, sessions, users } from '@/db/schema';
import type { TCustomerActor } from '@/lib/auth/guards';
import { db } from '@/lib/db/client';
import { getSetting } from '@/lib/settings/get-setting';
import { isConsentInForce } from './consents';

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
      createdAt: users.createdAt,
      lastLoginAt: users.lastLoginAt,
    })
    .from(users)
    .where(eq(users.id, actor.userId));
  if (!user) throw new Error('The signed-in account has no row');
  const [customFieldDefinitions, marketing] = await Promise.all([
    getSetting('registration.customFields'),
    isConsentInForce(actor.userId, 'marketing_email'),
  ]);
  return { ...user, customFieldDefinitions: customFieldDefinitions.filter((field) => field.mode !== 'off'), marketing };
}

/** Current and recent sign-ins, newest first. */
export async function listMySessions(actor: TCustomerActor, limit = 20) {
  const rows = await db
    .select({
      id: sessions.id,
      createdAt: sessions.createdAt,
      lastSeenAt: sessions.lastSeenAt,
      ip: sessions.ip,
      browser: sessions.browser,
      os: sessions.os,
      country: sessions.country,
      endedAt: sessions.endedAt,
      endReason: sessions.endReason,
    })
    .from(sessions)
    .where(eq(sessions.userId, actor.userId))
    .orderBy(desc(sessions.createdAt))
    .limit(limit);
  return rows.map((row) => ({ ...row, current: row.id === actor.sessionId }));
}

/** Recent searches, previews, comp downloads and sign-ins, newest first. */
export async function listMyActivity(actor: TCustomerActor, limit = 50) {
  return db
    .select({
      id: activityEvents.id,
      kind: activityEvents.kind,
      createdAt: activityEvents.createdAt,
      searchQuery: activityEvents.searchQuery,
      searchFilters: activityEvents.searchFilters,
      imageId: activityEvents.imageId,
      imageTitle: images.title,
      ip: activityEvents.ip,
      browser: activityEvents.browser,
      os: activityEvents.os,
      country: activityEvents.country,
    })
    .from(activityEvents)
    .leftJoin(images, eq(images.id, activityEvents.imageId))
    .where(and(eq(activityEvents.subjectUserId, actor.userId), inArray(activityEvents.kind, ['search', 'preview_view', 'comp_download', 'login'])))
    .orderBy(desc(activityEvents.createdAt), desc(activityEvents.id))
    .limit(limit);
}
