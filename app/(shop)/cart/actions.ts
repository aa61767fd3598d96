'use server';

import { revalidatePath } from 'next/cache';
import { publicActionClient } from '@/lib/actions/action-client';
import { formAction, plainFormAction } from '@/lib/actions/form-action';
import { formInput } from '@/lib/actions/form-input';
import { addToCart, ZCartItemInput } from '@/lib/cart/add-to-cart';
import { requestCartOwner } from '@/lib/cart/request-cart-owner';
import { emptyCart, removeFromCart } from '@/lib/cart/remove-from-cart';
import { describeInvalidInput } from '@/lib/errors';

/**
 * The cart's actions, for guests and customers alike: the cart is always the caller's own (from the
 * session or the visitor cookie), and only an image id and a tier are read from the form.
 */
export const addToCartAction = formAction(
  publicActionClient
    .metadata({ name: 'cart.add-item' })
    .inputSchema(formInput(ZCartItemInput))
    .action(async ({ parsedInput }) => {
      const { lineCount } = await addToCart(await requestCartOwner({ create: true }), parsedInput);
      return { message: 'Added to your cart.', lineCount };
    }),
);

const removeItem = publicActionClient
  .metadata({ name: 'cart.remove-item' })
  .inputSchema(formInput(ZCartItemInput))
  .action(async ({ parsedInput }) => {
    const owner = await requestCartOwner({ create: false });
    if (owner) await removeFromCart(owner, parsedInput);
    revalidatePath('/', 'layout');
  });

/** A plain form on the cart page (it works before scripts load); a failure goes to the error page. */
export async function removeFromCartAction(formData: FormData): Promise<void> {
  const answer = await removeItem(formData);
  const failure = answer.validationErrors ? describeInvalidInput(answer.validationErrors) : answer.serverError;
  if (failure) throw new Error(failure.error);
}

export const emptyCartAction = plainFormAction(
  publicActionClient.metadata({ name: 'cart.empty' }).action(async () => {
    const owner = await requestCartOwner({ create: false });
    if (owner) await emptyCart(owner);
    revalidatePath('/', 'layout');
  }),
);
