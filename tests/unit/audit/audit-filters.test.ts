import { describe, expect, it } from 'vitest';
import { auditQueryString, parseAuditQuery } from '@/lib/audit/audit-filters';

describe('the audit trail query string', () => {
  it('reads filters, treats blank fields as none and keeps what was typed', () => {
    const query = parseAuditQuery({ action: ' staff. ', subjectUserId: '', from: '2026-03-01', to: ['2026-03-31', 'ignored'], before: '120' });
    expect(query.filters).toEqual({ action: 'staff.', from: '2026-03-01', to: '2026-03-31' });
    expect(query.fieldErrors).toEqual({});
    expect(query.values.action).toBe(' staff. ');
    expect(query.before).toBe(120);
  });

  it('turns bad input into messages per field instead of throwing, and ignores a bad cursor', () => {
    const query = parseAuditQuery(new URLSearchParams({ actorUserId: 'me', from: '2026-13-01', to: '2026-01-01', action: 'a b', before: '-3' }));
    expect(query.filters).toBeNull();
    expect(Object.keys(query.fieldErrors).sort()).toEqual(['action', 'actorUserId', 'from']);
    expect(query.before).toBeUndefined();
    expect(parseAuditQuery({ from: '2026-03-02', to: '2026-03-01' }).fieldErrors).toEqual({ to: 'The end date is before the start date' });
  });

  it('writes the filters back into a query string, blank ones left out', () => {
    expect(auditQueryString({ action: 'staff.', subjectUserId: undefined }, { before: 10, verify: undefined })).toBe('?action=staff.&before=10');
    expect(auditQueryString({})).toBe('');
  });
});
