import { describe, expect, it } from 'vitest';
import { personal, plain, retentionRules, type TTableEntry } from '@/lib/privacy/classification';
import { planRetention } from '@/lib/privacy/plan-retention';

const summary = (steps: ReturnType<typeof planRetention>) =>
  steps.map((step) => `${step.table} ${step.who} ${step.action} ${step.rule} ${step.days} [${step.columns.join(',')}]`);

describe('planRetention', () => {
  it('deletes rows and redacts IP addresses as the map and its rules say', () => {
    expect(summary(planRetention())).toEqual([
      'account_tokens all delete token-lifetime 7 [user_id,token_sha256,new_email]',
      'sessions all delete session-history 90 [token_sha256,user_id,remember,created_at,last_seen_at,ip,browser,os,country]',
      'activity_events customers delete activity 365 [subject_user_id,image_id,search_query,search_filters,browser,os,country,created_at]',
      'activity_events guests delete activity 30 [subject_user_id,image_id,search_query,search_filters,browser,os,country,created_at]',
      'activity_events customers redact login-ip 180 [ip]',
      'licence_downloads customers redact login-ip 180 [ip]',
      'licence_downloads guests redact login-ip 30 [ip]',
    ]);
  });

  it('counts a session from its end, or its expiry, and a token from its use, or its expiry', () => {
    const clocks = Object.fromEntries(planRetention().map((step) => [step.table, step.clock]));
    expect(clocks).toMatchObject({
      sessions: ['ended_at', 'expires_at'],
      account_tokens: ['used_at', 'expires_at'],
      activity_events: ['created_at'],
      licence_downloads: ['downloaded_at'],
    });
  });

  const table = (entry: Partial<TTableEntry>): Record<string, TTableEntry> => ({
    things: { purpose: 'Test', subjectColumn: 'user_id', retentionClock: ['created_at'], columns: {}, ...entry },
  });

  it('refuses a rule with a period that no job applies', () => {
    const column = personal({ category: 'behaviour', purpose: 'x', legalBasis: 'consent', retention: 'activity', erasure: 'delete' });
    const map = table({ columns: { user_id: column, created_at: { ...column, retention: 'unplanned' as never } } });
    expect(() => planRetention({ map, rules: { ...retentionRules, unplanned: { days: null } } })).not.toThrow();
    expect(() => planRetention({ map, rules: { ...retentionRules, unplanned: { days: 5 } } })).toThrow(/'unplanned' has a period \(5 days\) that no job applies/);
  });

  it('refuses a table whose rows have no clock', () => {
    const map = table({ retentionClock: undefined, columns: { user_id: personal({ category: 'behaviour', purpose: 'x', legalBasis: 'consent', retention: 'session-history', erasure: 'delete' }) } });
    expect(() => planRetention({ map })).toThrow(/retentionClock/);
  });

  it('keeps a row another column must keep and redacts only the expired column', () => {
    const map = table({
      columns: {
        id: plain(),
        user_id: personal({ category: 'account', purpose: 'x', legalBasis: 'contract', retention: 'account-lifetime', erasure: 'anonymize' }),
        ip: personal({ category: 'network', purpose: 'x', legalBasis: 'legitimate-interest', retention: 'login-ip', erasure: 'delete' }),
        created_at: plain(),
      },
    });
    expect(summary(planRetention({ map }))).toEqual(['things customers redact login-ip 180 [ip]', 'things guests redact login-ip 30 [ip]']);
  });
});
