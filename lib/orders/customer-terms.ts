import 'server-only';
import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { customerTerms, priceLists } from '@/db/schema';
import { recordAuditEntry } from '@/lib/audit/record-audit-entry';
import { customerRowOrNotFound } from '@/lib/customers/customer-access';
import { db, type TExecutor } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { roleHasPermission } from '@/lib/staff/permissions';
import type { TStaffActor } from '@/lib/staff/require-staff';
import { assertOrderDesk } from './change-order-status';

export type TCustomerTerms = {
  downloadWithoutApproval: boolean;
  mayPayLater: boolean;
  priceListId: number | null;
  discountBasisPoints: number;
  updatedAt: Date | null;
};

/** What a customer without a row has: approval needed, payment before download, the standard prices. */
export const DEFAULT_TERMS: TCustomerTerms = { downloadWithoutApproval: false, mayPayLater: false, priceListId: null, discountBasisPoints: 0, updatedAt: null };

const checkbox = z
  .enum(['on', ''], { error: 'Tick the box or leave it empty.' })
  .optional()
  .transform((value) => value === 'on');

export const ZCustomerTermsForm = z.object({
  downloadWithoutApproval: checkbox,
  mayPayLater: checkbox,
  priceListId: z
    .string()
    .trim()
    .regex(/^\d{0,9}$/, 'Choose a price list.')
    .default('')
    .transform((value) => (value === '' ? null : Number(value))),
  discountPercent: z
    .string()
    .trim()
    .default('0')
    .transform((value) => (value === '' ? '0' : value.replace(',', '.')))
    .pipe(z.string().regex(/^\d{1,3}(?:\.\d{1,2})?$/, 'Enter a percentage from 0 to 100, like 12.5.'))
    .transform((value) => Math.round(Number(value) * 100))
    .refine((basisPoints) => basisPoints <= 10_000, 'Enter a percentage from 0 to 100, like 12.5.'),
});

/** Who may see a customer's terms: the order desk, and staff who may open the customer. */
function assertMaySeeTerms(actor: TStaffActor) {
  if (!roleHasPermission(actor.role, 'orders.manage') && !roleHasPermission(actor.role, 'customers.read')) {
    throw new AppError('FORBIDDEN', 'You do not have permission to do this.');
  }
}

/** A customer's commercial terms (or the defaults), for a staff page. */
export async function customerTermsOf(actor: TStaffActor, customerId: unknown, executor: TExecutor = db): Promise<TCustomerTerms> {
  assertMaySeeTerms(actor);
  const customer = await customerRowOrNotFound(executor, customerId);
  const [row] = await executor.select().from(customerTerms).where(eq(customerTerms.userId, customer.id));
  return row ? { downloadWithoutApproval: row.downloadWithoutApproval, mayPayLater: row.mayPayLater, priceListId: row.priceListId, discountBasisPoints: row.discountBasisPoints, updatedAt: row.updatedAt } : DEFAULT_TERMS;
}

/** The price lists a price agreement can name, by name. */
export async function priceListChoices(actor: TStaffActor): Promise<Array<{ id: number; name: string }>> {
  assertMaySeeTerms(actor);
  return db.select({ id: priceLists.id, name: priceLists.name }).from(priceLists).orderBy(asc(priceLists.name));
}

/**
 * Saves what the shop agreed with one customer: skip approval ("download without approval"), pay
 * after delivery ("may pay later"), and a price agreement (another price list, a discount, or
 * both). They apply to orders placed from now on. One transaction with the audit entry, which
 * names the fields that changed (terms are not personal values, but the trail keeps names only).
 */
export async function saveCustomerTerms(actor: TStaffActor, customerId: unknown, form: unknown): Promise<TCustomerTerms> {
  assertOrderDesk(actor);
  const input = ZCustomerTermsForm.parse(form);
  return db.transaction(async (tx) => {
    const customer = await customerRowOrNotFound(tx, customerId, { forUpdate: true });
    if (input.priceListId !== null) {
      const [list] = await tx.select({ id: priceLists.id }).from(priceLists).where(eq(priceLists.id, input.priceListId));
      if (!list) throw new AppError('INVALID_INPUT', 'Please correct the marked fields.', { priceListId: 'Choose a price list.' });
    }
    const [before] = await tx.select().from(customerTerms).where(eq(customerTerms.userId, customer.id));
    const previous = before ?? DEFAULT_TERMS;
    const next = { downloadWithoutApproval: input.downloadWithoutApproval, mayPayLater: input.mayPayLater, priceListId: input.priceListId, discountBasisPoints: input.discountPercent };
    const changedFields = (Object.keys(next) as Array<keyof typeof next>).filter((key) => previous[key] !== next[key]);
    const now = new Date();
    await tx
      .insert(customerTerms)
      .values({ userId: customer.id, ...next, updatedAt: now, updatedBy: actor.userId })
      .onConflictDoUpdate({ target: customerTerms.userId, set: { ...next, updatedAt: now, updatedBy: actor.userId } });
    if (changedFields.length > 0) {
      await recordAuditEntry(tx, {
        actorKind: 'staff',
        actorUserId: actor.userId,
        action: 'customer.terms-changed',
        subjectUserId: customer.id,
        objectType: 'customer_terms',
        objectId: customer.id,
        changedFields,
        clientIp: actor.client.ip,
      });
    }
    return { ...next, updatedAt: now };
  });
}
