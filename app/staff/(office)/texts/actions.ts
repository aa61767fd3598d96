'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { staffActionClient } from '@/lib/actions/action-client';
import { formAction } from '@/lib/actions/form-action';
import { formInput, ZSubmittedForm } from '@/lib/actions/form-input';
import { previewText } from '@/lib/content/preview-text';
import { publishTextVersion } from '@/lib/content/publish-text-version';

/** Publishes the editor's text as a new version; the use case validates and audits. */
export const publishTextVersionAction = formAction(
  staffActionClient
    .metadata({ name: 'texts.publish-version', permission: 'settings.manage' })
    .inputSchema(formInput(ZSubmittedForm))
    .action(async ({ parsedInput: form, ctx: { actor } }) => {
      const version = await publishTextVersion(actor, form);
      revalidatePath('/staff/texts', 'layout');
      const when = version.effectiveAt <= new Date() ? 'It is in force now.' : `It takes effect on ${version.effectiveAt.toISOString().slice(0, 10)}.`;
      return { message: `Published as version ${version.version}. ${when}`, version: version.version };
    }),
);

/** The editor's text rendered as the site will show it, nothing stored. */
export const previewTextAction = formAction(
  staffActionClient
    .metadata({ name: 'texts.preview', permission: 'settings.manage' })
    .inputSchema(formInput(z.object({ key: z.string(), body: z.string().max(100_000, 'The text is too long.') })))
    .action(async ({ parsedInput }) => ({ message: 'Preview updated below.', ...(await previewText(parsedInput.key, parsedInput.body)) })),
);
