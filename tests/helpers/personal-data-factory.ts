/**
 * A customer with rows in many personal tables, each carrying the customer's tag so a leak into
 * another person's view (My data, the data export) is visible, and the secrets that must never show.
 */
import { randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { accountTokens, consentLedger, lightboxes, lightboxItems, sessions, shares, users } from '@/db/schema';
import { activityRow, recordActivityRows } from '@/lib/activity/record-activity';
import { db } from '@/lib/db/client';
import { personal, plain } from '@/lib/privacy/classification';
import { personalDataMap } from '@/lib/privacy/data-map';
import type { TDataMap } from '@/lib/privacy/subject-path';
import { createSignedInCustomer } from './actor-factory';
import { createImage } from './catalog-factory';
import { cartWithImage } from './checkout-factory';
import { createOrder } from './order-factory';

export const ACTIVITY_ROWS = 120;

export type TSeeded = Awaited<ReturnType<typeof seedCustomer>>;

export async function seedCustomer(tag: string, options: { lightboxNote?: string; activityRows?: number } = {}) {
  const customer = await createSignedInCustomer({ fullName: `Name ${tag}`, customFields: { referral: `referral-${tag}` } });
  const userId = customer.userId;
  const imageId = await createImage({ title: `Image ${tag}` });
  const client = { ip: '198.51.100.77', browser: 'Firefox 128', os: 'Linux', country: 'IE' };
  await recordActivityRows(
    Array.from({ length: options.activityRows ?? ACTIVITY_ROWS }, (_, index) =>
      activityRow({ kind: 'search', searchQuery: `search-${tag}-${index}`, searchFilters: { orientation: 'landscape' } }, { userId, client }),
    ),
  );
  await db.insert(consentLedger).values({ subjectUserId: userId, purpose: 'marketing_email', action: 'given', textVersion: `v-${tag}`, textSha256: 'a'.repeat(64), ip: '198.51.100.77' });
  const [lightbox] = await db.insert(lightboxes).values({ ownerUserId: userId, name: `Lightbox ${tag}` }).returning({ id: lightboxes.id });
  await db.insert(lightboxItems).values({ lightboxId: lightbox!.id, imageId, note: options.lightboxNote ?? `note-${tag}` });
  const shareTokenHash = randomBytes(32).toString('hex');
  await db.insert(shares).values({
    senderUserId: userId,
    imageId,
    recipientEmail: `friend-${tag}@example.test`,
    message: `message-${tag}`,
    tokenSha256: shareTokenHash,
    expiresAt: new Date(Date.now() + 86_400_000),
  });
  const accountTokenHash = randomBytes(32).toString('hex');
  await db.insert(accountTokens).values({ userId, purpose: 'email_change', tokenSha256: accountTokenHash, newEmail: `new-${tag}@example.test`, expiresAt: new Date(Date.now() + 86_400_000) });
  await cartWithImage(userId);
  await createOrder(userId, { values: { billingName: `Buyer ${tag}` } });
  const [user] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, userId));
  const sessionHashes = (await db.select({ hash: sessions.tokenSha256 }).from(sessions).where(eq(sessions.userId, userId))).map((row) => row.hash);
  return { ...customer, tag, secrets: [user!.passwordHash!, shareTokenHash, accountTokenHash, ...sessionHashes] };
}

/**
 * A table the application does not have, created in the test database and classified only in the
 * map this returns (the real map plus it): proof that a table classified later joins My data, the
 * export and the rest without code of its own. The test drops it with dropPetsTable.
 */
export async function classifiedPetsTable(table: string, pets: Array<{ ownerUserId: string; name: string }>): Promise<TDataMap> {
  await dropPetsTable(table);
  await db.execute(sql`create table ${sql.identifier(table)} (id serial primary key, owner_user_id uuid, pet_name text)`);
  for (const pet of pets) await db.execute(sql`insert into ${sql.identifier(table)} (owner_user_id, pet_name) values (${pet.ownerUserId}, ${pet.name})`);
  return {
    ...personalDataMap,
    [table]: {
      purpose: 'Pets of the person (test)',
      subjectColumn: 'owner_user_id',
      columns: {
        id: plain(),
        owner_user_id: personal({ category: 'identity', purpose: 'Whose pet', legalBasis: 'consent', retention: 'account-lifetime', erasure: 'delete' }),
        pet_name: personal({ category: 'identity', purpose: 'The pet', legalBasis: 'consent', retention: 'account-lifetime', erasure: 'delete' }),
      },
    },
  };
}

export const dropPetsTable = (table: string) => db.execute(sql`drop table if exists ${sql.identifier(table)}`);
