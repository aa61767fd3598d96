import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TCustomerActor } from '@/lib/auth/guards';
import { closeDatabase } from '@/lib/db/client';
import { personalDataMap } from '@/lib/privacy/data-map';
import { getMyDataTable, MY_DATA_PAGE_SIZE, type TShownValue } from '@/lib/privacy/get-my-data-table';
import { listMyData } from '@/lib/privacy/list-my-data';
import type { TDataMap } from '@/lib/privacy/subject-path';
import { ACTIVITY_ROWS, classifiedPetsTable, dropPetsTable, seedCustomer, type TSeeded } from '../../helpers/personal-data-factory';

const PETS_TABLE = 'my_data_test_pets';

const textOf = (value: TShownValue): string =>
  value.kind === 'text' ? value.text : value.kind === 'time' || value.kind === 'date' ? value.value.toISOString() : value.kind;

/** Every page of every group, as the values a page would render. */
async function everythingShownTo(actor: TCustomerActor, map?: TDataMap) {
  const shown = new Map<string, { columns: string[]; rows: TShownValue[][] }>();
  for (const group of await listMyData(actor, map)) {
    const rows: TShownValue[][] = [];
    for (let page = 1; ; page += 1) {
      const table = await getMyDataTable(actor, { table: group.table, page }, map);
      expect(table, group.table).not.toBeNull();
      rows.push(...table!.rows);
      if (page >= table!.pageCount) {
        shown.set(group.table, { columns: table!.columns.map((column) => column.name), rows });
        break;
      }
    }
  }
  return shown;
}

let me: TSeeded;
let other: TSeeded;

beforeAll(async () => {
  me = await seedCustomer(`me-${randomUUID().slice(0, 8)}`);
  other = await seedCustomer(`other-${randomUUID().slice(0, 8)}`);
});

afterAll(async () => {
  await dropPetsTable(PETS_TABLE);
  await closeDatabase();
});

describe('My data', () => {
  it('lists every kind of data the map can hold about a person, the account first, empty kinds included', async () => {
    const groups = await listMyData(me.actor);
    expect(groups[0]).toMatchObject({ table: 'users', title: 'Users', rowCount: 1 });
    const byTable = new Map(groups.map((group) => [group.table, group]));
    expect(byTable.get('activity_events')?.rowCount).toBeGreaterThanOrEqual(ACTIVITY_ROWS);
    for (const table of ['consent_ledger', 'lightboxes', 'lightbox_items', 'shares', 'account_tokens', 'carts', 'cart_items', 'orders']) {
      expect.soft(byTable.get(table)?.rowCount, table).toBe(1);
    }
    expect(byTable.get('staff_factors')?.rowCount).toBe(0);
    expect(byTable.has('images')).toBe(false);
    expect(byTable.has('site_settings')).toBe(false);
    const orders = byTable.get('orders')!;
    expect(orders.purpose).toBe(personalDataMap.orders.purpose);
    expect(orders.legalBases).toContain('Art. 6(1)(c): required by law (tax, accounting)');
    expect(orders.retention.some((text) => text.startsWith('Orders, invoices, credit notes and payments'))).toBe(true);
    // All plain: held for the reasons of the order they belong to.
    expect(byTable.get('order_lines')?.legalBases).toEqual(orders.legalBases);
    expect(new Set(byTable.get('users')!.legalBases).size).toBe(byTable.get('users')!.legalBases.length);
  });

  it("shows each group's rows of the person and none of another customer's", async () => {
    const shown = await everythingShownTo(me.actor);
    const allText = [...shown.values()].flatMap((group) => group.rows.flat().map(textOf)).join('\n');
    expect(allText).not.toContain(other.tag);
    const has = (table: string, text: string) => shown.get(table)!.rows.some((row) => row.some((value) => textOf(value).includes(text)));
    expect(has('users', `Name ${me.tag}`)).toBe(true);
    expect(has('users', `referral: referral-${me.tag}`)).toBe(true);
    expect(has('consent_ledger', `v-${me.tag}`)).toBe(true);
    expect(has('lightboxes', `Lightbox ${me.tag}`)).toBe(true);
    const lightboxes = shown.get('lightboxes')!;
    expect(lightboxes.rows[0]![lightboxes.columns.indexOf('created_at')]!.kind).toBe('time');
    expect(has('lightbox_items', `note-${me.tag}`)).toBe(true);
    expect(has('shares', `friend-${me.tag}@example.test`)).toBe(true);
    expect(has('account_tokens', `new-${me.tag}@example.test`)).toBe(true);
    expect(has('orders', `Buyer ${me.tag}`)).toBe(true);
    expect(shown.get('order_lines')!.rows).toHaveLength(1);
    expect(shown.get('cart_items')!.rows).toHaveLength(1);
    expect(shown.get('sessions')!.rows.length).toBeGreaterThanOrEqual(1);

    const theirs = await everythingShownTo(other.actor);
    const theirText = [...theirs.values()].flatMap((group) => group.rows.flat().map(textOf)).join('\n');
    expect(theirText).not.toContain(me.tag);
    expect(theirText).toContain(`Lightbox ${other.tag}`);
  });

  it('never shows a password hash, token hash or sealed value, only that one is stored', async () => {
    const shown = await everythingShownTo(me.actor);
    const serialized = JSON.stringify([...shown.entries()]);
    for (const secret of me.secrets) expect(serialized).not.toContain(secret);
    const users = shown.get('users')!;
    expect(users.rows[0]![users.columns.indexOf('password_hash')]).toEqual({ kind: 'stored' });
    const shares = shown.get('shares')!;
    expect(shares.rows[0]![shares.columns.indexOf('token_sha256')]).toEqual({ kind: 'stored' });
  });

  it('pages through every row, not only the latest 50', async () => {
    const first = await getMyDataTable(me.actor, { table: 'activity_events' });
    expect(first!.page).toBe(1);
    expect(first!.rows).toHaveLength(MY_DATA_PAGE_SIZE);
    expect(first!.pageCount).toBe(Math.ceil(first!.group.rowCount / MY_DATA_PAGE_SIZE));
    expect(first!.pageCount).toBeGreaterThanOrEqual(3);
    const queryColumn = first!.columns.findIndex((column) => column.name === 'search_query');
    const seen: string[] = [];
    for (let page = 1; page <= first!.pageCount; page += 1) {
      const table = await getMyDataTable(me.actor, { table: 'activity_events', page: String(page) });
      seen.push(...table!.rows.map((row) => textOf(row[queryColumn]!)));
    }
    const mine = seen.filter((text) => text.startsWith(`search-${me.tag}-`));
    expect(mine).toHaveLength(ACTIVITY_ROWS);
    expect(new Set(mine).size).toBe(ACTIVITY_ROWS);
    // Newest first: the identity key descends.
    expect(mine[0]).toBe(`search-${me.tag}-${ACTIVITY_ROWS - 1}`);
    // A page past the end shows the last page; a malformed one the first.
    expect((await getMyDataTable(me.actor, { table: 'activity_events', page: '999' }))!.page).toBe(first!.pageCount);
    expect((await getMyDataTable(me.actor, { table: 'activity_events', page: 'x' }))!.page).toBe(1);
  });

  it('finds no table outside the map or without a subject', async () => {
    for (const table of ['nope', 'images', 'site_settings', '__proto__', 'constructor', 'users; drop table users', 'Users', '', undefined, 42]) {
      expect(await getMyDataTable(me.actor, { table }), String(table)).toBeNull();
    }
  });

  it('shows a table added later once it is classified, with no code of its own', async () => {
    const map = await classifiedPetsTable(PETS_TABLE, [
      { ownerUserId: me.userId, name: `Rex ${me.tag}` },
      { ownerUserId: other.userId, name: `Tom ${other.tag}` },
    ]);
    const group = (await listMyData(me.actor, map)).find((candidate) => candidate.table === PETS_TABLE);
    expect(group).toMatchObject({ title: 'My data test pets', purpose: 'Pets of the person (test)', rowCount: 1, legalBases: ['Art. 6(1)(a): the person consented'] });
    const table = await getMyDataTable(me.actor, { table: PETS_TABLE }, map);
    expect(table!.columns.map((column) => column.heading)).toEqual(['ID', 'Owner user ID', 'Pet name']);
    expect(table!.rows.map((row) => textOf(row[2]!))).toEqual([`Rex ${me.tag}`]);
    // Without its map entry the same table is unknown.
    expect(await getMyDataTable(me.actor, { table: PETS_TABLE })).toBeNull();
    await dropPetsTable(PETS_TABLE);
  });
});
