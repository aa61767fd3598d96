/**
 * Checkout forms as the checkout page posts them, with the licence terms' current version and a
 * fresh checkout key, and carts filled through the real use case.
 */
import { randomUUID } from 'node:crypto';
import { addToCart } from '@/lib/cart/add-to-cart';
import { shownText } from '@/lib/content/site-texts';
import { getSetting } from '@/lib/settings/get-setting';
import { createImage } from './catalog-factory';

export async function checkoutForm(overrides: Record<string, string> = {}): Promise<Record<string, string>> {
  return {
    name: 'Ada Buyer',
    company: '',
    addressLine1: 'Prinsengracht 2',
    addressLine2: '',
    postalCode: '1015 AB',
    city: 'Amsterdam',
    countryCode: 'NL',
    vatNumber: '',
    acceptTerms: 'on',
    termsVersion: shownText(await getSetting('texts.licenceTerms')).version,
    paymentMethod: 'invoice',
    checkoutKey: randomUUID(),
    ...overrides,
  };
}

/** A published 6000 × 4000 royalty-free image (test price list: S €19, M €39, L €69, XL €119) in the customer's cart. */
export async function cartWithImage(userId: string, tier: 'S' | 'M' | 'L' | 'XL' = 'M', imageValues: Parameters<typeof createImage>[0] = {}) {
  const imageId = await createImage({ title: 'Harbour at dawn', ...imageValues });
  await addToCart({ kind: 'customer', userId }, { imageId, tier });
  return imageId;
}
