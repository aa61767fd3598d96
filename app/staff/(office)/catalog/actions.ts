'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { staffActionClient } from '@/lib/actions/action-client';
import { formAction } from '@/lib/actions/form-action';
import { formInput, ZSubmittedForm } from '@/lib/actions/form-input';
import { setImagePublished } from '@/lib/catalog/staff/set-image-published';
import { updateImageDetails } from '@/lib/catalog/staff/update-image-details';

const ZImageForm = z.object({ imageId: z.string().max(20).default('') });

const refresh = (imageId: string) => {
  revalidatePath('/staff/catalog');
  revalidatePath(`/staff/catalog/${imageId}`);
};

/** Saves an image's catalog fields and price list; the use case validates each and audits the change. */
export const updateImageDetailsAction = formAction(
  staffActionClient
    .metadata({ name: 'catalog.update-image', permission: 'catalog.manage' })
    .inputSchema(formInput(ZSubmittedForm))
    .action(async ({ parsedInput: form, ctx: { actor } }) => {
      const imageId = form.imageId ?? '';
      const { changed } = await updateImageDetails(actor, imageId, form);
      refresh(imageId);
      return { message: changed.length === 0 ? 'Nothing changed.' : 'Saved.' };
    }),
  { keep: (field) => field !== 'imageId' },
);

export const publishImageAction = formAction(
  staffActionClient
    .metadata({ name: 'catalog.publish-image', permission: 'catalog.manage' })
    .inputSchema(formInput(ZImageForm))
    .action(async ({ parsedInput: { imageId }, ctx: { actor } }) => {
      await setImagePublished(actor, imageId, true);
      refresh(imageId);
      return { message: 'Published: the image is in the shop now.' };
    }),
);

export const unpublishImageAction = formAction(
  staffActionClient
    .metadata({ name: 'catalog.unpublish-image', permission: 'catalog.manage' })
    .inputSchema(formInput(ZImageForm))
    .action(async ({ parsedInput: { imageId }, ctx: { actor } }) => {
      await setImagePublished(actor, imageId, false);
      refresh(imageId);
      return { message: 'Withdrawn: the image is no longer in the shop.' };
    }),
);
