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
  await updateSetting('downloads.bundleDays', 7);
  await updateSetting('privacy.exportDays', 7);
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

  it("names the ZIP and export days set on the settings page, never the settings' keys", async () => {
    const customer = await createSignedInCustomer();
    await issueTestInvoice(customer.userId);
    const myData = async () => listMyData(customer.actor);
    const groupOf = async (table: string) => (await myData()).find((group) => group.table === table)!.retention.join(' ');
    const tableOf = async (table: string) => (await getMyDataTable(customer.actor, { table }))!.group.retention.join(' ');
    const preview = async () => previewErasure(customer.userId);
    const recordOf = async (table: string) => (await readProcessingRecord('command-line')).activities.find((activity) => activity.table === table)!.retention.map((rule) => rule.description).join(' ');
    // Everything those pages show, as one text, to look for a setting's key in.
    const shown = async () => JSON.stringify([await myData(), await tableOf('download_bundles'), await tableOf('data_exports'), await preview(), (await readProcessingRecord('command-line')).activities]);

    // The defaults first.
    expect(await groupOf('download_bundles')).toContain('until its link expires (7 days after it is ready)');
    expect(await groupOf('data_exports')).toContain('until it expires (7 days after it is ready)');
    expect(await shown()).not.toMatch(/downloads\.bundleDays|privacy\.exportDays/);

    await updateSetting('downloads.bundleDays', 3);
    await updateSetting('privacy.exportDays', 12);

    expect(await groupOf('download_bundles')).toContain('until its link expires (3 days after it is ready)');
    expect(await groupOf('data_exports')).toContain('until it expires (12 days after it is ready)');
    expect(await tableOf('download_bundles')).toContain('(3 days after it is ready)');
    expect(await tableOf('data_exports')).toContain('(12 days after it is ready)');
    expect(await recordOf('download_bundles')).toContain('(3 days after it is ready)');
    expect(await recordOf('data_exports')).toContain('(12 days after it is ready)');
    const texts = await shown();
    expect(texts).not.toMatch(/downloads\.bundleDays|privacy\.exportDays/);
    expect(texts).not.toContain('7 days after it is ready');
    // The erasure preview (and receipt) names no period of these two: their rows are deleted, not kept.
    const previewText = JSON.stringify(await preview());
    expect(previewText).not.toMatch(/bundleDays|exportDays|after it is ready/);
  });
});
