import 'server-only';
import { and, asc, desc, eq, inArray, isNotNull, or, sql, type SQL } from 'drizzle-orm';
import { customerTerms, images, orderLines, orders } from '@/db/schema';
import { db, type TExecutor } from '@/lib/db/client';

export type TDownloadableLine = {
  orderLineId: string;
  orderId: string;
  orderNumber: number;
  orderStatus: (typeof orders.$inferSelect)['status'];
  submittedAt: Date;
  licenceTermsVersion: string;
  imageId: number;
  imageTitle: string;
  tier: (typeof orderLines.$inferSelect)['tier'];
  widthPx: number;
  heightPx: number;
  creatorName: string;
  creditLine: string;
};

/**
 * The order lines this customer may download, as one condition for every query below (authorization
 * lives in the query, never in the caller): lines of their own orders that are paid or delivered, or
 * approved when staff let this customer pay later (customer_terms.may_pay_later). Submitted orders,
 * those awaiting approval, rejected or cancelled ones give nothing; nor does a line whose image has
 * been deleted from the catalog (there is no original left to render).
 */
function mayDownload(customerUserId: string): SQL {
  return and(
    eq(orders.customerUserId, customerUserId),
    isNotNull(orderLines.imageId),
    or(
      inArray(orders.status, ['paid', 'delivered']),
      and(
        eq(orders.status, 'approved'),
        sql`exists (select 1 from ${customerTerms} where ${customerTerms.userId} = ${orders.customerUserId} and ${customerTerms.mayPayLater})`,
      ),
    ),
  )!;
}

const lineColumns = {
  orderLineId: orderLines.id,
  orderId: orders.id,
  orderNumber: orders.number,
  orderStatus: orders.status,
  submittedAt: orders.submittedAt,
  licenceTermsVersion: orders.licenceTermsVersion,
  imageId: sql<number>`${orderLines.imageId}`.mapWith(Number),
  imageTitle: orderLines.imageTitle,
  tier: orderLines.tier,
  widthPx: orderLines.widthPx,
  heightPx: orderLines.heightPx,
  creatorName: images.creatorName,
  creditLine: images.creditLine,
};

const selectLines = (executor: TExecutor, where: SQL) =>
  executor.select(lineColumns).from(orderLines).innerJoin(orders, eq(orders.id, orderLines.orderId)).innerJoin(images, eq(images.id, orderLines.imageId)).where(where);

/** Every line the customer may download, newest order first, lines in their order. */
export async function listDownloadableLines(customerUserId: string, executor: TExecutor = db): Promise<TDownloadableLine[]> {
  return selectLines(executor, mayDownload(customerUserId)).orderBy(desc(orders.submittedAt), desc(orders.number), asc(orderLines.position));
}

/** One line, when this customer may download it; null for anyone else's line, any unknown id or a line not (yet) released. */
export async function findDownloadableLine(customerUserId: string, orderLineId: string, executor: TExecutor = db): Promise<TDownloadableLine | null> {
  if (!isUuid(orderLineId)) return null;
  const [line] = await selectLines(executor, and(mayDownload(customerUserId), eq(orderLines.id, orderLineId))!).limit(1);
  return line ?? null;
}

/** The lines of one order this customer may download (for a ZIP of all); empty for anyone else's order. */
export async function downloadableLinesOfOrder(customerUserId: string, orderId: string, executor: TExecutor = db): Promise<TDownloadableLine[]> {
  if (!isUuid(orderId)) return [];
  return selectLines(executor, and(mayDownload(customerUserId), eq(orders.id, orderId))!).orderBy(asc(orderLines.position));
}

const isUuid = (value: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
