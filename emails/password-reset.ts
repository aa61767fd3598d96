import { z } from 'zod';
import { ZEmailLink, ZEmailName } from './fields';
import { renderLayout } from './layout';
import { defineEmail } from './types';

/** Sent when someone asks to reset the password of an account. */
export const passwordReset = defineEmail({
  schema: z.strictObject({ name: ZEmailName, resetUrl: ZEmailLink }),
  render: (data, context) =>
    renderLayout(context, {
      subject: `Reset your ${context.siteName} password`,
      preheader: 'Choose a new password. The link is valid for 1 hour.',
      heading: 'Choose a new password',
      blocks: [
        { kind: 'paragraph', text: `Hello ${data.name},` },
        {
          kind: 'paragraph',
          text: `We received a request to reset the password of your ${context.siteName} account. Open the link below to choose a new one.`,
        },
        { kind: 'button', label: 'Choose a new password', url: data.resetUrl },
        { kind: 'note', text: 'The link is valid for 1 hour and can be used once.' },
        {
          kind: 'note',
          text: 'If you did not ask for this, you can ignore this message: your password stays as it is.',
        },
      ],
    }),
});
