/**
 * The customer's mail for each order change, through the outbox and the real delivery worker into
 * the SMTP sink: sent to the account's sign-in address after the commit, with the facts of the
 * change; a refused change sends nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerTerms } from '@/db/schema';
import { closeDatabase, db } from '@/lib/db/client';
import { approveOrder } from '@/lib/orders/approve-order';
import { cancelOrder } from '@/lib/orders/cancel-order';
import { markOrderDelivered } from '@/lib/orders/mark-delivered';
import { registerPayment } from '@/lib/orders/register-payment';
import { rejectOrder } from '@/lib/orders/reject-order';
import type { TStaffActor } from '@/lib/staff/require-staff';
import { messagesTo, startMailDelivery, waitForMail, type TMailDelivery } from '../../helpers/accounts-factory';
import { createCustomer } from '../../helpers/actor-factory';
import { createOrder, setTestSeller } from '../../helpers/order-factory';
import { staffActorFor } from '../../helpers/staff-actor';

let mail: TMailDelivery;
let sales: TStaffActor;
beforeAll(async () => {
  mail = await startMailDelivery();
  await setTestSeller();
  sales = await staffActorFor('sales');
});
afterAll(async () => {
  await mail.stop();
  await closeDatabase();
});

const today = () => new Date().toISOString().slice(0, 10);
/** Generous: on a loaded machine the delivery worker's polling can lag well behind the commit. */
const MAIL_WAIT_MS = 40_000;
const TEST_TIMEOUT_MS = 150_000;

async function newOrder(options: { mayPayLater?: boolean } = {}) {
  const customer = await createCustomer({ fullName: 'Iris Marlow' });
  if (options.mayPayLater) await db.insert(customerTerms).values({ userId: customer.userId, mayPayLater: true });
  const order = await createOrder(customer.userId, { status: 'awaiting_approval' });
  return { ...order, customer };
}

describe('order mails', () => {
  it('approval: the invoice, its total and due date, and that the buyer pays first; then the payment, delivery and cancellation mails', async () => {
    const { orderId, number, customer } = await newOrder();
    const { invoiceNumber } = await approveOrder(sales, orderId);
    const approved = await waitForMail(mail.sink, customer.email, new RegExp(`^Your .+ order ${number} is approved$`), MAIL_WAIT_MS);
    expect(approved.text).toContain('Hello Iris Marlow,');
    expect(approved.text).toContain(`issued invoice ${invoiceNumber} for €47.19, due on`);
    expect(approved.text).toContain('please pay the invoice by bank transfer');
    expect(approved.text).toMatch(/https?:\/\/[^\s]+\/account\/orders/);

    await registerPayment(sales, orderId, { paidOn: today(), amount: '40', method: 'bank_transfer', reference: '' });
    const partial = await waitForMail(mail.sink, customer.email, /^Payment received for your .+ order/, MAIL_WAIT_MS);
    expect(partial.text).toContain(`We have received €40.00 for invoice ${invoiceNumber} (order ${number}).`);
    expect(partial.text).toContain('€7.19 is still open on this invoice.');

    await registerPayment(sales, orderId, { paidOn: today(), amount: '7.19', method: 'bank_transfer', reference: '' });
    await expect.poll(() => messagesTo(mail.sink, customer.email, /^Payment received/).length, { timeout: MAIL_WAIT_MS }).toBe(2);
    expect(messagesTo(mail.sink, customer.email, /^Payment received/)[1]!.text).toContain('paid in full');

    await markOrderDelivered(sales, orderId);
    expect((await waitForMail(mail.sink, customer.email, /is delivered$/, MAIL_WAIT_MS)).text).toContain(`Your order ${number} is complete.`);

    const { creditNoteNumber } = await cancelOrder(sales, orderId, { cancellationReason: 'Licence withdrawn by the photographer' });
    const cancelled = await waitForMail(mail.sink, customer.email, /is cancelled$/, MAIL_WAIT_MS);
    expect(cancelled.text).toContain('Licence withdrawn by the photographer');
    expect(cancelled.text).toContain(`Invoice ${invoiceNumber} is cancelled by credit note ${creditNoteNumber}`);
    expect(cancelled.text).toContain('We had received €47.19 for this order');
  }, TEST_TIMEOUT_MS);

  it('approval for a pay-later customer says the licences can be downloaded now', async () => {
    const { orderId, customer } = await newOrder({ mayPayLater: true });
    await approveOrder(sales, orderId);
    const approved = await waitForMail(mail.sink, customer.email, /is approved$/, MAIL_WAIT_MS);
    expect(approved.text).toContain('can be downloaded from your orders in My Account now');
    expect(approved.text).not.toContain('bank transfer');
  }, TEST_TIMEOUT_MS);

  it('rejection carries the reason as written, escaped in the HTML part', async () => {
    const { orderId, number, customer } = await newOrder();
    await rejectOrder(sales, orderId, { rejectionReason: 'Editorial only <b>not</b> for ads' });
    const rejected = await waitForMail(mail.sink, customer.email, new RegExp(`order ${number} was not approved$`), MAIL_WAIT_MS);
    expect(rejected.text).toContain('Editorial only <b>not</b> for ads');
    expect(rejected.html).toContain('Editorial only &lt;b&gt;not&lt;/b&gt; for ads');
    expect(rejected.text).toContain('Nothing was invoiced');
  }, TEST_TIMEOUT_MS);

  it('a refused change sends nothing', async () => {
    const { orderId, customer } = await newOrder();
    await rejectOrder(sales, orderId, { rejectionReason: 'Not available' });
    await waitForMail(mail.sink, customer.email, /was not approved$/, MAIL_WAIT_MS);
    await expect(approveOrder(sales, orderId)).rejects.toThrow('cannot be approved');
    await expect(cancelOrder(sales, orderId, { cancellationReason: 'Again' })).rejects.toThrow('cannot be cancelled');
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(messagesTo(mail.sink, customer.email).map((message) => message.subject)).toEqual([expect.stringMatching(/was not approved$/)]);
  }, TEST_TIMEOUT_MS);
});
