import { z } from 'zod';
import { ZEmailLink, ZEmailName } from './fields';
import { renderLayout } from './layout';
import { defineEmail } from './types';

const untilFormat = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' });

/** Sent by the bundle job (lib/downloads/build-bundle.ts) when the ZIP of an order's files is ready. */
export const downloadBundleReady = defineEmail({
  schema: z.strictObject({
    name: ZEmailName,
    orderNumber: z.number().int().positive(),
    fileCount: z.number().int().min(1).max(10_000),
    expiresAt: z.date(),
    bundleUrl: ZEmailLink,
  }),
  render: (data, context) =>
    renderLayout(context, {
      subject: `Your ${context.siteName} files for order ${data.orderNumber} are ready`,
      preheader: `One ZIP with ${data.fileCount} files, until ${untilFormat.format(data.expiresAt)} UTC.`,
      heading: `Order ${data.orderNumber}: your ZIP is ready`,
      blocks: [
        { kind: 'paragraph', text: `Hello ${data.name},` },
        {
          kind: 'paragraph',
          text: `The ${data.fileCount} licensed files of order ${data.orderNumber} are ready to download as one ZIP, each at the size you bought with the licence and your order number written into it.`,
        },
        { kind: 'button', label: 'Download the ZIP', url: data.bundleUrl },
        {
          kind: 'note',
          text: `The link works only while you are signed in to your ${context.siteName} account, and until ${untilFormat.format(data.expiresAt)} UTC. After that the ZIP is deleted; you can ask for a new one, or download the files one by one, under Downloads in My Account.`,
        },
      ],
    }),
});
