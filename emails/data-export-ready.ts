import { z } from 'zod';
import { ZEmailLink, ZEmailName } from './fields';
import { renderLayout } from './layout';
import { defineEmail } from './types';

const untilFormat = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' });

/** Sent by the export job (lib/privacy/build-data-export.ts) when a "Download my data" ZIP is ready. */
export const dataExportReady = defineEmail({
  schema: z.strictObject({
    name: ZEmailName,
    expiresAt: z.date(),
    myDataUrl: ZEmailLink,
  }),
  render: (data, context) =>
    renderLayout(context, {
      subject: `Your copy of your ${context.siteName} data is ready`,
      preheader: `Download it from My data until ${untilFormat.format(data.expiresAt)} UTC.`,
      heading: 'Your data is ready to download',
      blocks: [
        { kind: 'paragraph', text: `Hello ${data.name},` },
        {
          kind: 'paragraph',
          text: 'The copy of your data you asked for is ready: one ZIP with a spreadsheet file (CSV) for each kind of data we hold about you, the same in one JSON file, a page that explains each file, and your invoices as PDFs.',
        },
        { kind: 'button', label: 'Go to My data', url: data.myDataUrl },
        {
          kind: 'note',
          text: `It can be downloaded only from My data while you are signed in to your ${context.siteName} account, until ${untilFormat.format(data.expiresAt)} UTC. Then it is deleted; you can ask for a new copy at any time. If you did not ask for it, change your password.`,
        },
      ],
    }),
});
