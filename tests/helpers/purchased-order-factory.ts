/**
 * Orders as checkout would leave them, inserted directly (checkout is built elsewhere): an order row
 * with a billing snapshot and totals, and one line per image and tier with the pixel size and price
 * the image's price list offers (offerTiers). VAT is Irish domestic 23%, rounded per line.
 *
 * Plain SQL through any client with a pg-style query() (the integration tests' pool, `db.$client`,
 * or a pg.Client on the e2e database), so the browser tests can use it outside Next too.
 */
import { randomUUID } from 'node:crypto';
import { offerTiers, type TSizeTier } from '../../lib/catalog/offer-tiers';

export type TSqlClient = { query: (text: string, values?: unknown[]) => Promise<{ rows: Array<Record<string, unknown>> }> };
type TOrderStatus = 'submitted' | 'awaiting_approval' | 'approved' | 'rejected' | 'paid' | 'delivered' | 'cancelled';

export type TPurchasedOrder = { orderId: string; number: number; lineIds: string[] };

const VAT_BASIS_POINTS = 2300;

async function offeredLine(client: TSqlClient, imageId: number, tier: TSizeTier) {
  const { rows: found } = await client.query('select title, width, height, price_list_id from images where id = $1', [imageId]);
  const image = found[0] as { title: string; width: number; height: number; price_list_id: number | null } | undefined;
  if (!image || image.price_list_id === null) throw new Error(`Image ${imageId} has no price list.`);
  const { rows } = await client.query('select tier, long_edge_px, price_minor from price_tiers where price_list_id = $1', [image.price_list_id]);
  const tiers = rows.map((row) => ({ tier: row.tier as TSizeTier, longEdgePx: Number(row.long_edge_px), priceMinor: Number(row.price_minor) }));
  const match = offerTiers(image, tiers).find((candidate) => candidate.tier === tier);
  if (!match) throw new Error(`Image ${imageId} is not offered in tier ${tier}.`);
  return { imageId, title: image.title, ...match, vatMinor: Math.round((match.priceMinor * VAT_BASIS_POINTS) / 10_000) };
}

export async function createPurchasedOrder(
  client: TSqlClient,
  options: { customerUserId: string; status?: TOrderStatus; lines: Array<{ imageId: number; tier: TSizeTier }>; licenceTermsVersion?: string },
): Promise<TPurchasedOrder> {
  const lines = [];
  for (const { imageId, tier } of options.lines) lines.push(await offeredLine(client, imageId, tier));
  const net = lines.reduce((sum, line) => sum + line.priceMinor, 0);
  const vat = lines.reduce((sum, line) => sum + line.vatMinor, 0);
  const { rows } = await client.query(
    `insert into orders (customer_user_id, idempotency_key, status, billing_name, billing_email, billing_address_line1, billing_postal_code,
       billing_city, billing_country_code, vat_treatment, ip_country_code, licence_terms_version, licence_accepted_at, payment_method,
       net_total_minor, vat_total_minor, gross_total_minor)
     values ($1, $2, $3, 'Test Buyer', 'buyer@example.test', '1 Harbour Road', 'D02 X285', 'Dublin', 'IE', 'domestic', 'IE', $4, now(), 'invoice', $5, $6, $7)
     returning id, number`,
    [options.customerUserId, randomUUID(), options.status ?? 'paid', options.licenceTermsVersion ?? '2026-01', net, vat, net + vat],
  );
  const order = rows[0] as { id: string; number: string | number };
  const lineIds: string[] = [];
  for (const [index, line] of lines.entries()) {
    const inserted = await client.query(
      `insert into order_lines (order_id, position, image_id, image_title, licence_model, tier, width_px, height_px, list_price_minor, net_minor, vat_rate_basis_points, vat_minor)
       values ($1, $2, $3, $4, 'royalty_free', $5, $6, $7, $8, $8, $9, $10) returning id`,
      [order.id, index + 1, line.imageId, line.title, line.tier, line.width, line.height, line.priceMinor, VAT_BASIS_POINTS, line.vatMinor],
    );
    lineIds.push(inserted.rows[0]!.id as string);
  }
  return { orderId: order.id, number: Number(order.number), lineIds };
}

/** The terms staff agree with a customer (pay later, skip approval). */
export async function setCustomerTerms(client: TSqlClient, userId: string, terms: { mayPayLater?: boolean; downloadWithoutApproval?: boolean }) {
  await client.query(
    `insert into customer_terms (user_id, may_pay_later, download_without_approval) values ($1, $2, $3)
     on conflict (user_id) do update set may_pay_later = excluded.may_pay_later, download_without_approval = excluded.download_without_approval, updated_at = now()`,
    [userId, terms.mayPayLater ?? false, terms.downloadWithoutApproval ?? false],
  );
}
