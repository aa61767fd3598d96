import type { Metadata } from 'next';
import Link from 'next/link';
import { linkClass } from '@/app/_components/link-class';
import { requireUser } from '@/lib/auth/guards';
import { formatMoney } from '@/lib/format/money';
import { listMyOrders } from '@/lib/orders/my-orders';
import { PageHeader } from '../_components/page-header';
import { Timestamp } from '../_components/timestamp';
import { OrderStatusBadge } from './order-status';

export const metadata: Metadata = { title: 'Orders' };

export default async function OrdersPage() {
  const actor = await requireUser('/account/orders');
  const orders = await listMyOrders(actor);

  return (
    <div className="space-y-8">
      <PageHeader title="Orders">
        <p>Every order you placed, newest first, with its state. Open one for its licences, billing details, history and invoice.</p>
      </PageHeader>

      {orders.length === 0 ? (
        <div className="max-w-3xl rounded-lg border border-dashed border-neutral-300 p-8 text-center">
          <p className="font-medium text-ink">You have not placed an order yet.</p>
          <p className="mt-2 text-sm text-neutral-700">
            <Link href="/search" className={linkClass}>
              Browse images
            </Link>{' '}
            and add a size to your cart to buy a licence.
          </p>
        </div>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full min-w-[36rem] border-collapse text-sm">
            <caption className="sr-only">Your orders</caption>
            <thead>
              <tr className="border-b border-neutral-300 text-left">
                <th scope="col" className="py-2 pr-3 font-semibold text-ink">
                  Order
                </th>
                <th scope="col" className="py-2 pr-3 font-semibold text-ink">
                  Placed
                </th>
                <th scope="col" className="py-2 pr-3 font-semibold text-ink">
                  State
                </th>
                <th scope="col" className="py-2 text-right font-semibold text-ink">
                  Total
                </th>
              </tr>
            </thead>
            <tbody>
              {orders.map((order) => (
                <tr key={order.id} className="border-b border-neutral-200">
                  <th scope="row" className="py-3 pr-3 text-left font-medium">
                    <Link href={`/account/orders/${order.id}`} className={linkClass}>
                      Order {order.number}
                    </Link>
                  </th>
                  <td className="py-3 pr-3 text-neutral-800">
                    <Timestamp value={order.submittedAt} />
                  </td>
                  <td className="py-3 pr-3">
                    <OrderStatusBadge status={order.status} />
                  </td>
                  <td className="py-3 text-right font-semibold tabular-nums text-ink">{formatMoney(order.grossTotalMinor, order.currency)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
