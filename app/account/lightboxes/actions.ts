'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { customerActionClient } from '@/lib/actions/action-client';
import { formAction } from '@/lib/actions/form-action';
import { formInput } from '@/lib/actions/form-input';
import { removeLightboxImage, updateLightboxNote } from '@/lib/lightboxes/lightbox-images';
import { ZLightboxName, ZLightboxNote } from '@/lib/lightboxes/lightbox-input';
import { customerOwner } from '@/lib/lightboxes/lightbox-owner';
import { createLightbox, deleteLightbox, moveLightbox, renameLightbox, setActiveLightbox } from '@/lib/lightboxes/manage-lightboxes';
import { shareByMail } from '@/lib/lightboxes/share-by-mail';

/** Every action works on the signed-in customer's own lightboxes: the lib puts the owner in each query. */

const LIST = '/account/lightboxes';
const detail = (id: string) => `${LIST}/${id}`;

export const createLightboxAction = formAction(
  customerActionClient
    .metadata({ name: 'account.create-lightbox', signInReturnTo: LIST })
    .inputSchema(formInput(z.object({ name: ZLightboxName })))
    .action(async ({ parsedInput, ctx: { actor } }) => {
      await createLightbox(customerOwner(actor), parsedInput.name);
      revalidatePath(LIST);
      return { message: `“${parsedInput.name}” is created and is now your active lightbox.` };
    }),
  { keep: (field) => field === 'name' },
);

export const renameLightboxAction = formAction(
  customerActionClient
    .metadata({ name: 'account.rename-lightbox', signInReturnTo: LIST })
    .inputSchema(formInput(z.object({ lightboxId: z.string(), name: ZLightboxName })))
    .action(async ({ parsedInput, ctx: { actor } }) => {
      await renameLightbox(customerOwner(actor), parsedInput.lightboxId, parsedInput.name);
      revalidatePath(LIST);
      revalidatePath(detail(parsedInput.lightboxId));
      return { message: `Renamed to “${parsedInput.name}”.` };
    }),
  { keep: (field) => field === 'name' },
);

const commandMessages = { activate: 'This is now your active lightbox: the bookmark buttons add to it.', up: 'Moved up.', down: 'Moved down.', delete: 'The lightbox is deleted.' } as const;

export const lightboxCommandAction = formAction(
  customerActionClient
    .metadata({ name: 'account.change-lightbox', signInReturnTo: LIST })
    .inputSchema(formInput(z.object({ lightboxId: z.string(), command: z.enum(['activate', 'up', 'down', 'delete']), from: z.enum(['list', 'detail']).default('list') })))
    .action(async ({ parsedInput: { lightboxId, command, from }, ctx: { actor } }) => {
      const owner = customerOwner(actor);
      if (command === 'activate') await setActiveLightbox(owner, lightboxId);
      else if (command === 'delete') await deleteLightbox(owner, lightboxId);
      else await moveLightbox(owner, lightboxId, command);
      revalidatePath(LIST);
      if (command === 'delete' && from === 'detail') redirect(LIST);
      if (command !== 'delete') revalidatePath(detail(lightboxId));
      return { message: commandMessages[command] };
    }),
);

export const saveNoteAction = formAction(
  customerActionClient
    .metadata({ name: 'account.save-lightbox-note', signInReturnTo: LIST })
    .inputSchema(formInput(z.object({ lightboxId: z.string(), imageId: z.string(), note: ZLightboxNote })))
    .action(async ({ parsedInput, ctx: { actor } }) => {
      await updateLightboxNote(customerOwner(actor), parsedInput.lightboxId, parsedInput.imageId, parsedInput.note);
      revalidatePath(detail(parsedInput.lightboxId));
      return { message: parsedInput.note ? 'Note saved.' : 'Note removed.' };
    }),
  { keep: (field) => field === 'note' },
);

export const removeImageAction = formAction(
  customerActionClient
    .metadata({ name: 'account.remove-lightbox-image', signInReturnTo: LIST })
    .inputSchema(formInput(z.object({ lightboxId: z.string(), imageId: z.string() })))
    .action(async ({ parsedInput, ctx: { actor } }) => {
      await removeLightboxImage(customerOwner(actor), parsedInput.imageId, parsedInput.lightboxId);
      revalidatePath(detail(parsedInput.lightboxId));
      revalidatePath(LIST);
      return { message: 'Removed from the lightbox.' };
    }),
);

export const shareLightboxAction = formAction(
  customerActionClient
    .metadata({ name: 'account.share-lightbox', signInReturnTo: LIST })
    .inputSchema(formInput(z.object({ lightboxId: z.string(), recipients: z.string().default(''), message: z.string().default('') })))
    .action(async ({ parsedInput, ctx: { actor } }) => {
      const { sent } = await shareByMail(actor, { kind: 'lightbox', lightboxId: parsedInput.lightboxId }, parsedInput);
      revalidatePath('/account/shares');
      return { message: `Sent to ${sent === 1 ? '1 address' : `${sent} addresses`}. You can see and withdraw each link under Shares.` };
    }),
  { keep: (field) => field === 'recipients' || field === 'message' },
);
