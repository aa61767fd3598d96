'use server';

import { z } from 'zod';
import { publicActionClient } from '@/lib/actions/action-client';
import { lightboxOwnerForChange } from '@/lib/lightboxes/current-owner';
import { addLightboxImage, lightboxState, removeLightboxImage } from '@/lib/lightboxes/lightbox-images';

/**
 * The one-click lightbox button on result cards and image pages: adds the image to the visitor's
 * active lightbox or takes it out. Guests get a visitor cookie on their first add. Answers the
 * lightbox's name and size for the button's announcement; the page is not reloaded.
 */
export const toggleLightboxImageAction = publicActionClient
  .metadata({ name: 'shop.toggle-lightbox-image' })
  .inputSchema(z.object({ imageId: z.number().int().positive().max(Number.MAX_SAFE_INTEGER), add: z.boolean() }))
  .action(async ({ parsedInput: { imageId, add } }) => {
    const owner = await lightboxOwnerForChange();
    const change = add ? await addLightboxImage(owner, imageId) : await removeLightboxImage(owner, imageId);
    const state = await lightboxState(owner, []);
    return {
      inLightbox: change.inLightbox,
      lightboxName: change.lightboxName,
      imageCount: state.active?.imageCount ?? 0,
      href: owner.kind === 'customer' ? `/account/lightboxes/${change.lightboxId}` : '/lightbox',
    };
  });
