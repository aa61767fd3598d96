import { describe, expect, it } from 'vitest';
import { addCalendarMonths, dueDateFor, extendedDueDate, isOverdue } from '@/lib/privacy/requests/due-dates';

const at = (iso: string) => new Date(iso);

describe('request deadlines (art. 12(3))', () => {
  it('is one calendar month after receipt, at the same time of day', () => {
    expect(dueDateFor(at('2026-03-14T09:30:00.000Z')).toISOString()).toBe('2026-04-14T09:30:00.000Z');
    expect(dueDateFor(at('2026-12-20T23:59:00.000Z')).toISOString()).toBe('2027-01-20T23:59:00.000Z');
  });

  it('ends on the last day of a shorter month: 31 January is due 28 February, or 29 in a leap year', () => {
    expect(dueDateFor(at('2027-01-31T12:00:00.000Z')).toISOString()).toBe('2027-02-28T12:00:00.000Z');
    expect(dueDateFor(at('2028-01-31T12:00:00.000Z')).toISOString()).toBe('2028-02-29T12:00:00.000Z');
    expect(dueDateFor(at('2026-03-31T08:00:00.000Z')).toISOString()).toBe('2026-04-30T08:00:00.000Z');
  });

  it('counts an extension from receipt, so the end of a long month is not lost on the way', () => {
    expect(extendedDueDate(at('2027-01-31T12:00:00.000Z'), 1).toISOString()).toBe('2027-03-31T12:00:00.000Z');
    expect(extendedDueDate(at('2027-01-31T12:00:00.000Z'), 2).toISOString()).toBe('2027-04-30T12:00:00.000Z');
    expect(extendedDueDate(at('2026-11-30T12:00:00.000Z'), 2).toISOString()).toBe('2027-02-28T12:00:00.000Z');
  });

  it('adds months across years and backwards', () => {
    expect(addCalendarMonths(at('2026-10-15T00:00:00.000Z'), 15).toISOString()).toBe('2028-01-15T00:00:00.000Z');
    expect(addCalendarMonths(at('2026-03-31T00:00:00.000Z'), -1).toISOString()).toBe('2026-02-28T00:00:00.000Z');
  });

  it('is overdue only while open and after the due time', () => {
    const dueAt = at('2026-05-01T12:00:00.000Z');
    expect(isOverdue({ dueAt, closedAt: null }, at('2026-05-01T12:00:00.001Z'))).toBe(true);
    expect(isOverdue({ dueAt, closedAt: null }, at('2026-05-01T11:59:59.999Z'))).toBe(false);
    expect(isOverdue({ dueAt, closedAt: at('2026-05-03T00:00:00.000Z') }, at('2026-06-01T00:00:00.000Z'))).toBe(false);
  });
});
