import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { exportAuditCsv } from '@/lib/audit/export-audit-csv';
import { listAuditEntries } from '@/lib/audit/list-audit-entries';
import { recordAuditEntry, type TAuditEntryInput } from '@/lib/audit/record-audit-entry';
import { closeDatabase, db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { createCustomer, TEST_CLIENT } from '../../helpers/actor-factory';
import { staffActorFor } from '../../helpers/staff-actor';

afterAll(closeDatabase);

/** An action namespace of this test alone: the trail is shared by the run's other files. */
const namespace = () => `t${randomBytes(4).toString('hex')}`;

async function record(entry: TAuditEntryInput) {
  await db.transaction((tx) => recordAuditEntry(tx, entry));
}

const utcDay = (date: Date, offsetDays = 0) => new Date(date.getTime() + offsetDays * 86_400_000).toISOString().slice(0, 10);

describe('listing the audit trail', () => {
  it('filters by action (exact or prefix), subject, actor and days, newest first, an id cursor for older entries', async () => {
    const reader = await staffActorFor('privacy_officer');
    const [alice, bob] = [await staffActorFor('admin', { fullName: 'Alice Auditor' }), await staffActorFor('sales')];
    const [subject1, subject2] = [randomUUID(), randomUUID()];
    const ns = namespace();
    await record({ actorKind: 'staff', actorUserId: alice.userId, action: `${ns}.beta`, subjectUserId: subject1, objectType: 'order', objectId: 'o-1', clientIp: '203.0.113.5', purpose: 'Support ticket 12' });
    await record({ actorKind: 'staff', actorUserId: bob.userId, action: `${ns}.beta-more`, subjectUserId: subject2, changedFields: ['city', 'phone'] });
    await record({ actorKind: 'system', actorUserId: null, action: `${ns}.gamma`, subjectUserId: subject1 });

    const all = await listAuditEntries(reader, { action: `${ns}.` }, { limit: 50 });
    expect(all.rows.map((row) => row.action)).toEqual([`${ns}.gamma`, `${ns}.beta-more`, `${ns}.beta`]);
    expect(all.nextBefore).toBeNull();
    expect(all.rows[2]).toMatchObject({
      actorKind: 'staff',
      actorUserId: alice.userId,
      actorName: 'Alice Auditor',
      actorEmail: alice.email,
      subjectUserId: subject1,
      objectType: 'order',
      objectId: 'o-1',
      clientIp: '203.0.113.5',
      purpose: 'Support ticket 12',
      changedFields: [],
    });
    expect(all.rows[1]!.changedFields).toEqual(['city', 'phone']);
    expect(all.rows[0]).toMatchObject({ actorKind: 'system', actorUserId: null, actorName: null, actorEmail: null });

    const actions = async (filters: Parameters<typeof listAuditEntries>[1]) => (await listAuditEntries(reader, filters, { limit: 50 })).rows.map((row) => row.action);
    // Exact unless it ends in a dot; '_' is no wildcard in a prefix.
    expect(await actions({ action: `${ns}.beta` })).toEqual([`${ns}.beta`]);
    expect(await actions({ action: `${ns.slice(0, -1)}_.` })).toEqual([]);
    expect(await actions({ action: `${ns}.`, subjectUserId: subject1 })).toEqual([`${ns}.gamma`, `${ns}.beta`]);
    expect(await actions({ action: `${ns}.`, actorUserId: bob.userId })).toEqual([`${ns}.beta-more`]);
    expect(await actions({ subjectUserId: subject2 })).toEqual([`${ns}.beta-more`]);

    const day = all.rows[0]!.occurredAt;
    expect(await actions({ action: `${ns}.`, from: utcDay(day), to: utcDay(day) })).toHaveLength(3);
    expect(await actions({ action: `${ns}.`, from: utcDay(day, 1) })).toEqual([]);
    expect(await actions({ action: `${ns}.`, to: utcDay(day, -1) })).toEqual([]);
    // Blank form fields are no filter.
    expect(await actions({ action: `${ns}.`, subjectUserId: '', actorUserId: ' ', from: '', to: '' })).toHaveLength(3);

    const first = await listAuditEntries(reader, { action: `${ns}.` }, { limit: 2 });
    expect(first.rows.map((row) => row.action)).toEqual([`${ns}.gamma`, `${ns}.beta-more`]);
    expect(first.nextBefore).toBe(first.rows[1]!.id);
    const second = await listAuditEntries(reader, { action: `${ns}.` }, { limit: 2, before: first.nextBefore! });
    expect(second.rows.map((row) => row.action)).toEqual([`${ns}.beta`]);
    expect(second.nextBefore).toBeNull();
  });

  it('refuses malformed filters', async () => {
    const reader = await staffActorFor('admin');
    await expect(listAuditEntries(reader, { subjectUserId: 'not-a-uuid' }, { limit: 10 })).rejects.toThrow(/user id/);
    await expect(listAuditEntries(reader, { action: "x' or 1=1 --" }, { limit: 10 })).rejects.toThrow(/action/);
    await expect(listAuditEntries(reader, { from: '2026-02-30' }, { limit: 10 })).rejects.toThrow(/calendar date/);
    await expect(listAuditEntries(reader, { from: '2026-03-02', to: '2026-03-01' }, { limit: 10 })).rejects.toThrow(/before the start/);
    await expect(listAuditEntries(reader, {}, { limit: 1_000 })).rejects.toThrow();
  });

  it('shows a customer actor by id alone and never joins the subject: no customer name or e-mail', async () => {
    const reader = await staffActorFor('admin');
    const customer = await createCustomer({ fullName: `Zebedee ${randomUUID()}` });
    const ns = namespace();
    await record({ actorKind: 'customer', actorUserId: customer.userId, action: `${ns}.profile-updated`, subjectUserId: customer.userId, changedFields: ['fullName'] });
    const { rows } = await listAuditEntries(reader, { action: `${ns}.` }, { limit: 10 });
    expect(rows).toEqual([expect.objectContaining({ actorKind: 'customer', actorUserId: customer.userId, actorName: null, actorEmail: null, subjectUserId: customer.userId })]);
    expect(JSON.stringify(rows)).not.toContain(customer.fullName);
    expect(JSON.stringify(rows)).not.toContain(customer.email);
  });

  it('refuses a staff member whose role lacks audit.read, for the list and the export', async () => {
    for (const role of ['sales', 'catalog'] as const) {
      const actor = await staffActorFor(role);
      const refusal = { name: 'AppError', code: 'FORBIDDEN' };
      await expect(listAuditEntries(actor, {}, { limit: 10 })).rejects.toMatchObject(refusal);
      await expect(exportAuditCsv(actor, {})).rejects.toBeInstanceOf(AppError);
      await expect(exportAuditCsv(actor, {})).rejects.toMatchObject(refusal);
    }
    // The refused export left nothing in the trail.
    const reader = await staffActorFor('admin');
    const sales = await staffActorFor('sales');
    await expect(exportAuditCsv(sales, {})).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await listAuditEntries(reader, { actorUserId: sales.userId }, { limit: 10 })).rows).toEqual([]);
  });
});

describe('exporting the audit trail as CSV', () => {
  it('escapes formula cells, names the staff actor but never the subject, and records the export in the trail', async () => {
    const exporter = await staffActorFor('privacy_officer', { fullName: 'Erin Exporter' });
    const customer = await createCustomer({ fullName: `Quentin ${randomUUID()}` });
    const ns = namespace();
    await record({ actorKind: 'staff', actorUserId: exporter.userId, action: `${ns}.customer-opened`, subjectUserId: customer.userId, purpose: '=HYPERLINK("http://x","y")', clientIp: '203.0.113.7' });
    await record({ actorKind: 'staff', actorUserId: exporter.userId, action: `${ns}.customer-opened`, subjectUserId: customer.userId, purpose: "+cmd|' /C calc'!A0" });
    await record({ actorKind: 'customer', actorUserId: customer.userId, action: `${ns}.profile-updated`, subjectUserId: customer.userId, changedFields: ['fullName', 'city'] });
    await record({ actorKind: 'customer', actorUserId: customer.userId, action: `${ns}.access-refused`, attempted: 'privacy.erase-request' });

    const { csv, rows } = await exportAuditCsv(exporter, { action: `${ns}.` });
    expect(rows).toBe(4);
    const lines = csv.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe('Entry id,Time (UTC),Actor kind,Actor user id,Actor name (staff),Actor e-mail (staff),Action,Subject user id,Object type,Object id,Client address,Purpose,Changed fields,Attempted (refused)');
    expect(lines).toHaveLength(6); // header, four entries, and the empty string after the last line end
    // A refused attempt says what was attempted (checklist 40), newest first.
    expect(lines[1]).toMatch(new RegExp(`,customer,${customer.userId},,,${ns}\\.access-refused,,,,,,,privacy\\.erase-request$`));
    lines.splice(1, 1);
    expect(lines[1]).toContain(`,customer,${customer.userId},,,${ns}.profile-updated,${customer.userId},,,,,fullName city`);
    expect(lines[2]).toContain(`,staff,${exporter.userId},Erin Exporter,${exporter.email},${ns}.customer-opened,${customer.userId},,,,'+cmd|' /C calc'!A0,`);
    expect(lines[3]).toContain(`,203.0.113.7,"'=HYPERLINK(""http://x"",""y"")",`);
    expect(lines[3]).toMatch(/^\d+,\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z,staff,/);
    // No cell starts a formula: every cell after a comma or a quote.
    expect(csv).not.toMatch(/(^|,|")[=+@]/m);
    expect(csv).not.toContain(customer.fullName);
    expect(csv).not.toContain(customer.email);

    const reader = await staffActorFor('admin');
    const exported = await listAuditEntries(reader, { action: 'audit.exported', actorUserId: exporter.userId }, { limit: 10 });
    expect(exported.rows).toEqual([
      expect.objectContaining({ actorKind: 'staff', actorUserId: exporter.userId, subjectUserId: null, clientIp: TEST_CLIENT.ip, purpose: null, changedFields: [] }),
    ]);
    // The export lists the earlier exports, never its own entry.
    const again = await exportAuditCsv(exporter, { action: 'audit.exported', actorUserId: exporter.userId });
    expect(again.rows).toBe(1);
    expect((await listAuditEntries(reader, { action: 'audit.exported', actorUserId: exporter.userId }, { limit: 10 })).rows).toHaveLength(2);
  });

  it('refuses, and records nothing, when more entries match than one file may hold', async () => {
    const exporter = await staffActorFor('admin');
    const ns = namespace();
    for (let index = 0; index < 3; index += 1) await record({ actorKind: 'system', actorUserId: null, action: `${ns}.tick` });
    await expect(exportAuditCsv(exporter, { action: `${ns}.` }, { maxRows: 2 })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    const reader = await staffActorFor('admin');
    expect((await listAuditEntries(reader, { action: 'audit.exported', actorUserId: exporter.userId }, { limit: 10 })).rows).toEqual([]);
    expect((await exportAuditCsv(exporter, { action: `${ns}.` }, { maxRows: 3 })).rows).toBe(3);
  });
});
