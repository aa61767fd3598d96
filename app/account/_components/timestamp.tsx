import { formatDateTime, formatLongDate } from './format';

/** A machine-readable time with its en-IE rendering. */
export function Timestamp({ value, dateOnly = false }: { value: Date; dateOnly?: boolean }) {
  return <time dateTime={value.toISOString()}>{dateOnly ? formatLongDate(value) : formatDateTime(value)}</time>;
}
