import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase } from '@/lib/db/client';
import { changeRetentionPeriods } from '@/lib/privacy/change-retention-periods';
import { getMyDataTable } from '@/lib/privacy/get-my-data-table';
import { listMyData } from '@/lib/privacy/list-my-data';
import { previewErasure } from '@/lib/privacy/preview-erasure';
import { readProcessingRecord } from '@/lib/privacy/read-processing-record';
import { defaultRetentionDays, type TRetentionDays } from '@/lib/privacy/retention-settings';
import { updateSetting } from '@/lib/settings/update-setting';
import { createSignedInCustomer } from '../../helpers/actor-factory';
import { setTestSeller } from '../../helpers/order-factory';
import { staffActorFor } from '../../helpers/staff-actor';
import { issueTestInvoice } from '../invoices/invoice-kit';

const form = (periods: TRetentionDays) => Object.fromEntries(Object.entries(periods).map(([key, days]) => [`privacy.retentionDays.${key}`, String(days)]));

beforeAll(() => setTestSeller());
afterAll(async () => {
  // Settings are shared by every file of the run: put the default periods back.
  await updateSetting('privacy.retentionDays', defaultRetentionDays);
  await closeDatabase();
});

describe('retention in the words people read', () => {
  it('follows the periods saved on the retention page: My data, the erasure preview and the record of processing', async () => {
    const customer = await createSignedInCustomer();
    await issueTestInvoice(customer.userId);
    const taxGroup = async () => (await listMyData(customer.actor)).find((group) => group.table === 'invoices')!.retention.join(' ');
    const activityGroup = async () => (await getMyDataTable(customer.actor, { table: 'activity_events' }))!.group.retention.join(' ');
    const keptInvoices = async () => (await previewErasure(customer.userId)).kept.filter((line) => line.what.startsWith('Issued invoices')).map((line) => line.detail).join(' ');
    const recordOf = async (table: string) => (await readProcessingRecord('command-line')).activities.find((activity) => activity.table === table)!.retention.map((rule) => rule.description).join(' ');

    // The defaults first.
    expect(await taxGroup()).toMatch(/: 10 years after issue/);
    expect(await activityGroup()).toContain('Customers 12 months');
    expect(await keptInvoices()).toMatch(/Kept: Orders, invoices, credit notes and payments: 10 years after issue/);
    expect(await recordOf('invoices')).toMatch(/: 10 years after issue/);

    const admin = await staffActorFor('admin');
    await changeRetentionPeriods(admin, form({ ...defaultRetentionDays, activity: 730, 'tax-record': 11 * 365 }));

    expect(await taxGroup()).toMatch(/: 11 years after issue/);
    expect(await taxGroup()).not.toMatch(/10 years/);
    expect(await activityGroup()).toContain('Customers 2 years');
    expect(await keptInvoices()).toMatch(/Kept: Orders, invoices, credit notes and payments: 11 years after issue/);
    expect(await recordOf('invoices')).toMatch(/: 11 years after issue/);
    expect(await recordOf('activity_events')).toContain('Customers 2 years');
  });
});
