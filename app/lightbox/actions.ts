'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { publicActionClient } from '@/lib/actions/action-client';
import { formAction } from '@/lib/actions/form-action';
import { formInput } from '@/lib/actions/form-input';
import { AppError } from '@/lib/errors';
import { readLightboxOwner } from '@/lib/lightboxes/current-owner';
import { removeLightboxImage } from '@/lib/lightboxes/lightbox-images';

/** A guest takes an image out of their lightbox (the visitor cookie names it; nothing else can). */
export const removeGuestImageAction = formAction(
  publicActionClient
    .metadata({ name: 'shop.remove-guest-lightbox-image' })
    .inputSchema(formInput(z.object({ imageId: z.string() })))
    .action(async ({ parsedInput }) => {
      const owner = await readLightboxOwner();
      if (!owner) throw new AppError('NOT_FOUND', 'We could not find your lightbox. It may have expired with your visit.');
      await removeLightboxImage(owner, parsedInput.imageId);
      revalidatePath('/lightbox');
      return { message: 'Removed.' };
    }),
);
