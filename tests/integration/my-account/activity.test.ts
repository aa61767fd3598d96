import { eq, isNull, and, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activityEvents, images } from '@/db/schema';
import { getMyDetails, listMyActivity } from '@/lib/accounts/get-my-account';
import { activityRow, recordActivity, recordActivityRows } from '@/lib/activity/record-activity';
import { closeDatabase, db } from '@/lib/db/client';
import { countryOf, type TClientInfo } from '@/lib/http/client-info';
import { createSignedInCustomer } from '../../helpers/actor-factory';

let lighthouseId: number;
let harbourId: number;

async function insertImage(title: string, published = true) {
  const [row] = await db
    .insert(images)
    .values({ title, width: 1600, height: 1000, licenceModel: 'rights_managed', modelRelease: 'none', published, publishedAt: published ? new Date() : null })
    .returning({ id: images.id });
  return row!.id;
}

const client = (ip: string): TClientInfo => ({ ip, browser: 'Chrome 126', os: 'Windows 11', country: countryOf(ip) });

beforeAll(async () => {
  lighthouseId = await insertImage('Lighthouse at dusk');
  harbourId = await insertImage('Harbour in fog', false);
});

afterAll(async () => {
  await closeDatabase();
});

describe('listMyActivity', () => {
  it("returns the actor's searches, previews, comp downloads and sign-ins, newest first", async () => {
    const me = await createSignedInCustomer();
    const visitor = { userId: me.userId, client: client('8.8.8.8') };
    await recordActivity({ kind: 'search', searchQuery: 'lighthouse', searchFilters: { orientation: 'landscape' } }, visitor);
    await recordActivity({ kind: 'search', searchQuery: 'harbour', searchFilters: {} }, visitor);
    await recordActivity({ kind: 'preview_view', imageId: lighthouseId }, visitor);
    await recordActivity({ kind: 'preview_view', imageId: harbourId }, visitor);
    await recordActivity({ kind: 'comp_download', imageId: lighthouseId }, visitor);
    await recordActivity({ kind: 'login' }, visitor);

    const activity = await listMyActivity(me.actor);
    expect(activity.searches.map((row) => [row.searchQuery, row.searchFilters])).toEqual([
      ['harbour', {}],
      ['lighthouse', { orientation: 'landscape' }],
    ]);
    expect(activity.previews.map((row) => [row.imageId, row.imageTitle, row.imagePublished])).toEqual([
      [harbourId, 'Harbour in fog', false],
      [lighthouseId, 'Lighthouse at dusk', true],
    ]);
    expect(activity.compDownloads.map((row) => row.imageTitle)).toEqual(['Lighthouse at dusk']);
    expect(activity.logins).toHaveLength(1);
    expect(activity.logins[0]).toMatchObject({ ip: '8.8.8.8', browser: 'Chrome 126', os: 'Windows 11', country: 'US' });
    expect((await getMyDetails(me.actor)).lastLoginAt).toBeInstanceOf(Date);
  });

  it("never returns another customer's rows or guests' rows", async () => {
    const other = await createSignedInCustomer();
    const me = await createSignedInCustomer();
    const secret = `other-customer-search-${other.userId}`;
    await recordActivity({ kind: 'search', searchQuery: secret, searchFilters: {} }, { userId: other.userId, client: client('192.0.2.50') });
    await recordActivity({ kind: 'preview_view', imageId: lighthouseId }, { userId: other.userId, client: client('192.0.2.50') });
    await recordActivity({ kind: 'login' }, { userId: other.userId, client: client('192.0.2.50') });
    await recordActivity({ kind: 'search', searchQuery: 'guest search', searchFilters: {} }, { userId: null, client: client('192.0.2.51') });
    await recordActivity({ kind: 'search', searchQuery: 'mine', searchFilters: {} }, { userId: me.userId, client: client('192.0.2.52') });

    const activity = await listMyActivity(me.actor);
    expect(activity.searches.map((row) => row.searchQuery)).toEqual(['mine']);
    expect(activity.previews).toEqual([]);
    expect(activity.compDownloads).toEqual([]);
    expect(activity.logins).toEqual([]);

    // And the other customer sees theirs, not mine.
    const theirs = await listMyActivity(other.actor);
    expect(theirs.searches.map((row) => row.searchQuery)).toEqual([secret]);
    expect(theirs.logins.map((row) => row.ip)).toEqual(['192.0.2.50']);
  });

  it('limits each kind separately, so many searches never hide the sign-ins', async () => {
    const me = await createSignedInCustomer();
    const visitor = { userId: me.userId, client: client('192.0.2.60') };
    await recordActivity({ kind: 'login' }, visitor);
    for (let index = 0; index < 5; index += 1) {
      await recordActivity({ kind: 'search', searchQuery: `query ${index}`, searchFilters: {} }, visitor);
    }
    const activity = await listMyActivity(me.actor, 3);
    expect(activity.searches.map((row) => row.searchQuery)).toEqual(['query 4', 'query 3', 'query 2']);
    expect(activity.logins).toHaveLength(1);
  });

  it('keeps a preview of an image deleted since, without a title', async () => {
    const me = await createSignedInCustomer();
    const doomed = await insertImage('Soon gone');
    await recordActivity({ kind: 'preview_view', imageId: doomed }, { userId: me.userId, client: client('192.0.2.61') });
    await db.delete(images).where(eq(images.id, doomed));
    const [preview] = (await listMyActivity(me.actor)).previews;
    expect(preview).toMatchObject({ imageId: null, imageTitle: null });
  });
});

describe('recordActivity', () => {
  it('stores a guest row with no subject and the IPv4 address cut to /24; the country comes from the full address', async () => {
    const marker = `guest-v4-${Date.now()}`;
    await recordActivity({ kind: 'search', searchQuery: marker, searchFilters: {} }, { userId: null, client: client('8.8.4.4') });
    const [row] = await db.select().from(activityEvents).where(eq(activityEvents.searchQuery, marker));
    expect(row).toMatchObject({ subjectUserId: null, ip: '8.8.4.0', country: 'US', browser: 'Chrome 126', os: 'Windows 11' });
  });

  it('stores a guest IPv6 address cut to /48', async () => {
    const marker = `guest-v6-${Date.now()}`;
    await recordActivity({ kind: 'search', searchQuery: marker, searchFilters: {} }, { userId: null, client: client('2001:db8:85a3:8d3:1319:8a2e:370:7348') });
    const [row] = await db.select().from(activityEvents).where(eq(activityEvents.searchQuery, marker));
    expect(row).toMatchObject({ subjectUserId: null, ip: '2001:db8:85a3::' });
  });

  it("stores a customer's row with the subject and the full address", async () => {
    const me = await createSignedInCustomer();
    const marker = `customer-${Date.now()}`;
    await recordActivity({ kind: 'search', searchQuery: marker, searchFilters: {} }, { userId: me.userId, client: client('2001:db8:85a3:8d3:1319:8a2e:370:7348') });
    await recordActivity({ kind: 'preview_view', imageId: lighthouseId }, { userId: me.userId, client: client('8.8.4.4') });
    const [search] = await db.select().from(activityEvents).where(eq(activityEvents.searchQuery, marker));
    expect(search).toMatchObject({ subjectUserId: me.userId, ip: '2001:db8:85a3:8d3:1319:8a2e:370:7348' });
    const [preview] = await db
      .select()
      .from(activityEvents)
      .where(and(eq(activityEvents.subjectUserId, me.userId), eq(activityEvents.kind, 'preview_view')));
    expect(preview).toMatchObject({ ip: '8.8.4.4', imageId: lighthouseId });
  });

  it('no guest row anywhere holds a full address', async () => {
    const guestRows = await db
      .select({ ip: activityEvents.ip })
      .from(activityEvents)
      .where(and(isNull(activityEvents.subjectUserId), like(activityEvents.searchQuery, 'guest%')));
    expect(guestRows.length).toBeGreaterThan(0);
    for (const { ip } of guestRows) expect(ip === null || ip.endsWith('.0') || ip.endsWith('::')).toBe(true);
  });
});

describe('recordActivityRows (the guest page-view batch)', () => {
  it('writes every row as recordActivity would, skipping a row whose image is gone', async () => {
    const word = `batch-${Date.now()}`;
    const guest = { userId: null, client: client('203.0.113.77') };
    const goneImageId = await insertImage('Withdrawn and deleted');
    await db.delete(images).where(eq(images.id, goneImageId));

    await recordActivityRows([
      activityRow({ kind: 'search', searchQuery: word, searchFilters: { orientation: 'portrait', sort: 'relevance' } }, guest),
      activityRow({ kind: 'preview_view', imageId: lighthouseId }, guest),
      activityRow({ kind: 'preview_view', imageId: goneImageId }, guest),
    ]);

    const [search] = await db.select().from(activityEvents).where(eq(activityEvents.searchQuery, word));
    expect(search).toMatchObject({
      kind: 'search',
      subjectUserId: null,
      searchFilters: { orientation: 'portrait', sort: 'relevance' },
      ip: '203.0.113.0',
      browser: 'Chrome 126',
      os: 'Windows 11',
    });
    expect(search!.createdAt).toBeInstanceOf(Date);
    const previews = await db
      .select({ imageId: activityEvents.imageId, ip: activityEvents.ip })
      .from(activityEvents)
      .where(and(eq(activityEvents.kind, 'preview_view'), eq(activityEvents.ip, '203.0.113.0')));
    expect(previews).toEqual([{ imageId: lighthouseId, ip: '203.0.113.0' }]);
  });
});
