import { z } from 'zod';
import { ZEmailLink, ZEmailName } from './fields';
import { renderLayout } from './layout';
import { defineEmail } from './types';

const ZAddress = z.string().trim().min(3).max(254);
const changedAtFormat = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' });

/** To the NEW address: the change happens only when this link is opened, which proves the address is theirs. */
export const emailChangeConfirm = defineEmail({
  schema: z.strictObject({ name: ZEmailName, newEmail: ZAddress, confirmUrl: ZEmailLink }),
  render: (data, context) =>
    renderLayout(context, {
      subject: `Confirm your new ${context.siteName} sign-in e-mail`,
      preheader: 'Open the link to make this your sign-in e-mail. It is valid for 24 hours.',
      heading: 'Confirm your new sign-in e-mail',
      blocks: [
        { kind: 'paragraph', text: `Hello ${data.name},` },
        {
          kind: 'paragraph',
          text: `Our staff were asked to change the sign-in e-mail of your ${context.siteName} account to ${data.newEmail}. The change takes effect only when you confirm it with the link below.`,
        },
        { kind: 'button', label: 'Confirm my new e-mail', url: data.confirmUrl },
        { kind: 'note', text: 'The link is valid for 24 hours and can be used once. Confirming signs the account out everywhere; then sign in with this address.' },
        { kind: 'note', text: 'If you did not ask for this, ignore this message: nothing changes.' },
      ],
    }),
});

/** To the OLD address when staff start a change, so an owner who did not ask for it can object in time. */
export const emailChangeRequested = defineEmail({
  schema: z.strictObject({ name: ZEmailName, newEmail: ZAddress, accountUrl: ZEmailLink }),
  render: (data, context) =>
    renderLayout(context, {
      subject: `A change of your ${context.siteName} sign-in e-mail was requested`,
      preheader: 'Nothing changes until the new address is confirmed.',
      heading: 'A new sign-in e-mail was requested',
      blocks: [
        { kind: 'paragraph', text: `Hello ${data.name},` },
        {
          kind: 'paragraph',
          text: `Our staff were asked to change the sign-in e-mail of your ${context.siteName} account to ${data.newEmail}. We sent a confirmation link to that address; nothing changes until it is opened (within 24 hours).`,
        },
        { kind: 'paragraph', text: 'If you did not ask for this, contact us right away from this address, so we can stop it. Until then this address still signs in:' },
        { kind: 'link', label: 'My Account', url: data.accountUrl },
      ],
    }),
});

/** To the OLD address once the change took effect: this address no longer signs in. */
export const emailChanged = defineEmail({
  schema: z.strictObject({ name: ZEmailName, newEmail: ZAddress, changedAt: z.date(), loginUrl: ZEmailLink }),
  render: (data, context) =>
    renderLayout(context, {
      subject: `Your ${context.siteName} sign-in e-mail was changed`,
      preheader: 'This address no longer signs in to your account.',
      heading: 'Your sign-in e-mail was changed',
      blocks: [
        { kind: 'paragraph', text: `Hello ${data.name},` },
        {
          kind: 'paragraph',
          text: `On ${changedAtFormat.format(data.changedAt)} UTC the sign-in e-mail of your ${context.siteName} account was changed to ${data.newEmail}, confirmed with the link we sent there. Every session of the account was ended.`,
        },
        { kind: 'paragraph', text: 'If you did not ask for this, contact us right away from this address. If you did, sign in with the new address from now on:' },
        { kind: 'link', label: 'Sign in', url: data.loginUrl },
      ],
    }),
});
