/**
 * "Download my data": the request through the real server action and session (password again),
 * the build job as the worker calls it, the encrypted file, the download route and the daily
 * removal. Only Next's request cookies, headers and revalidatePath are stood in for.
 */
import { randomUUID } from 'node:crypto';
import { readFile, stat, utimes } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { pipeline } from 'node:stream/promises';
import { and, eq } from 'drizzle-orm';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { requestDataExportAction } from '@/app/account/data/actions';
import { GET as downloadExport } from '@/app/account/data/export/[id]/route';
import { auditTrail, dataExports, invoicePdfs, invoices, mailOutbox } from '@/db/schema';
import { INITIAL_FORM_STATE } from '@/lib/actions/form-state';
import { decryptingStream } from '@/lib/crypto/file-cipher';
import { closeDatabase, db } from '@/lib/db/client';
import { storageEnv } from '@/lib/env';
import { getBoss } from '@/lib/jobs/boss';
import { openEnvelope } from '@/lib/mail/envelope';
import { createStorageKey, mediaStorage, storageObjectPath } from '@/lib/media/storage';
import { buildDataExport } from '@/lib/privacy/build-data-export';
import { personalDataMap } from '@/lib/privacy/data-map';
import { dataExportObject } from '@/lib/privacy/data-export-object';
import { STORED_SECRET } from '@/lib/privacy/export-copy-queries';
import { ORPHAN_EXPORT_GRACE_MS, removeExpiredExports } from '@/lib/privacy/remove-expired-exports';
import { subjectTables } from '@/lib/privacy/subject-path';
import { staffRoles } from '@/lib/staff/permissions';
import { fakeRequest as request, signInFakeRequest as signInAs } from '../../helpers/fake-next-headers';
import { setTestSeller } from '../../helpers/order-factory';
import { classifiedPetsTable, dropPetsTable, seedCustomer, type TSeeded } from '../../helpers/personal-data-factory';
import { createStaffMember } from '../../helpers/staff-factory';
import { issueTestInvoice } from '../invoices/invoice-kit';
import { formData } from '../../helpers/form-data';

vi.mock('next/headers', () => import('../../helpers/fake-next-headers'));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));

const DAY = 86_400_000;
const FORMULA = '=HYPERLINK("http://x","y")';
const PETS_TABLE = 'data_export_test_pets';
/** Enough rows that Postgres sends each file in many chunks, so rows are joined across chunk ends. */
const MANY_ACTIVITY_ROWS = 2_007;

let me: TSeeded;
let other: TSeeded;
let invoiceNumber: string;

beforeAll(async () => {
  me = await seedCustomer(`me-${randomUUID().slice(0, 8)}`, { lightboxNote: FORMULA, activityRows: MANY_ACTIVITY_ROWS });
  other = await seedCustomer(`other-${randomUUID().slice(0, 8)}`);
  await setTestSeller();
  invoiceNumber = (await issueTestInvoice(me.userId)).number;
  await issueTestInvoice(other.userId);
});
afterAll(async () => {
  await dropPetsTable(PETS_TABLE);
  await closeDatabase();
});
beforeEach(() => request.cookies.clear());

const exportsOf = (userId: string) => db.select().from(dataExports).where(eq(dataExports.subjectUserId, userId));
const buildJobsFor = async (exportId: string) => (await getBoss()).findJobs('privacy.build-export', { data: { exportId } });
const auditOf = (exportId: string, action: string) => db.select().from(auditTrail).where(and(eq(auditTrail.objectId, exportId), eq(auditTrail.action, action)));
const storedFile = (storageKey: string) => path.join(path.resolve(storageEnv().MEDIA_DIR), storageObjectPath(dataExportObject(storageKey)));

/** A fresh customer like `me`, with a pending export made through the action. */
async function requested(person: TSeeded) {
  await signInAs(person.userId);
  const state = await requestDataExportAction(INITIAL_FORM_STATE, formData({ password: person.password }));
  expect(state).toMatchObject({ ok: true });
  const [row] = (await exportsOf(person.userId)).filter((candidate) => candidate.status === 'pending');
  return row!;
}

async function decrypted(row: typeof dataExports.$inferSelect): Promise<Buffer> {
  const sealed = await readFile(storedFile(row.storageKey!));
  const stream = decryptingStream({ keyId: row.keyId!, iv: row.iv! }, row.id);
  const [plaintext] = await Promise.all([buffer(stream), pipeline(Readable.from([sealed]), stream)]);
  return plaintext;
}

const textsOf = (zip: Buffer) => Object.fromEntries(Object.entries(unzipSync(new Uint8Array(zip))).map(([name, bytes]) => [name, Buffer.from(bytes)]));

async function answerOf(id: string): Promise<{ status: number; location?: string }> {
  try {
    const response = await downloadExport(new Request(`http://stockroom.test/account/data/export/${id}`), { params: Promise.resolve({ id }) });
    return { status: response.status };
  } catch (error) {
    const digest = String((error as { digest?: unknown }).digest ?? '');
    if (!digest.startsWith('NEXT_REDIRECT;')) throw error;
    return { status: 307, location: digest.split(';')[2] };
  }
}

describe('asking for a copy', () => {
  it('refuses a wrong or missing password with a field error and makes nothing; sends a guest to sign in', async () => {
    const person = await seedCustomer(`wrong-${randomUUID().slice(0, 8)}`);
    await signInAs(person.userId);
    expect(await requestDataExportAction(INITIAL_FORM_STATE, formData({ password: 'not-the-password' }))).toMatchObject({
      ok: false,
      fieldErrors: { password: 'That is not your current password.' },
    });
    expect(await requestDataExportAction(INITIAL_FORM_STATE, formData({ password: '' }))).toMatchObject({ ok: false, fieldErrors: { password: 'Enter your password.' } });
    expect(await exportsOf(person.userId)).toEqual([]);

    request.cookies.clear();
    const error = await requestDataExportAction(INITIAL_FORM_STATE, formData({ password: person.password })).then(
      () => null,
      (thrown: unknown) => thrown,
    );
    expect(String((error as { digest?: string }).digest)).toContain('/login?');
    expect(await exportsOf(person.userId)).toEqual([]);
  });

  it('makes one pending export, one build job and an audit entry; asking again reuses it until it fails', async () => {
    const person = await seedCustomer(`req-${randomUUID().slice(0, 8)}`);
    const row = await requested(person);
    expect(row).toMatchObject({ requestedByUserId: person.userId, status: 'pending', storageKey: null });
    expect((row.expiresAt.getTime() - row.createdAt.getTime()) / DAY).toBeCloseTo(7, 5);
    expect(await buildJobsFor(row.id)).toHaveLength(1);
    expect(await auditOf(row.id, 'privacy.export-requested')).toMatchObject([{ actorUserId: person.userId, subjectUserId: person.userId }]);

    expect(await requestDataExportAction(INITIAL_FORM_STATE, formData({ password: person.password }))).toMatchObject({ ok: true, message: 'You asked for a copy already: its state is shown here.' });
    expect(await exportsOf(person.userId)).toHaveLength(1);
    expect(await buildJobsFor(row.id)).toHaveLength(1);

    await db.update(dataExports).set({ status: 'failed' }).where(eq(dataExports.id, row.id));
    await requestDataExportAction(INITIAL_FORM_STATE, formData({ password: person.password }));
    expect((await exportsOf(person.userId)).map((candidate) => candidate.status).sort()).toEqual(['failed', 'pending']);
  });
});

describe('the build job', () => {
  let row: typeof dataExports.$inferSelect;
  let files: Record<string, Buffer>;

  beforeAll(async () => {
    const pending = await requested(me);
    expect(await buildDataExport(pending.id)).toBe('ready');
    [row] = await db.select().from(dataExports).where(eq(dataExports.id, pending.id)) as [typeof dataExports.$inferSelect];
    files = textsOf(await decrypted(row));
  });

  it('stores the ZIP encrypted, marks the export ready and mails the person', async () => {
    expect(row).toMatchObject({ status: 'ready' });
    const sealed = await readFile(storedFile(row.storageKey!));
    expect(sealed.length).toBe(row.bytes);
    expect(sealed.subarray(0, 4).equals(Buffer.from('PK\u0003\u0004', 'latin1'))).toBe(false);
    expect(() => unzipSync(new Uint8Array(sealed))).toThrow();
    expect((row.expiresAt.getTime() - row.readyAt!.getTime()) / DAY).toBeCloseTo(7, 5);

    const mails = (await db.select().from(mailOutbox).where(and(eq(mailOutbox.subjectUserId, me.userId), eq(mailOutbox.template, 'data-export-ready')))).map((mail) => openEnvelope(mail.envelope!));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.to).toBe(me.email);
    expect(mails[0]!.text).toContain('/account/data');
    expect(mails[0]!.text).toContain('while you are signed in');
    expect(await buildDataExport(row.id)).toBe('not-pending');
  });

  it("holds one CSV per kind of data with the person's rows and nobody else's, data.json with every group, an index and the invoice PDF", async () => {
    const tables = subjectTables(personalDataMap);
    for (const table of tables) expect(Object.keys(files), table).toContain(`${table}.csv`);
    expect(Object.keys(files)).toEqual(expect.arrayContaining(['data.json', 'index.html', `invoices/${invoiceNumber}.pdf`]));
    expect(files[`invoices/${invoiceNumber}.pdf`]!.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(Object.keys(files).filter((name) => name.startsWith('invoices/'))).toHaveLength(1);
    // None was stored for the invoice: the export drew it and stored it, so later copies are the same file.
    const [stored] = await db.select({ pdf: invoicePdfs.pdf }).from(invoicePdfs).innerJoin(invoices, eq(invoices.id, invoicePdfs.invoiceId)).where(eq(invoices.number, invoiceNumber));
    expect(stored?.pdf.equals(files[`invoices/${invoiceNumber}.pdf`]!)).toBe(true);

    expect(files['users.csv']!.toString('utf8')).toContain(me.email);
    expect(files['users.csv']!.toString('utf8').startsWith('\ufeffid,')).toBe(true);
    expect(files['lightboxes.csv']!.toString('utf8')).toContain(`Lightbox ${me.tag}`);
    expect(files['shares.csv']!.toString('utf8')).toContain(`message-${me.tag}`);
    const everything = Object.values(files).map((bytes) => bytes.toString('latin1')).join('\n');
    expect(everything).not.toContain(other.tag);
    expect(everything).not.toContain(other.email);
    for (const secret of me.secrets) expect(everything).not.toContain(secret);
    expect(files['users.csv']!.toString('utf8')).toContain(STORED_SECRET);

    // Every activity row, across many chunks, once.
    const activity = files['activity_events.csv']!.toString('utf8').trim().split('\n');
    expect(activity).toHaveLength(MANY_ACTIVITY_ROWS + 1);
    expect(new Set(activity).size).toBe(activity.length);

    const json = JSON.parse(files['data.json']!.toString('utf8')) as Record<string, Array<Record<string, unknown>>>;
    expect(Object.keys(json)).toEqual(tables);
    expect(json.activity_events).toHaveLength(MANY_ACTIVITY_ROWS);
    expect(json.users).toMatchObject([{ id: me.userId, email: me.email, password_hash: STORED_SECRET }]);
    expect(json.lightbox_items![0]!.note).toBe(FORMULA);

    const index = files['index.html']!.toString('utf8');
    expect(index).toContain('<h2>Users</h2>');
    expect(index).toContain('activity_events.csv');
    expect(index).toContain(`<dd>${MANY_ACTIVITY_ROWS}</dd>`);
  });

  it('escapes a cell a spreadsheet would run as a formula', () => {
    const csv = files['lightbox_items.csv']!.toString('utf8');
    expect(csv).toContain(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csv).not.toMatch(/(^|,)"?=HYPERLINK/m);
  });

  it('takes in a table that is only classified, without code for it', async () => {
    const map = await classifiedPetsTable(PETS_TABLE, [
      { ownerUserId: me.userId, name: `Rex ${me.tag}` },
      { ownerUserId: other.userId, name: `Tom ${other.tag}` },
    ]);
    const [pending] = await db.insert(dataExports).values({ subjectUserId: me.userId, requestedByUserId: me.userId, expiresAt: new Date(Date.now() + DAY) }).returning();
    expect(await buildDataExport(pending!.id, { map })).toBe('ready');
    const [built] = await db.select().from(dataExports).where(eq(dataExports.id, pending!.id));
    const petFiles = textsOf(await decrypted(built!));
    expect(petFiles[`${PETS_TABLE}.csv`]!.toString('utf8')).toBe(`\ufeffid,owner_user_id,pet_name\n1,${me.userId},Rex ${me.tag}\n`);
    expect((JSON.parse(petFiles['data.json']!.toString('utf8')) as Record<string, unknown>)[PETS_TABLE]).toEqual([{ id: 1, owner_user_id: me.userId, pet_name: `Rex ${me.tag}` }]);
    expect(petFiles['index.html']!.toString('utf8')).toContain('Pets of the person (test)');
    await db.delete(dataExports).where(eq(dataExports.id, pending!.id));
  });
});

describe('the download', () => {
  it('gives the owner the decrypted ZIP, named by its date, and audits it', async () => {
    const person = await seedCustomer(`dl-${randomUUID().slice(0, 8)}`);
    const row = await requested(person);
    expect(await buildDataExport(row.id)).toBe('ready');
    await signInAs(person.userId);
    const response = await downloadExport(new Request(`http://stockroom.test/account/data/export/${row.id}`), { params: Promise.resolve({ id: row.id }) });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/zip');
    const [ready] = await db.select().from(dataExports).where(eq(dataExports.id, row.id));
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="stockroom-my-data-${ready!.readyAt!.toISOString().slice(0, 10)}.zip"`);
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    const body = Buffer.from(await response.arrayBuffer());
    expect(String(body.length)).toBe(response.headers.get('content-length'));
    const zip = textsOf(body);
    expect(zip['users.csv']!.toString('utf8')).toContain(person.email);
    expect(await auditOf(row.id, 'privacy.export-downloaded')).toMatchObject([{ actorUserId: person.userId, subjectUserId: person.userId, clientIp: request.ip }]);
  });

  it('sends a guest to sign in; refuses another customer, every staff role, unknown, malformed, pending and expired', async () => {
    const person = await seedCustomer(`deny-${randomUUID().slice(0, 8)}`);
    const row = await requested(person);
    request.cookies.clear();
    // Pending: not found, even for the owner.
    await signInAs(person.userId);
    expect(await answerOf(row.id)).toEqual({ status: 404 });
    expect(await buildDataExport(row.id)).toBe('ready');

    request.cookies.clear();
    expect(await answerOf(row.id)).toEqual({ status: 307, location: `/login?reason=sign-in-required&next=${encodeURIComponent(`/account/data/export/${row.id}`)}` });
    await signInAs(other.userId);
    expect(await answerOf(row.id)).toEqual({ status: 404 });
    for (const role of staffRoles) {
      await signInAs((await createStaffMember(role)).userId, 'staff');
      expect(await answerOf(row.id), role).toEqual({ status: 404 });
    }
    await signInAs(person.userId);
    for (const id of [randomUUID(), 'not-an-id', "1' or '1'='1"]) expect(await answerOf(id), id).toEqual({ status: 404 });
    await db.update(dataExports).set({ status: 'failed' }).where(eq(dataExports.id, row.id));
    expect(await answerOf(row.id)).toEqual({ status: 404 });
    await db.update(dataExports).set({ status: 'ready', expiresAt: new Date(Date.now() - 1000) }).where(eq(dataExports.id, row.id));
    expect(await answerOf(row.id)).toEqual({ status: 410 });
    expect(await auditOf(row.id, 'privacy.export-downloaded')).toEqual([]);
  });
});

describe('the daily removal', () => {
  it('deletes expired exports with their files, keeps current ones, and removes files no row refers to once a day old', async () => {
    const person = await seedCustomer(`exp-${randomUUID().slice(0, 8)}`);
    const row = await requested(person);
    expect(await buildDataExport(row.id)).toBe('ready');
    const [built] = await db.select().from(dataExports).where(eq(dataExports.id, row.id));
    const file = storedFile(built!.storageKey!);
    const orphan = { area: 'exports' as const, key: createStorageKey(), extension: 'bin' as const };
    await mediaStorage().put(orphan, Buffer.from('left behind'));
    const orphanFile = path.join(path.resolve(storageEnv().MEDIA_DIR), storageObjectPath(orphan));
    const old = new Date(Date.now() - ORPHAN_EXPORT_GRACE_MS - 60_000);
    await utimes(orphanFile, old, old);

    await removeExpiredExports({ now: new Date(built!.expiresAt.getTime() - 1000) });
    expect(await exportsOf(person.userId)).toHaveLength(1);
    expect(await stat(file).then(() => true)).toBe(true);
    await expect(stat(orphanFile)).rejects.toThrow();

    const result = await removeExpiredExports({ now: new Date(built!.expiresAt.getTime() + 1000) });
    expect(result.removed).toBeGreaterThanOrEqual(1);
    expect(await exportsOf(person.userId)).toEqual([]);
    await expect(stat(file)).rejects.toThrow();
  });
});
