import 'server-only';
import { and, desc, eq, gte, ilike, lt, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { invoices, orders, users } from '@/db/schema';
import { recordAuditEntry } from '@/lib/audit/record-audit-entry';
import { escapeLikePattern } from '@/lib/customers/search-customers';
import { db } from '@/lib/db/client';
import type { TStaffActor } from '@/lib/staff/require-staff';
import { assertOrderDesk } from './change-order-status';
import { orderStatusLabels, type TOrderStatus } from './order-transitions';

export const STAFF_ORDERS_PAGE_SIZE = 25;

const ZDay = z
  .string()
  .trim()
  .regex(/^(\d{4}-\d{2}-\d{2})?$/, 'Enter a date like 2026-12-01.')
  .refine((value) => value === '' || !Number.isNaN(Date.parse(`${value}T00:00:00Z`)), 'Enter a real date, like 2026-12-01.')
  .default('');

export const ZStaffOrderFilter = z
  .object({
    status: z.union([z.enum(Object.keys(orderStatusLabels) as [TOrderStatus, ...TOrderStatus[]]), z.literal('')], { error: 'Choose a state from the list.' }).default(''),
    customer: z.string().trim().max(100, 'Keep the search under 100 characters.').default(''),
    from: ZDay,
    to: ZDay,
    page: z.coerce.number({ error: 'Not a page number.' }).int('Not a page number.').min(1, 'Not a page number.').max(1000, 'Not a page number.').default(1),
  })
  .refine((filter) => filter.customer === '' || filter.customer.length >= 2, { message: 'Enter at least 2 characters of a name or e-mail address.', path: ['customer'] })
  .refine((filter) => !filter.from || !filter.to || filter.from <= filter.to, { message: 'The end date is before the start date.', path: ['to'] });

export type TStaffOrderFilter = z.output<typeof ZStaffOrderFilter>;

export type TStaffOrderRow = {
  id: string;
  number: number;
  status: TOrderStatus;
  submittedAt: Date;
  billingName: string;
  billingCompany: string | null;
  customerEmail: string;
  grossTotalMinor: number;
  currency: string;
  locationMismatch: boolean;
  invoiceNumber: string | null;
};

const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000);

/**
 * The order desk's list, newest first: by state, by customer (billing name, company or e-mail, or
 * the account's name or e-mail; case-insensitive), and by submission date (whole days, UTC).
 * Paged by offset. A search by customer looks for a person, so it is audited like the customer
 * search ('orders.searched': who and when, never the text).
 */
export async function listStaffOrders(actor: TStaffActor, filter: TStaffOrderFilter): Promise<{ rows: TStaffOrderRow[]; page: number; hasMore: boolean }> {
  assertOrderDesk(actor);
  const account = alias(users, 'account');
  const invoice = alias(invoices, 'invoice');
  const conditions: SQL[] = [];
  if (filter.status) conditions.push(eq(orders.status, filter.status));
  if (filter.from) conditions.push(gte(orders.submittedAt, new Date(`${filter.from}T00:00:00Z`)));
  if (filter.to) conditions.push(lt(orders.submittedAt, nextDay(filter.to)));
  if (filter.customer) {
    const pattern = `%${escapeLikePattern(filter.customer)}%`;
    conditions.push(
      or(
        ilike(orders.billingName, pattern),
        ilike(orders.billingEmail, pattern),
        ilike(sql`coalesce(${orders.billingCompany}, '')`, pattern),
        ilike(account.fullName, pattern),
        ilike(account.email, pattern),
      )!,
    );
  }
  return db.transaction(async (tx) => {
    const rows = await tx
      .select({
        id: orders.id,
        number: orders.number,
        status: orders.status,
        submittedAt: orders.submittedAt,
        billingName: orders.billingName,
        billingCompany: orders.billingCompany,
        customerEmail: account.email,
        grossTotalMinor: orders.grossTotalMinor,
        currency: orders.currency,
        locationMismatch: orders.locationMismatch,
        invoiceNumber: invoice.number,
      })
      .from(orders)
      .innerJoin(account, eq(account.id, orders.customerUserId))
      .leftJoin(invoice, and(eq(invoice.orderId, orders.id), eq(invoice.kind, 'invoice')))
      .where(conditions.length > 0 ? and(...conditions) : undefined)
      .orderBy(desc(orders.submittedAt), desc(orders.number))
      .limit(STAFF_ORDERS_PAGE_SIZE + 1)
      .offset((filter.page - 1) * STAFF_ORDERS_PAGE_SIZE);
    if (filter.customer) await recordAuditEntry(tx, { actorKind: 'staff', actorUserId: actor.userId, action: 'orders.searched', clientIp: actor.client.ip });
    return { rows: rows.slice(0, STAFF_ORDERS_PAGE_SIZE), page: filter.page, hasMore: rows.length > STAFF_ORDERS_PAGE_SIZE };
  });
}
