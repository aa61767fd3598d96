/**
 * The answer to a request is due one calendar month after it arrived (art. 12(3)); a month that has
 * no such day ends on its last day (31 January -> 28 or 29 February), as the EU rule on periods has it.
 */
export function addCalendarMonths(from: Date, months: number): Date {
  const target = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth() + months, 1, from.getUTCHours(), from.getUTCMinutes(), from.getUTCSeconds(), from.getUTCMilliseconds()));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(from.getUTCDate(), lastDay));
  return target;
}
