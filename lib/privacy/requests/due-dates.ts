/**
 * Deadlines of art. 12(3): an answer within one month of receipt, extendable by two further months.
 * Calendar months in UTC: a request received on 31 January is due on the last day of February
 * (28th or 29th), at the same time of day. An extension counts from the receipt too, so 31 January
 * extended by two months is due 31 March, not the 28th.
 */

const daysInMonth = (year: number, monthIndex: number) => new Date(Date.UTC(year, monthIndex + 1, 0)).getUTCDate();

export function addCalendarMonths(date: Date, months: number): Date {
  const year = date.getUTCFullYear();
  const targetMonth = date.getUTCMonth() + months;
  const targetYear = year + Math.floor(targetMonth / 12);
  const monthIndex = ((targetMonth % 12) + 12) % 12;
  const day = Math.min(date.getUTCDate(), daysInMonth(targetYear, monthIndex));
  return new Date(Date.UTC(targetYear, monthIndex, day, date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds(), date.getUTCMilliseconds()));
}

/** One month after receipt. */
export const dueDateFor = (receivedAt: Date) => addCalendarMonths(receivedAt, 1);

/** The most an extension may add (art. 12(3)). */
export const MAX_EXTENSION_MONTHS = 2;

/** The due date after an extension by `months` (1 or 2) further months. */
export const extendedDueDate = (receivedAt: Date, months: number) => addCalendarMonths(receivedAt, 1 + months);

export const isOverdue = (request: { dueAt: Date; closedAt: Date | null }, now: Date) => request.closedAt === null && request.dueAt.getTime() < now.getTime();
