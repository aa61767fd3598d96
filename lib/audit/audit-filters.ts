import 'server-only';
import { and, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { auditTrail } from '@/db/schema';
import { fieldErrorsFrom } from '@/lib/errors';

/** A blank form field is no filter: the GET form sends every field, filled in or not. */
const blankToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : typeof value === 'string' ? value.trim() : value);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** A calendar day as the date input sends it ('2026-03-05'), read as that day in UTC (the page shows UTC times). */
const isCalendarDay = (value: string) => {
  const date = new Date(`${value}T00:00:00Z`);
  return ISO_DATE.test(value) && !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
};
const ZDay = z.string().regex(ISO_DATE, 'Enter a date as YYYY-MM-DD').refine(isCalendarDay, 'Enter a real calendar date');

/**
 * The filters of the audit trail page and its CSV export. An action ending in a dot is a prefix
 * ('staff.' is every staff action); otherwise it must match exactly. From and to are whole UTC
 * days, both included.
 */
export const ZAuditFilters = z
  .object({
    action: optional(
      z
        .string()
        .max(100, 'At most 100 characters')
        .regex(/^[A-Za-z][A-Za-z0-9_-]*(\.[A-Za-z0-9_-]+)*\.?$/, "Enter an action such as 'account.profile-updated', or a prefix ending in a dot such as 'staff.'"),
    ),
    subjectUserId: optional(z.uuid('Enter a user id (a UUID)')),
    actorUserId: optional(z.uuid('Enter a user id (a UUID)')),
    from: optional(ZDay),
    to: optional(ZDay),
  })
  // Zod runs this also when a day was refused: compare only two real days, or the message would mislead.
  .refine((filters) => !filters.from || !filters.to || !isCalendarDay(filters.from) || !isCalendarDay(filters.to) || filters.from <= filters.to, { message: 'The end date is before the start date', path: ['to'] });

export type TAuditFilters = z.output<typeof ZAuditFilters>;
export type TAuditFiltersInput = z.input<typeof ZAuditFilters>;

export const auditFilterFields = ['action', 'subjectUserId', 'actorUserId', 'from', 'to'] as const;
export type TAuditFilterField = (typeof auditFilterFields)[number];

/** The rows the filters select, as one condition (undefined: every row). */
export function auditFilterCondition(filters: TAuditFilters): SQL | undefined {
  const conditions: SQL[] = [];
  if (filters.action?.endsWith('.')) conditions.push(sql`starts_with(${auditTrail.action}, ${filters.action})`);
  else if (filters.action) conditions.push(eq(auditTrail.action, filters.action));
  if (filters.subjectUserId) conditions.push(eq(auditTrail.subjectUserId, filters.subjectUserId));
  if (filters.actorUserId) conditions.push(eq(auditTrail.actorUserId, filters.actorUserId));
  if (filters.from) conditions.push(gte(auditTrail.occurredAt, new Date(`${filters.from}T00:00:00Z`)));
  // The end day is included: everything before the next day's midnight.
  if (filters.to) conditions.push(lt(auditTrail.occurredAt, new Date(new Date(`${filters.to}T00:00:00Z`).getTime() + 86_400_000)));
  return conditions.length > 0 ? and(...conditions) : undefined;
}

type TSearchParams = Record<string, string | string[] | undefined>;

export type TParsedAuditQuery = {
  /** What was typed, to show in the form again (also when it was refused). */
  values: Record<TAuditFilterField, string>;
  /** The filters, or null when a field was refused (then nothing is listed or exported). */
  filters: TAuditFilters | null;
  fieldErrors: Partial<Record<TAuditFilterField, string>>;
  /** The "older entries" cursor: an entry id; a malformed one is ignored (the first page is shown). */
  before: number | undefined;
};

const ZBefore = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/** The page's and the export's query string, read without ever throwing: a bad field becomes a message next to it. */
export function parseAuditQuery(params: TSearchParams | URLSearchParams): TParsedAuditQuery {
  const read = (name: string): string => {
    const value = params instanceof URLSearchParams ? params.get(name) : params[name];
    return (Array.isArray(value) ? value[0] : value) ?? '';
  };
  const values = Object.fromEntries(auditFilterFields.map((field) => [field, read(field).slice(0, 200)])) as Record<TAuditFilterField, string>;
  const parsed = ZAuditFilters.safeParse(values);
  const before = ZBefore.safeParse(read('before') || undefined);
  return {
    values,
    filters: parsed.success ? parsed.data : null,
    fieldErrors: parsed.success ? {} : (fieldErrorsFrom(parsed.error) as TParsedAuditQuery['fieldErrors']),
    before: before.success ? before.data : undefined,
  };
}

/** The query string of these filters (blank ones left out), for the export link and the pagination. */
export function auditQueryString(filters: TAuditFilters, extra: Record<string, string | number | undefined> = {}): string {
  const search = new URLSearchParams();
  for (const field of auditFilterFields) if (filters[field]) search.set(field, filters[field]!);
  for (const [name, value] of Object.entries(extra)) if (value !== undefined) search.set(name, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}
