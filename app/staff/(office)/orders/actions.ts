'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { staffActionClient } from '@/lib/actions/action-client';
import { formAction } from '@/lib/actions/form-action';
import { checkedForm, formInput } from '@/lib/actions/form-input';
import { approveOrder } from '@/lib/orders/approve-order';
import { cancelOrder, ZCancelOrderForm } from '@/lib/orders/cancel-order';
import { saveCustomerTerms, ZCustomerTermsForm } from '@/lib/orders/customer-terms';
import { markOrderDelivered } from '@/lib/orders/mark-delivered';
import { registerPayment, ZPaymentForm } from '@/lib/orders/register-payment';
import { rejectOrder, ZRejectOrderForm } from '@/lib/orders/reject-order';
import { formatMoney } from '@/lib/format/money';

const ZOrderForm = z.object({ orderId: z.uuid('We could not find that order.') });

const refresh = (orderId: string) => {
  revalidatePath(`/staff/orders/${orderId}`);
  revalidatePath('/staff/orders');
};

export const approveOrderAction = formAction(
  staffActionClient
    .metadata({ name: 'orders.approve', permission: 'orders.manage' })
    .inputSchema(formInput(ZOrderForm))
    .action(async ({ parsedInput: { orderId }, ctx: { actor } }) => {
      const { invoiceNumber } = await approveOrder(actor, orderId);
      refresh(orderId);
      return { message: `The order is approved and invoice ${invoiceNumber} is issued. The customer has been told by e-mail.` };
    }),
);

export const rejectOrderAction = formAction(
  staffActionClient
    .metadata({ name: 'orders.reject', permission: 'orders.manage' })
    .inputSchema(checkedForm(ZOrderForm.extend(ZRejectOrderForm.shape)))
    .action(async ({ parsedInput: { orderId = '', ...form }, ctx: { actor } }) => {
      await rejectOrder(actor, orderId, form);
      refresh(orderId);
      return { message: 'The order is rejected. The customer has been sent the reason.' };
    }),
  { keep: (field) => field === 'rejectionReason' },
);

export const registerPaymentAction = formAction(
  staffActionClient
    .metadata({ name: 'orders.register-payment', permission: 'orders.manage' })
    .inputSchema(checkedForm(ZOrderForm.extend(ZPaymentForm.shape)))
    .action(async ({ parsedInput: { orderId = '', ...form }, ctx: { actor } }) => {
      const payment = await registerPayment(actor, orderId, form);
      refresh(orderId);
      return {
        message: payment.paidInFull
          ? 'The payment is registered and the invoice is paid in full. The customer has been told by e-mail.'
          : `The payment is registered; ${formatMoney(payment.outstandingMinor, payment.currency)} is still open. The customer has been told by e-mail.`,
      };
    }),
  { keep: (field) => ['paidOn', 'amount', 'method', 'reference'].includes(field) },
);

export const markDeliveredAction = formAction(
  staffActionClient
    .metadata({ name: 'orders.mark-delivered', permission: 'orders.manage' })
    .inputSchema(formInput(ZOrderForm))
    .action(async ({ parsedInput: { orderId }, ctx: { actor } }) => {
      await markOrderDelivered(actor, orderId);
      refresh(orderId);
      return { message: 'The order is marked delivered. The customer has been told by e-mail.' };
    }),
);

export const cancelOrderAction = formAction(
  staffActionClient
    .metadata({ name: 'orders.cancel', permission: 'orders.manage' })
    .inputSchema(checkedForm(ZOrderForm.extend(ZCancelOrderForm.shape)))
    .action(async ({ parsedInput: { orderId = '', ...form }, ctx: { actor } }) => {
      const { creditNoteNumber } = await cancelOrder(actor, orderId, form);
      refresh(orderId);
      return { message: creditNoteNumber ? `The order is cancelled and credit note ${creditNoteNumber} is issued. The customer has been told by e-mail.` : 'The order is cancelled. The customer has been told by e-mail.' };
    }),
  { keep: (field) => field === 'cancellationReason' },
);

export const saveCustomerTermsAction = formAction(
  staffActionClient
    .metadata({ name: 'orders.save-customer-terms', permission: 'orders.manage' })
    .inputSchema(checkedForm(z.object({ customerId: z.uuid('We could not find that customer.') }).extend(ZCustomerTermsForm.shape)))
    .action(async ({ parsedInput: { customerId = '', ...form }, ctx: { actor } }) => {
      await saveCustomerTerms(actor, customerId, form);
      revalidatePath('/staff/orders', 'layout');
      revalidatePath(`/staff/customers/${customerId}`);
      return { message: 'The commercial terms are saved. They apply to orders placed from now on.' };
    }),
  { keep: (field) => ['priceListId', 'discountPercent'].includes(field) },
);
