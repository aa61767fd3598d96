const styles = {
  pending: 'bg-amber-50 text-amber-900 ring-amber-200',
  sent: 'bg-emerald-50 text-emerald-900 ring-emerald-200',
  failed: 'bg-red-50 text-red-900 ring-red-200',
} as const;

export function StatusBadge({ status }: { status: keyof typeof styles }) {
  return <span className={`inline-flex rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${styles[status]}`}>{status}</span>;
}

const timeFormat = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'medium' });

export function Timestamp({ value }: { value: Date }) {
  return <time dateTime={value.toISOString()}>{timeFormat.format(value)}</time>;
}
