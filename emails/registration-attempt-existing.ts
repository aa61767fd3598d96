import { z } from 'zod';
import { ZEmailLink, ZEmailName } from './fields';
import { renderLayout } from './layout';
import { defineEmail } from './types';

/**
 * Sent instead of an activation mail when someone registers with an address that already has an
 * account, so the registration form never reveals which addresses are customers.
 */
export const registrationAttemptExisting = defineEmail({
  schema: z.strictObject({ name: ZEmailName, loginUrl: ZEmailLink, passwordResetUrl: ZEmailLink }),
  render: (data, context) =>
    renderLayout(context, {
      subject: `Someone tried to register with your address at ${context.siteName}`,
      preheader: 'You already have an account. Sign in, or reset your password if you have forgotten it.',
      heading: 'You already have an account',
      blocks: [
        { kind: 'paragraph', text: `Hello ${data.name},` },
        {
          kind: 'paragraph',
          text: `Someone, perhaps you, tried to create a new ${context.siteName} account with this e-mail address. An account with this address already exists, so no new account was created.`,
        },
        { kind: 'paragraph', text: 'If it was you, sign in with your existing account:' },
        { kind: 'button', label: 'Sign in', url: data.loginUrl },
        { kind: 'link', label: 'Forgotten your password? Choose a new one here', url: data.passwordResetUrl },
        { kind: 'note', text: 'If it was not you, you can ignore this message. Your account has not been changed.' },
      ],
    }),
});
