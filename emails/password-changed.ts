import { z } from 'zod';
import { ZEmailLink, ZEmailName } from './fields';
import { renderLayout } from './layout';
import { defineEmail } from './types';

const changedAtFormat = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' });

/** Sent after a password change, so the owner notices a change they did not make. */
export const passwordChanged = defineEmail({
  schema: z.strictObject({ name: ZEmailName, changedAt: z.date(), passwordResetUrl: ZEmailLink }),
  render: (data, context) =>
    renderLayout(context, {
      subject: `Your ${context.siteName} password was changed`,
      preheader: 'If you did not change it, reset your password now.',
      heading: 'Your password was changed',
      blocks: [
        { kind: 'paragraph', text: `Hello ${data.name},` },
        {
          kind: 'paragraph',
          text: `The password of your ${context.siteName} account was changed on ${changedAtFormat.format(data.changedAt)} UTC. If that was you, there is nothing more to do.`,
        },
        { kind: 'paragraph', text: 'If you did not change it, choose a new password right away:' },
        { kind: 'button', label: 'Reset my password', url: data.passwordResetUrl },
      ],
    }),
});
