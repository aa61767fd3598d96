import { z } from 'zod';
import { ZEmailLink, ZEmailName } from './fields';
import { renderLayout } from './layout';
import { defineEmail } from './types';

const dateFormat = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' });

/**
 * The inactive-accounts rule is on and the account has not been used for a while: it will be erased
 * on `eraseOn` unless the person signs in before (lib/privacy/erase-inactive-accounts.ts). Sent once.
 */
export const inactiveAccountWarning = defineEmail({
  schema: z.strictObject({ name: ZEmailName, lastActiveOn: z.date(), eraseOn: z.date(), signInUrl: ZEmailLink, privacyUrl: ZEmailLink }),
  render: (data, context) =>
    renderLayout(context, {
      subject: `Your ${context.siteName} account will be deleted on ${dateFormat.format(data.eraseOn)}`,
      preheader: 'Sign in before then to keep it.',
      heading: 'Your account will be deleted unless you sign in',
      blocks: [
        { kind: 'paragraph', text: `Hello ${data.name},` },
        {
          kind: 'paragraph',
          text: `You have not signed in or ordered since ${dateFormat.format(data.lastActiveOn)}. We do not keep accounts nobody uses: on ${dateFormat.format(data.eraseOn)} we will erase yours, as our privacy policy says, and send you a last message listing what was erased and what the law makes us keep (invoices).`,
        },
        { kind: 'paragraph', text: 'To keep your account, sign in before then. Nothing else is needed.' },
        { kind: 'button', label: 'Sign in to keep my account', url: data.signInUrl },
        { kind: 'link', label: 'Our privacy policy', url: data.privacyUrl },
      ],
    }),
});
