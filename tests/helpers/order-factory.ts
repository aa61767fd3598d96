/**
 * Orders for integration tests, inserted directly with a complete billing snapshot (checkout itself
 * is tested through lib/checkout). Amounts follow the schema's checks: each line's VAT is rounded
 * per line, totals are the sums.
 */
import { randomUUID } from 'node:crypto';
import { orderLines, orders } from '@/db/schema';
import { db, type TExecutor } from '@/lib/db/client';
import { updateSetting } from '@/lib/settings/update-setting';
import { createImage } from './catalog-factory';

type TOrderInsert = typeof orders.$inferInsert;
type TTestLine = { imageId?: number; tier?: 'S' | 'M' | 'L' | 'XL'; netMinor?: number; widthPx?: number; heightPx?: number };

export const TEST_SELLER = {
  name: 'Test Picture Agency B.V.',
  address: 'Keizersgracht 1\n1015 AA Amsterdam\nNetherlands',
  countryCode: 'NL',
  vatNumber: 'NL853746333B01',
};

/** Complete seller details, without which no invoice can be issued. */
export const setTestSeller = (executor: TExecutor = db) => updateSetting('seller.details', TEST_SELLER, { executor });

export type TTestOrder = { orderId: string; number: number; lineIds: string[] };

export async function createOrder(
  customerUserId: string,
  options: { status?: TOrderInsert['status']; vatRateBasisPoints?: number; lines?: TTestLine[]; values?: Partial<TOrderInsert> } = {},
  executor: TExecutor = db,
): Promise<TTestOrder> {
  const rate = options.vatRateBasisPoints ?? 2100;
  const lines = await Promise.all(
    (options.lines ?? [{}]).map(async (line, index) => {
      const netMinor = line.netMinor ?? 3900;
      return {
        position: index + 1,
        imageId: line.imageId ?? (await createImage({ title: `Ordered image ${index + 1}` }, executor)),
        imageTitle: `Ordered image ${index + 1}`,
        licenceModel: 'royalty_free' as const,
        tier: line.tier ?? ('M' as const),
        widthPx: line.widthPx ?? 1600,
        heightPx: line.heightPx ?? 1067,
        listPriceMinor: netMinor,
        discountMinor: 0,
        netMinor,
        vatRateBasisPoints: rate,
        vatMinor: Math.round((netMinor * rate) / 10_000),
      };
    }),
  );
  const netTotalMinor = lines.reduce((sum, line) => sum + line.netMinor, 0);
  const vatTotalMinor = lines.reduce((sum, line) => sum + line.vatMinor, 0);
  const [order] = await executor
    .insert(orders)
    .values({
      customerUserId,
      idempotencyKey: randomUUID(),
      status: options.status ?? 'submitted',
      billingName: 'Ada Buyer',
      billingEmail: 'ada.buyer@example.test',
      billingAddressLine1: 'Prinsengracht 2',
      billingPostalCode: '1015 AB',
      billingCity: 'Amsterdam',
      billingCountryCode: 'NL',
      vatTreatment: 'domestic',
      ipCountryCode: 'NL',
      licenceTermsVersion: 'test-terms-1',
      licenceAcceptedAt: new Date(),
      paymentMethod: 'invoice',
      netTotalMinor,
      vatTotalMinor,
      grossTotalMinor: netTotalMinor + vatTotalMinor,
      ...options.values,
    })
    .returning({ id: orders.id, number: orders.number });
  const inserted = await executor
    .insert(orderLines)
    .values(lines.map((line) => ({ ...line, orderId: order!.id })))
    .returning({ id: orderLines.id });
  return { orderId: order!.id, number: order!.number, lineIds: inserted.map((line) => line.id) };
}
