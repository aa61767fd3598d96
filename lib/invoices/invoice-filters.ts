import 'server-only';
import { and, eq, gte, ilike, lte, or, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { invoices } from '@/db/schema';
import { fieldErrorsFrom } from '@/lib/errors';
import { paymentStateSql, paymentStates } from './payment-status';

/** A blank form field is no filter: the GET form sends every field, filled in or not. */
const blankToUndefined = (value: unknown) => (typeof value === 'string' ? value.trim() || undefined : value);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const isCalendarDay = (value: string) => {
  const date = new Date(`${value}T00:00:00Z`);
  return ISO_DATE.test(value) && !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
};
const ZDay = z.string().regex(ISO_DATE, 'Enter a date as YYYY-MM-DD').refine(isCalendarDay, 'Enter a real calendar date');

/**
 * The filters of the staff invoice list and its CSV export. Number: the whole number or a part of
 * it ('2026-0001'); customer: a part of the buyer's name, company or e-mail as on the invoice; from
 * and to: issue dates, both included; state: the payment state (lib/invoices/payment-status.ts).
 */
export const ZInvoiceFilters = z
  .object({
    number: optional(z.string().max(30, 'At most 30 characters').regex(/^[A-Za-z0-9-]+$/, 'Enter an invoice number such as 2026-000123 or CN-2026-000004, or a part of one')),
    customer: optional(z.string().max(100, 'At most 100 characters')),
    from: optional(ZDay),
    to: optional(ZDay),
    state: optional(z.enum(paymentStates, 'Choose a state from the list')),
  })
  .refine((filters) => !filters.from || !filters.to || !isCalendarDay(filters.from) || !isCalendarDay(filters.to) || filters.from <= filters.to, {
    message: 'The end date is before the start date',
    path: ['to'],
  });

export type TInvoiceFilters = z.output<typeof ZInvoiceFilters>;
export const invoiceFilterFields = ['number', 'customer', 'from', 'to', 'state'] as const;
export type TInvoiceFilterField = (typeof invoiceFilterFields)[number];

/** LIKE's own characters typed by someone are matched as themselves. */
const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;

/** The rows the filters select, as one condition (undefined: every row). */
export function invoiceFilterCondition(filters: TInvoiceFilters, today: string): SQL | undefined {
  const conditions: SQL[] = [];
  if (filters.number) conditions.push(ilike(invoices.number, likePattern(filters.number)));
  if (filters.customer) {
    const pattern = likePattern(filters.customer);
    conditions.push(or(ilike(invoices.buyerName, pattern), ilike(invoices.buyerCompany, pattern), ilike(invoices.buyerEmail, pattern))!);
  }
  if (filters.from) conditions.push(gte(invoices.issueDate, filters.from));
  if (filters.to) conditions.push(lte(invoices.issueDate, filters.to));
  if (filters.state) conditions.push(eq(paymentStateSql(today), filters.state));
  return conditions.length > 0 ? and(...conditions) : undefined;
}

type TSearchParams = Record<string, string | string[] | undefined>;

export type TParsedInvoiceQuery = {
  values: Record<TInvoiceFilterField, string>;
  filters: TInvoiceFilters | null;
  fieldErrors: Partial<Record<TInvoiceFilterField, string>>;
  page: number;
};

/** The list's and the export's query string, read without ever throwing: a bad field becomes a message next to it. */
export function parseInvoiceQuery(params: TSearchParams | URLSearchParams): TParsedInvoiceQuery {
  const read = (name: string): string => {
    const value = params instanceof URLSearchParams ? params.get(name) : params[name];
    return (Array.isArray(value) ? value[0] : value) ?? '';
  };
  const values = Object.fromEntries(invoiceFilterFields.map((field) => [field, read(field).slice(0, 200)])) as Record<TInvoiceFilterField, string>;
  const parsed = ZInvoiceFilters.safeParse(values);
  const page = z.coerce.number().int().min(1).max(10_000).safeParse(read('page') || undefined);
  return {
    values,
    filters: parsed.success ? parsed.data : null,
    fieldErrors: parsed.success ? {} : (fieldErrorsFrom(parsed.error) as TParsedInvoiceQuery['fieldErrors']),
    page: page.success ? page.data : 1,
  };
}

/** The query string of these filters (blank ones left out), for links and the export. */
export function invoiceQueryString(filters: TInvoiceFilters, extra: Record<string, string | number | undefined> = {}): string {
  const search = new URLSearchParams();
  for (const field of invoiceFilterFields) if (filters[field]) search.set(field, filters[field]!);
  for (const [name, value] of Object.entries(extra)) if (value !== undefined) search.set(name, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}
