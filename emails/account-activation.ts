import { z } from 'zod';
import { ZEmailLink, ZEmailName } from './fields';
import { renderLayout } from './layout';
import { defineEmail } from './types';

/** Sent after registration: confirms the address before the account can sign in. */
export const accountActivation = defineEmail({
  schema: z.strictObject({ name: ZEmailName, activationUrl: ZEmailLink }),
  render: (data, context) =>
    renderLayout(context, {
      subject: `Activate your ${context.siteName} account`,
      preheader: 'Confirm your e-mail address to start using your account. The link is valid for 24 hours.',
      heading: 'Confirm your e-mail address',
      blocks: [
        { kind: 'paragraph', text: `Hello ${data.name},` },
        {
          kind: 'paragraph',
          text: `Thank you for creating an account at ${context.siteName}. Please confirm that this e-mail address is yours by opening the link below.`,
        },
        { kind: 'button', label: 'Activate my account', url: data.activationUrl },
        { kind: 'note', text: 'The link is valid for 24 hours and can be used once.' },
        {
          kind: 'note',
          text: 'If you did not create an account, you can ignore this message: without confirmation the account is not activated.',
        },
      ],
    }),
});
