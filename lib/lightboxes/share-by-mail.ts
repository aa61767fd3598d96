import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { images, lightboxItems, shares } from '@/db/schema';
import type { TCustomerActor } from '@/lib/auth/guards';
import { createSecretToken } from '@/lib/auth/secret-tokens';
import { db, type TTransaction } from '@/lib/db/client';
import { serverEnv } from '@/lib/env';
import { AppError, fieldErrorsFrom } from '@/lib/errors';
import { queueMail } from '@/lib/mail/send-mail';
import { getSetting } from '@/lib/settings/get-setting';
import { countAttempt, takeBackAttempt } from '@/lib/throttle/count-attempt';
import { throttleRules } from '@/lib/throttle/rules';
import { ZImageId } from './lightbox-input';
import { customerOwner } from './lightbox-owner';
import { ownedLightboxForUpdate } from './owned-lightbox';
import { ZShareForm } from './share-input';

export type TShareTarget = { kind: 'lightbox'; lightboxId: unknown } | { kind: 'image'; imageId: unknown };

/**
 * Sends a customer's lightbox, or one published image, to one or more addresses: per recipient a
 * share row with its own link (so each can be revoked and shows when it was opened) and a mail
 * through the outbox, all in one transaction. The token is in the mail only; the row keeps its
 * SHA-256. Every recipient counts towards the sender's daily allowance and the recipient's, so
 * the form cannot be used to send mass mail; over either, nothing is sent.
 */
export async function shareByMail(actor: TCustomerActor, target: TShareTarget, form: unknown): Promise<{ sent: number }> {
  const parsed = ZShareForm.safeParse(form);
  if (!parsed.success) throw new AppError('INVALID_INPUT', 'Please correct the marked fields.', fieldErrorsFrom(parsed.error));
  const { recipients, message } = parsed.data;

  const attempt = await countAttempt(
    [...recipients.map((address) => [throttleRules.shareMailsPerRecipient, address] as const), ...recipients.map(() => [throttleRules.shareMailsPerSender, actor.userId] as const)],
    'shares',
  );
  if (!attempt.ok) {
    throw new AppError(
      'RATE_LIMITED',
      attempt.code === 'throttled'
        ? `You have sent as many shares as we allow for now. Please try again in ${Math.ceil(attempt.retryAfterSeconds / 3600)} hours.`
        : 'Sharing is not available right now. Please try again in a moment.',
    );
  }

  const expiryDays = await getSetting('shares.expiryDays');
  const expiresAt = new Date(Date.now() + expiryDays * 86_400_000);
  try {
    await sendShares(actor, target, { recipients, message, expiresAt });
  } catch (error) {
    // Nothing was sent: the attempt does not use up the allowance.
    await takeBackAttempt(attempt.hits, 'shares');
    throw error;
  }
  return { sent: recipients.length };
}

async function sendShares(actor: TCustomerActor, target: TShareTarget, input: { recipients: string[]; message: string; expiresAt: Date }) {
  const { recipients, message, expiresAt } = input;
  await db.transaction(async (tx) => {
    const subject = await shareSubject(tx, actor, target);
    for (const recipient of recipients) {
      const { token, sha256 } = createSecretToken();
      await tx.insert(shares).values({
        senderUserId: actor.userId,
        lightboxId: subject.kind === 'lightbox' ? subject.id : null,
        imageId: subject.kind === 'image' ? subject.id : null,
        recipientEmail: recipient,
        message,
        tokenSha256: sha256,
        expiresAt,
      });
      const shareUrl = `${serverEnv().APP_URL}/shared/${token}`;
      if (subject.kind === 'lightbox') {
        await queueMail(tx, {
          template: 'lightbox-shared',
          to: recipient,
          subjectUserId: actor.userId,
          data: { senderName: actor.fullName, lightboxName: subject.title, imageCount: subject.imageCount, message, shareUrl, expiresAt },
        });
      } else {
        await queueMail(tx, {
          template: 'image-shared',
          to: recipient,
          subjectUserId: actor.userId,
          data: { senderName: actor.fullName, imageTitle: subject.title, message, shareUrl, expiresAt },
        });
      }
    }
  });
}

type TShareSubject = { kind: 'lightbox'; id: string; title: string; imageCount: number } | { kind: 'image'; id: number; title: string };

/** What is shared, checked: the sender's own lightbox (404 otherwise), or a published image. */
async function shareSubject(tx: TTransaction, actor: TCustomerActor, target: TShareTarget): Promise<TShareSubject> {
  if (target.kind === 'lightbox') {
    const lightbox = await ownedLightboxForUpdate(tx, customerOwner(actor), target.lightboxId);
    const [counted] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(lightboxItems)
      .innerJoin(images, and(eq(images.id, lightboxItems.imageId), eq(images.published, true)))
      .where(eq(lightboxItems.lightboxId, lightbox.id));
    if (!counted || counted.n === 0) throw new AppError('INVALID_INPUT', 'This lightbox is empty: add an image before sharing it.');
    return { kind: 'lightbox', id: lightbox.id, title: lightbox.name, imageCount: counted.n };
  }
  const imageId = ZImageId.safeParse(target.imageId);
  const [image] = imageId.success
    ? await tx.select({ id: images.id, title: images.title }).from(images).where(and(eq(images.id, imageId.data), eq(images.published, true)))
    : [];
  if (!image) throw new AppError('NOT_FOUND', 'We could not find that image.');
  return { kind: 'image', id: image.id, title: image.title };
}
