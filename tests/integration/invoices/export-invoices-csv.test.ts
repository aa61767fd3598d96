import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditTrail } from '@/db/schema';
import { closeDatabase, db } from '@/lib/db/client';
import { exportInvoicesCsv } from '@/lib/invoices/export-invoices-csv';
import { createSignedInCustomer } from '../../helpers/actor-factory';
import { setTestSeller } from '../../helpers/order-factory';
import { staffActorFor } from '../../helpers/staff-actor';
import { creditTestInvoice, issueTestInvoice, registerTestPayment } from './invoice-kit';

afterAll(closeDatabase);
beforeAll(() => setTestSeller());

/** RFC 4180 as build-csv writes it (quoted cells may hold commas, quotes and line breaks), rows as records by header. */
function rowsOf(csv: string): Array<Record<string, string>> {
  const records: string[][] = [[]];
  let cell = '';
  let quoted = false;
  const text = csv.replace(/^\uFEFF/, '');
  const endCell = () => {
    records.at(-1)!.push(cell);
    cell = '';
  };
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index]!;
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        cell += '"';
        index += 1;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') endCell();
    else if (char === '\r' && text[index + 1] === '\n') {
      endCell();
      records.push([]);
      index += 1;
    } else cell += char;
  }
  const [header, ...rows] = records.filter((record) => record.length > 0);
  return rows.map((row) => Object.fromEntries(header!.map((name, column) => [name, row[column] ?? ''])));
}

describe('the accountant CSV', () => {
  it('lists each document with VAT per rate, totals, treatment, paid amount and the credited invoice, and is audited', async () => {
    const marker = `Csv Buyer ${crypto.randomUUID().slice(0, 8)}`;
    const owner = await createSignedInCustomer();
    const standard = await issueTestInvoice(owner.userId, { values: { billingName: marker } });
    await registerTestPayment(standard.id, 2000);
    const reduced = await issueTestInvoice(owner.userId, { vatRateBasisPoints: 900, lines: [{ netMinor: 1000 }], values: { billingName: marker } });
    const credit = await creditTestInvoice(reduced.id);
    const sales = await staffActorFor('sales');

    const { csv, rows: count } = await exportInvoicesCsv(sales, { customer: marker });
    expect(count).toBe(3);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const rows = rowsOf(csv);
    const header = Object.keys(rows[0]!);
    expect(header).toEqual(expect.arrayContaining(['Number', 'Kind', 'Issue date', 'Due date', 'Buyer name', 'Buyer company', 'Buyer country', 'Buyer VAT number', 'Net', 'VAT total', 'Gross', 'VAT treatment', 'Paid amount', 'Credited invoice']));
    expect(header).toEqual(expect.arrayContaining(['Taxable at 21%', 'VAT at 21%', 'Taxable at 9%', 'VAT at 9%']));
    const byNumber = new Map(rows.map((row) => [row.Number, row]));
    expect(byNumber.get(standard.number)).toMatchObject({
      Kind: 'Invoice',
      'Buyer name': marker,
      'Buyer country': 'NL',
      Net: '39',
      'Taxable at 21%': '39',
      'VAT at 21%': '8.19',
      'Taxable at 9%': '',
      Gross: '47.19',
      'VAT treatment': 'domestic',
      'Paid amount': '20',
      'Payment state': 'unpaid',
      'Credited invoice': '',
    });
    expect(byNumber.get(reduced.number)).toMatchObject({ 'Taxable at 9%': '10', 'VAT at 9%': '0.9', Gross: '10.9', 'Payment state': 'credited' });
    // A credit note's negative amounts are numbers, not formulas: no leading quote.
    expect(byNumber.get(credit.number)).toMatchObject({ Kind: 'Credit note', Net: '-10', 'VAT at 9%': '-0.9', Gross: '-10.9', 'Due date': '', 'Credited invoice': reduced.number });

    const [entry] = await db
      .select()
      .from(auditTrail)
      .where(and(eq(auditTrail.action, 'invoices.exported'), eq(auditTrail.actorUserId, sales.userId)))
      .orderBy(desc(auditTrail.id));
    expect(entry).toMatchObject({ actorKind: 'staff', subjectUserId: null });
  });

  it('escapes a buyer name that a spreadsheet would run as a formula (checklist 36)', async () => {
    const owner = await createSignedInCustomer();
    const names = ['=HYPERLINK("http://x","y")', '+cmd|\' /C calc\'!A0', '-2+3', '@SUM(A1)'];
    const issued = await Promise.all(names.map((name) => issueTestInvoice(owner.userId, { values: { billingName: name, billingCompany: `${name} Ltd` } })));
    const { csv } = await exportInvoicesCsv(await staffActorFor('superadmin'), {});
    const rows = rowsOf(csv);
    for (const [index, name] of names.entries()) {
      const row = rows.find((candidate) => candidate.Number === issued[index]!.number);
      expect(row?.['Buyer name']).toBe(`'${name}`);
      expect(row?.['Buyer company']).toBe(`'${name} Ltd`);
    }
  });

  it('is refused to a staff role without orders.manage, and refuses more rows than the cap', async () => {
    await expect(exportInvoicesCsv(await staffActorFor('catalog'), {})).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(exportInvoicesCsv(await staffActorFor('privacy_officer'), {})).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const owner = await createSignedInCustomer();
    await issueTestInvoice(owner.userId);
    await issueTestInvoice(owner.userId);
    await expect(exportInvoicesCsv(await staffActorFor('sales'), {}, { maxRows: 1 })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });
});
