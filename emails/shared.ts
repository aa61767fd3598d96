import { z } from 'zod';
import { ZEmailLink, ZEmailName } from './fields';
import { renderLayout, type TEmailBlock } from './layout';
import { defineEmail } from './types';

/**
 * A customer sends a lightbox or one image to someone by mail. The sender's name goes into the
 * subject, so it must be one line (a header cannot take a line break; checklist 41). The message is
 * the sender's own words, shown as text (the layout escapes it) and clearly set apart as theirs.
 */
const ZSenderName = ZEmailName.regex(/^[^\u0000-\u001f\u007f\u0085\u2028\u2029]*$/, 'A name cannot contain line breaks');
const ZMessage = z.string().max(2000);
const ZTitle = z.string().trim().min(1).max(300);
const expiryFormat = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' });

function messageBlocks(senderName: string, message: string): TEmailBlock[] {
  const paragraphs = message
    .split(/\n\s*\n/)
    .map((part) => part.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
  if (paragraphs.length === 0) return [];
  return [{ kind: 'paragraph', text: `${senderName} wrote:` }, ...paragraphs.map((text): TEmailBlock => ({ kind: 'note', text: `“${text}”` }))];
}

export const lightboxShared = defineEmail({
  schema: z.strictObject({ senderName: ZSenderName, lightboxName: ZTitle, imageCount: z.number().int().min(0), message: ZMessage, shareUrl: ZEmailLink, expiresAt: z.date() }),
  render: (data, context) =>
    renderLayout(context, {
      subject: `${data.senderName} shared a lightbox with you on ${context.siteName}`,
      preheader: `${data.imageCount === 1 ? '1 image' : `${data.imageCount} images`} to look at, no account needed.`,
      heading: 'A lightbox was shared with you',
      blocks: [
        { kind: 'paragraph', text: `${data.senderName} shared the lightbox “${data.lightboxName}” (${data.imageCount === 1 ? '1 image' : `${data.imageCount} images`}) with you on ${context.siteName}.` },
        ...messageBlocks(data.senderName, data.message),
        { kind: 'button', label: 'Open the lightbox', url: data.shareUrl },
        { kind: 'note', text: `The link works until ${expiryFormat.format(data.expiresAt)} unless the sender withdraws it. You need no account to open it.` },
        { kind: 'note', text: `You received this because ${data.senderName} entered your address. ${context.siteName} keeps it only to show the sender whom they shared with.` },
      ],
    }),
});

export const imageShared = defineEmail({
  schema: z.strictObject({ senderName: ZSenderName, imageTitle: ZTitle, message: ZMessage, shareUrl: ZEmailLink, expiresAt: z.date() }),
  render: (data, context) =>
    renderLayout(context, {
      subject: `${data.senderName} sent you an image on ${context.siteName}`,
      preheader: 'One image to look at, no account needed.',
      heading: 'An image was sent to you',
      blocks: [
        { kind: 'paragraph', text: `${data.senderName} sent you the image “${data.imageTitle}” on ${context.siteName}.` },
        ...messageBlocks(data.senderName, data.message),
        { kind: 'button', label: 'Open the image', url: data.shareUrl },
        { kind: 'note', text: `The link works until ${expiryFormat.format(data.expiresAt)} unless the sender withdraws it. You need no account to open it.` },
        { kind: 'note', text: `You received this because ${data.senderName} entered your address. ${context.siteName} keeps it only to show the sender whom they shared with.` },
      ],
    }),
});
