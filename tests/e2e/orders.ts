/**
 * Orders for the browser tests, written straight into the e2e database as checkout leaves them
 * (a billing snapshot, lines priced per line, totals that add up), so the order desk can be tested
 * without going through the storefront. The seller details are set once, or no invoice can be issued.
 */
import { randomUUID } from 'node:crypto';
import { withDb } from './customers';
import { e2eState } from './state';

export const E2E_SELLER = { name: 'E2E Picture Agency B.V.', address: 'Keizersgracht 1\n1015 AA Amsterdam\nNetherlands', countryCode: 'NL', vatNumber: 'NL853746333B01' };

export type TSeededOrder = { id: string; number: number; grossTotalMinor: number };

export async function seedOrder(
  customerId: string,
  options: { status?: 'submitted' | 'awaiting_approval'; netMinor?: number; billingName?: string; locationMismatch?: boolean; ipCountryCode?: string } = {},
): Promise<TSeededOrder> {
  const netMinor = options.netMinor ?? 3900;
  const vatMinor = Math.round((netMinor * 2100) / 10_000);
  return withDb(async (client) => {
    await client.query(
      `insert into site_settings (key, value) values ('seller.details', $1::jsonb) on conflict (key) do update set value = excluded.value`,
      [JSON.stringify(E2E_SELLER)],
    );
    await client.query('begin');
    try {
      const { rows } = await client.query<{ id: string; number: string }>(
        `insert into orders (customer_user_id, idempotency_key, status, billing_name, billing_company, billing_email, billing_address_line1, billing_postal_code, billing_city,
           billing_country_code, vat_treatment, ip_country_code, location_mismatch, licence_terms_version, licence_accepted_at, payment_method, net_total_minor, vat_total_minor, gross_total_minor)
         values ($1, $2, $3, $4, 'Harbour Studio Ltd', 'billing@example.test', 'Prinsengracht 2', '1015 AB', 'Amsterdam', 'NL', 'domestic', $5, $6, 'e2e-terms-1', now(), 'invoice', $7, $8, $9)
         returning id, number`,
        [customerId, randomUUID(), options.status ?? 'awaiting_approval', options.billingName ?? 'Maeve Byrne', options.ipCountryCode ?? 'NL', options.locationMismatch ?? false, netMinor, vatMinor, netMinor + vatMinor],
      );
      const order = rows[0]!;
      await client.query(
        `insert into order_lines (order_id, position, image_id, image_title, licence_model, tier, width_px, height_px, list_price_minor, discount_minor, net_minor, vat_rate_basis_points, vat_minor)
         values ($1, 1, $2, 'Harbour at dawn', 'royalty_free', 'M', 1600, 1067, $3, 0, $3, 2100, $4)`,
        [order.id, e2eState().publishedImageId, netMinor, vatMinor],
      );
      await client.query('commit');
      return { id: order.id, number: Number(order.number), grossTotalMinor: netMinor + vatMinor };
    } catch (error) {
      await client.query('rollback');
      throw error;
    }
  });
}
