import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ShareForm } from '@/app/account/_components/share-form';
import { linkClass } from '@/app/_components/link-class';
import { requireUser } from '@/lib/auth/guards';
import { getPublishedImage } from '@/lib/catalog/get-image';
import { parseImageId } from '@/lib/catalog/image-id';
import { thumbnailUrl } from '@/lib/media/urls';
import { getSetting } from '@/lib/settings/get-setting';
import { shareImageAction } from './actions';

type TProps = { params: Promise<{ id: string }> };

export const metadata: Metadata = { title: 'Send an image by e-mail', robots: { index: false, follow: false } };

/** Send one image by mail: for signed-in customers (the mail names them as the sender). */
export default async function SendImagePage({ params }: TProps) {
  const rawId = (await params).id;
  await requireUser(`/images/${encodeURIComponent(rawId)}/send`);
  const id = parseImageId(rawId);
  const image = id === null ? null : await getPublishedImage(id);
  if (!image) notFound();
  const expiryDays = await getSetting('shares.expiryDays');

  return (
    <div className="mx-auto max-w-3xl px-4 py-8 sm:px-6">
      <p className="text-sm">
        <Link href={`/images/${image.id}`} className={linkClass}>
          ← Back to the image
        </Link>
      </p>
      <h1 className="mt-3 text-2xl font-semibold tracking-tight text-ink sm:text-3xl">Send an image by e-mail</h1>
      <div className="mt-4 flex items-center gap-4">
        <img src={thumbnailUrl(image.id)} alt="" width={image.width} height={image.height} className="h-20 w-auto rounded-md ring-1 ring-neutral-200" />
        <p className="min-w-0 font-medium break-words text-ink">{image.title}</p>
      </div>
      <p className="mt-4 text-sm text-neutral-700">
        Recipients get a link to a page with this image’s watermarked preview, without an account. The mail comes from us and
        names you as the sender. Each link works for {expiryDays} days, or until you withdraw it under{' '}
        <Link href="/account/shares" className={linkClass}>
          Shares
        </Link>{' '}
        in My Account.
      </p>
      <div className="mt-6">
        <ShareForm action={shareImageAction} hidden={{ imageId: String(image.id) }} submitLabel="Send the image" />
      </div>
    </div>
  );
}
