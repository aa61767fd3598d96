import { z } from 'zod';
import { ZEmailLink, ZEmailName } from './fields';
import { renderLayout } from './layout';
import { defineEmail } from './types';

const dateFormat = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' });

/** "Delete my account" was asked for, the password typed again: the link confirms (lib/privacy/request-erasure.ts). */
export const erasureConfirm = defineEmail({
  schema: z.strictObject({ name: ZEmailName, confirmUrl: ZEmailLink, coolingOffDays: z.number().int().min(0), linkExpiresAt: z.date() }),
  render: (data, context) =>
    renderLayout(context, {
      subject: `Confirm the deletion of your ${context.siteName} account`,
      preheader: 'Your account is deleted only after you confirm with this link.',
      heading: 'Confirm that your account should be deleted',
      blocks: [
        { kind: 'paragraph', text: `Hello ${data.name},` },
        {
          kind: 'paragraph',
          text:
            data.coolingOffDays > 0
              ? `You asked us to delete your account. Open the link to confirm. Your account is then locked for ${data.coolingOffDays} ${data.coolingOffDays === 1 ? 'day' : 'days'}, and the same link cancels the deletion until then; after that your data is erased and cannot be recovered.`
              : 'You asked us to delete your account. Open the link to confirm; your data is then erased at once and cannot be recovered.',
        },
        { kind: 'button', label: 'Confirm or cancel the deletion', url: data.confirmUrl },
        { kind: 'note', text: `The link works until ${dateFormat.format(data.linkExpiresAt)} UTC. If you did not ask for this, ignore this message and change your password: nothing is deleted without the link.` },
      ],
    }),
});

const ZReceiptLine = z.strictObject({ what: z.string().min(1).max(2000), detail: z.string().max(2000) });

/**
 * Sent to the address just before it is erased, in the erasure's transaction (lib/privacy/erase-account.ts):
 * what was erased, and what is kept, why and until when. Its outbox row is deleted once delivered.
 */
export const erasureReceipt = defineEmail({
  schema: z.strictObject({ name: ZEmailName, erasedAt: z.date(), erased: z.array(ZReceiptLine).max(100), kept: z.array(ZReceiptLine).max(100), privacyUrl: ZEmailLink }),
  render: (data, context) =>
    renderLayout(context, {
      subject: `Your ${context.siteName} account has been deleted`,
      preheader: 'What we erased, and what the law makes us keep.',
      heading: 'Your account has been deleted',
      blocks: [
        { kind: 'paragraph', text: `Hello ${data.name},` },
        { kind: 'paragraph', text: `On ${dateFormat.format(data.erasedAt)} UTC we erased your account. This is the last message we send to this address; we do not keep it.` },
        { kind: 'paragraph', text: 'Erased:' },
        ...data.erased.map((line) => ({ kind: 'paragraph' as const, text: `• ${line.what}${line.detail ? `: ${line.detail}` : ''}` })),
        { kind: 'paragraph', text: 'Kept, and why:' },
        ...(data.kept.length > 0
          ? data.kept.map((line) => ({ kind: 'paragraph' as const, text: `• ${line.what}: ${line.detail}` }))
          : [{ kind: 'paragraph' as const, text: '• Nothing.' }]),
        { kind: 'note', text: 'What is kept is no longer linked to your name or address, except the billing details on invoices, which tax law makes us keep for the period shown.' },
        { kind: 'link', label: 'Our privacy policy', url: data.privacyUrl },
      ],
    }),
});
