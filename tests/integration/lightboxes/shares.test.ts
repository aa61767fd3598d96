import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { lightboxes, mailOutbox, shares, throttleCounters } from '@/db/schema';
import { sha256Hex } from '@/lib/auth/secret-tokens';
import { closeDatabase, db } from '@/lib/db/client';
import { addLightboxImage, removeLightboxImage, updateLightboxNote } from '@/lib/lightboxes/lightbox-images';
import { customerOwner, guestOwner } from '@/lib/lightboxes/lightbox-owner';
import { listMyShares } from '@/lib/lightboxes/list-shares';
import { renameLightbox } from '@/lib/lightboxes/manage-lightboxes';
import { openShare } from '@/lib/lightboxes/open-share';
import { removeExpiredShares } from '@/lib/lightboxes/remove-expired-shares';
import { revokeShare } from '@/lib/lightboxes/revoke-share';
import { shareByMail } from '@/lib/lightboxes/share-by-mail';
import { removeStaleGuestVisits } from '@/lib/visitors/remove-stale-guest-visits';
import { guestKeyFor } from '@/lib/visitors/guest-visitor';
import { alterToken, startMailDelivery, uniqueEmail, waitForMail, type TMailDelivery } from '../../helpers/accounts-factory';
import { createSignedInCustomer } from '../../helpers/actor-factory';
import { createImage } from '../../helpers/catalog-factory';
import { clearOfWindowEdge } from '../../helpers/throttle-window';
import { randomBytes } from 'node:crypto';

let mail: TMailDelivery;

beforeAll(async () => {
  mail = await startMailDelivery();
});

afterAll(async () => {
  await mail.stop();
  await closeDatabase();
});

const SHARED_SUBJECT = /shared a lightbox with you on /;
const XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>';

function tokenFrom(text: string): string {
  const match = /\/shared\/([A-Za-z0-9_-]{43})/.exec(text);
  if (!match) throw new Error('No share link in the message');
  return match[1]!;
}

/** A customer with a lightbox of two images (one noted), named to carry markup. */
async function customerWithLightbox(values: { fullName?: string } = {}) {
  const customer = await createSignedInCustomer({ fullName: values.fullName ?? 'Róisín Walsh', company: 'Walsh Design Ltd', phone: '+353 1 555 0101' });
  const owner = customerOwner(customer.actor);
  const first = await createImage({ title: 'Cliffs at dusk' });
  const second = await createImage({ title: 'Lighthouse' });
  const { lightboxId } = await addLightboxImage(owner, first);
  await addLightboxImage(owner, second);
  await updateLightboxNote(owner, lightboxId, first, 'Private: the client hates blue');
  await renameLightbox(owner, lightboxId, `Spring ${XSS}`);
  return { customer, owner, lightboxId, images: [first, second] };
}

describe('sharing a lightbox by mail', () => {
  it('mails each recipient their own link; the link shows only that lightbox, read-only, without the owner’s data', async () => {
    const { customer, lightboxId, images } = await customerWithLightbox();
    const [alice, bob] = [uniqueEmail('alice'), uniqueEmail('bob')];
    expect(await shareByMail(customer.actor, { kind: 'lightbox', lightboxId }, { recipients: `${alice}, ${bob.toUpperCase()}\n${alice}`, message: `Have a look ${XSS}` })).toEqual({ sent: 2 });

    const message = await waitForMail(mail.sink, alice, SHARED_SUBJECT);
    expect(message.subject).toBe('Róisín Walsh shared a lightbox with you on Stockroom');
    expect(message.text).toContain(`Have a look ${XSS}`);
    expect(message.html).not.toContain('<script>');
    expect(message.html).not.toContain('<img src=x');
    const token = tokenFrom(message.text);
    const bobToken = tokenFrom((await waitForMail(mail.sink, bob, SHARED_SUBJECT)).text);
    expect(bobToken).not.toBe(token);

    // Stored hashed: the token appears nowhere in the shares table.
    const rows = await db.select().from(shares).where(eq(shares.lightboxId, lightboxId));
    expect(rows.map((row) => row.recipientEmail).sort()).toEqual([alice, bob].sort());
    expect(rows.map((row) => row.tokenSha256)).toContain(sha256Hex(token));
    expect(JSON.stringify(rows)).not.toContain(token);
    const days = (rows[0]!.expiresAt.getTime() - rows[0]!.createdAt.getTime()) / 86_400_000;
    expect(Math.round(days)).toBe(30);

    const opened = await openShare(token);
    expect(opened).toMatchObject({ kind: 'lightbox', name: `Spring ${XSS}` });
    expect(opened!.kind === 'lightbox' && opened!.images.map((image) => image.imageId).sort()).toEqual([...images].sort());
    const shown = JSON.stringify(opened);
    for (const personal of ['Róisín', 'Walsh Design', '555 0101', customer.email, 'client hates blue', 'Have a look', alice]) expect(shown).not.toContain(personal);

    await openShare(token);
    const [row] = await db.select().from(shares).where(eq(shares.tokenSha256, sha256Hex(token)));
    expect(row).toMatchObject({ openCount: 2 });
    expect(row!.lastOpenedAt).toBeInstanceOf(Date);

    const listed = await listMyShares(customer.actor);
    expect(listed).toHaveLength(2);
    expect(listed.find((share) => share.recipientEmail === alice)).toMatchObject({ kind: 'lightbox', state: 'active', openCount: 2, title: `Spring ${XSS}` });
  });

  it('refuses guessed, altered, malformed, expired and revoked tokens, and a token of a deleted lightbox', async () => {
    const { customer, lightboxId } = await customerWithLightbox();
    const recipient = uniqueEmail('carol');
    await shareByMail(customer.actor, { kind: 'lightbox', lightboxId }, { recipients: recipient });
    const token = tokenFrom((await waitForMail(mail.sink, recipient, SHARED_SUBJECT)).text);

    expect(await openShare(randomBytes(32).toString('base64url'))).toBeNull();
    expect(await openShare(alterToken(token))).toBeNull();
    for (const malformed of ['', 'abc', `${token}x`, `${token.slice(0, 42)}=`, "' or 1=1 --"]) expect(await openShare(malformed)).toBeNull();

    await db.update(shares).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(shares.tokenSha256, sha256Hex(token)));
    expect(await openShare(token)).toBeNull();
    await db.update(shares).set({ expiresAt: new Date(Date.now() + 86_400_000) }).where(eq(shares.tokenSha256, sha256Hex(token)));
    expect(await openShare(token)).not.toBeNull();

    const [share] = await listMyShares(customer.actor);
    await revokeShare(customer.actor, share!.id);
    expect(await openShare(token)).toBeNull();
    expect((await listMyShares(customer.actor))[0]).toMatchObject({ state: 'revoked' });

    const other = await customerWithLightbox();
    const r2 = uniqueEmail('dan');
    await shareByMail(other.customer.actor, { kind: 'lightbox', lightboxId: other.lightboxId }, { recipients: r2 });
    const t2 = tokenFrom((await waitForMail(mail.sink, r2, SHARED_SUBJECT)).text);
    await db.delete(lightboxes).where(eq(lightboxes.id, other.lightboxId));
    expect(await openShare(t2)).toBeNull();
  });

  it('only the owner can share or revoke: another customer gets 404 (logged); a guest’s lightbox is not theirs either', async () => {
    const { customer, lightboxId } = await customerWithLightbox();
    const intruder = await createSignedInCustomer();
    // The mail delivery helper turns logging down to errors; authorization failures are warnings.
    vi.stubEnv('STOCKROOM_LOG_LEVEL', 'warn');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    await expect(shareByMail(intruder.actor, { kind: 'lightbox', lightboxId }, { recipients: uniqueEmail('eve') })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const recipient = uniqueEmail('frank');
    await shareByMail(customer.actor, { kind: 'lightbox', lightboxId }, { recipients: recipient });
    const [share] = await listMyShares(customer.actor);
    await expect(revokeShare(intruder.actor, share!.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(revokeShare(intruder.actor, 'nonsense')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(warn.mock.calls.filter((call) => String(call[0]).startsWith('[authz]'))).toHaveLength(2);
    warn.mockRestore();
    vi.stubEnv('STOCKROOM_LOG_LEVEL', 'error');
    expect(await listMyShares(intruder.actor)).toEqual([]);
    expect((await listMyShares(customer.actor))[0]).toMatchObject({ state: 'active' });

    const guestKey = guestKeyFor(randomBytes(32).toString('base64url'));
    const { lightboxId: guestBox } = await addLightboxImage(guestOwner(guestKey), await createImage());
    await expect(shareByMail(intruder.actor, { kind: 'lightbox', lightboxId: guestBox }, { recipients: uniqueEmail('gina') })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('a single image: the link shows that image only', async () => {
    const customer = await createSignedInCustomer();
    const image = await createImage({ title: 'Harbour at dawn' });
    const recipient = uniqueEmail('hugo');
    await shareByMail(customer.actor, { kind: 'image', imageId: String(image) }, { recipients: recipient, message: 'For the cover' });
    const message = await waitForMail(mail.sink, recipient, /sent you an image on /);
    expect(message.text).toContain('Harbour at dawn');
    const opened = await openShare(tokenFrom(message.text));
    expect(opened).toMatchObject({ kind: 'image', image: { imageId: image, title: 'Harbour at dawn' } });
    await expect(shareByMail(customer.actor, { kind: 'image', imageId: await createImage({ published: false }) }, { recipients: recipient })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('header injection through recipients or the sender’s name is impossible; bad input gets field messages and sends nothing', async () => {
    const { customer, lightboxId } = await customerWithLightbox();
    const before = (await db.select({ id: mailOutbox.id }).from(mailOutbox)).length;
    const invalid = [
      { recipients: 'victim@example.test\r\nBcc: everyone@example.test' },
      { recipients: 'victim@example.test%0d%0aBcc:x@example.test' },
      { recipients: '' },
      { recipients: Array.from({ length: 11 }, (_, index) => `r${index}@example.test`).join(',') },
      { recipients: 'ok@example.test', message: 'x'.repeat(2001) },
      { recipients: 'ok@example.test', message: 'bell\u0007' },
    ];
    for (const form of invalid) {
      await expect(shareByMail(customer.actor, { kind: 'lightbox', lightboxId }, form)).rejects.toMatchObject({ code: 'INVALID_INPUT', fieldErrors: expect.any(Object) });
    }
    const failure = await shareByMail(customer.actor, { kind: 'lightbox', lightboxId }, invalid[0]).catch((error: unknown) => error);
    expect(failure).toMatchObject({ fieldErrors: { recipients: '“bcc:” is not a valid e-mail address.' } });

    // A name with a line break (written straight into the row: no form accepts one) cannot reach the subject.
    const { customer: crlf, lightboxId: crlfBox } = await customerWithLightbox({ fullName: 'Mallory\r\nBcc: everyone@example.test' });
    await expect(shareByMail(crlf.actor, { kind: 'lightbox', lightboxId: crlfBox }, { recipients: uniqueEmail('ivan') })).rejects.toMatchObject({ name: 'ZodError' });
    expect((await db.select({ id: mailOutbox.id }).from(mailOutbox)).length).toBe(before);
    expect(await listMyShares(crlf.actor)).toEqual([]);
  });

  it('an empty lightbox cannot be shared', async () => {
    const customer = await createSignedInCustomer();
    const owner = customerOwner(customer.actor);
    const image = await createImage();
    const { lightboxId } = await addLightboxImage(owner, image);
    await removeLightboxImage(owner, image);
    await expect(shareByMail(customer.actor, { kind: 'lightbox', lightboxId }, { recipients: uniqueEmail('jo') })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('is throttled: one address gets at most 5 share mails a day, a sender at most 30 recipients', async () => {
    await clearOfWindowEdge(24 * 60 * 60, 60);
    const { customer, lightboxId } = await customerWithLightbox();
    const target = uniqueEmail('target');
    for (let attempt = 0; attempt < 5; attempt += 1) await shareByMail(customer.actor, { kind: 'lightbox', lightboxId }, { recipients: target });
    await expect(shareByMail(customer.actor, { kind: 'lightbox', lightboxId }, { recipients: target })).rejects.toMatchObject({ code: 'RATE_LIMITED' });

    const sender = await customerWithLightbox();
    const batch = () => Array.from({ length: 10 }, () => uniqueEmail('bulk')).join(' ');
    for (let attempt = 0; attempt < 3; attempt += 1) await shareByMail(sender.customer.actor, { kind: 'lightbox', lightboxId: sender.lightboxId }, { recipients: batch() });
    await expect(shareByMail(sender.customer.actor, { kind: 'lightbox', lightboxId: sender.lightboxId }, { recipients: uniqueEmail('one-more') })).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    expect(await listMyShares(sender.customer.actor)).toHaveLength(30);
    await db.delete(throttleCounters);
  });
});

describe('retention', () => {
  it('shares go 30 days after they expired or were revoked; guests’ lightboxes 30 days after their last change', async () => {
    const { customer, lightboxId } = await customerWithLightbox();
    await shareByMail(customer.actor, { kind: 'lightbox', lightboxId }, { recipients: `${uniqueEmail('k1')} ${uniqueEmail('k2')} ${uniqueEmail('k3')}` });
    const [a, b, c] = await listMyShares(customer.actor);
    const day = 86_400_000;
    const now = Date.now();
    await db.update(shares).set({ expiresAt: new Date(now - 31 * day) }).where(eq(shares.id, a!.id));
    await db.update(shares).set({ revokedAt: new Date(now - 31 * day) }).where(eq(shares.id, b!.id));
    await db.update(shares).set({ revokedAt: new Date(now - 29 * day) }).where(eq(shares.id, c!.id));
    expect((await removeExpiredShares()).removed).toBeGreaterThanOrEqual(2);
    expect((await listMyShares(customer.actor)).map((share) => share.id)).toEqual([c!.id]);

    const staleKey = guestKeyFor(randomBytes(32).toString('base64url'));
    const freshKey = guestKeyFor(randomBytes(32).toString('base64url'));
    const { lightboxId: stale } = await addLightboxImage(guestOwner(staleKey), await createImage());
    const { lightboxId: fresh } = await addLightboxImage(guestOwner(freshKey), await createImage());
    await db.update(lightboxes).set({ updatedAt: new Date(now - 31 * day) }).where(eq(lightboxes.id, stale));
    await db.update(lightboxes).set({ updatedAt: new Date(now - 31 * day) }).where(eq(lightboxes.id, lightboxId));
    expect((await removeStaleGuestVisits()).lightboxes).toBeGreaterThanOrEqual(1);
    const left = (await db.select({ id: lightboxes.id }).from(lightboxes)).map((row) => row.id);
    expect(left).not.toContain(stale);
    expect(left).toContain(fresh);
    // A customer's lightbox is kept however old it is.
    expect(left).toContain(lightboxId);
  });
});
