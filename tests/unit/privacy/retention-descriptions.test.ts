import { describe, expect, it } from 'vitest';
import { retentionRules } from '@/lib/privacy/classification';
import { retentionDescriptions } from '@/lib/privacy/retention-descriptions';
import { defaultRetentionDays } from '@/lib/privacy/retention-settings';

describe('retentionDescriptions', () => {
  it('with the default periods says exactly what the rules say', () => {
    const described = retentionDescriptions(defaultRetentionDays);
    for (const [rule, shape] of Object.entries(retentionRules)) expect({ rule, text: described[rule as keyof typeof retentionRules] }).toEqual({ rule, text: shape.description });
  });

  it('names the periods the site owner set', () => {
    const described = retentionDescriptions({ ...defaultRetentionDays, activity: 730, 'activity-guests': 14, 'login-ip': 90, 'session-history': 30, 'tax-record': 11 * 365, 'audit-retention': 1095 });
    expect(described.activity).toBe('Customers 2 years; guests 14 days');
    expect(described['login-ip']).toBe('IP addresses 90 days; guests 14 days');
    expect(described['session-history']).toBe('While the session lasts, then 30 days as sign-in history');
    expect(described['tax-record']).toMatch(/^Orders, invoices, credit notes and payments: 11 years after issue/);
    expect(described['audit-retention']).toMatch(/^Audit trail entries 3 years/);
    // Rules without an editable period keep their words.
    expect(described['account-lifetime']).toBe(retentionRules['account-lifetime'].description);
  });

  it('never says an IP address is kept longer than the activity it belongs to', () => {
    expect(retentionDescriptions({ ...defaultRetentionDays, activity: 60, 'login-ip': 180 })['login-ip']).toBe('IP addresses 60 days; guests 30 days');
  });

  it('says that unused customer accounts are erased only while the inactive-accounts rule is on', () => {
    expect(retentionDescriptions(defaultRetentionDays, { months: null, warnDays: 30 })['account-lifetime']).toBe('As long as the account exists');
    expect(retentionDescriptions(defaultRetentionDays, { months: 24, warnDays: 30 })['account-lifetime']).toBe(
      'As long as the account exists; a customer account with no sign-in and no order for 24 months is erased',
    );
  });

  it('names the ZIP and export days set on the settings page, and never a setting key', () => {
    const described = retentionDescriptions(defaultRetentionDays, undefined, { bundleDays: 3, exportDays: 12 });
    expect(described['download-bundle']).toBe("A ZIP of an order's files and its record: until its link expires (3 days after it is ready), then removed with its file by a daily job");
    expect(described['data-export']).toBe('A "Download my data" ZIP and its record: until it expires (12 days after it is ready), then removed with its file by a daily job');
    expect(retentionDescriptions(defaultRetentionDays, undefined, { bundleDays: 1, exportDays: 1 })['data-export']).toContain('(1 day after it is ready)');
    for (const text of [...Object.values(described), ...Object.values(retentionRules).map((rule) => rule.description)]) expect(text).not.toMatch(/downloads\.|privacy\.|settings?\./);
  });
});
