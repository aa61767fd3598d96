import { z } from 'zod';
import { ZEmailLink, ZEmailName } from './fields';
import { renderLayout } from './layout';
import { defineEmail } from './types';

/** Sent when a staff member is invited: the link sets the password; PIN and authenticator follow at first sign-in. */
export const staffInvitation = defineEmail({
  schema: z.strictObject({ name: ZEmailName, roleLabel: z.string().trim().min(1).max(100), invitationUrl: ZEmailLink }),
  render: (data, context) =>
    renderLayout(context, {
      subject: `You are invited to the ${context.siteName} back office`,
      preheader: 'Choose your password. The link is valid for 24 hours.',
      heading: 'Join the back office',
      blocks: [
        { kind: 'paragraph', text: `Hello ${data.name},` },
        {
          kind: 'paragraph',
          text: `You have been given a staff account in the ${context.siteName} back office, with the role ${data.roleLabel}. Open the link below to choose your password.`,
        },
        { kind: 'button', label: 'Choose my password', url: data.invitationUrl },
        {
          kind: 'paragraph',
          text: 'Then sign in at the staff sign-in page: the first time, you choose a PIN and, if your role needs one, set up an authenticator app.',
        },
        { kind: 'note', text: 'The link is valid for 24 hours and can be used once.' },
        { kind: 'note', text: 'If you did not expect this invitation, you can ignore this message: without the password nobody can use the account.' },
      ],
    }),
});
