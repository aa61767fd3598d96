import type { Metadata } from 'next';
import Link from 'next/link';
import { linkClass } from '@/app/_components/link-class';
import { formatDate } from '@/lib/format/date';
import { openShare } from '@/lib/lightboxes/open-share';
import { previewUrl, thumbnailUrl } from '@/lib/media/urls';

type TProps = { params: Promise<{ token: string }> };

// The link carries a secret: the page is never indexed, and the Referer sent on from it is the origin only.
export const metadata: Metadata = { title: 'Shared with you', robots: { index: false, follow: false }, referrer: 'no-referrer' };

/**
 * What a share link opens: only that lightbox (or that image), read-only: images, titles and the
 * lightbox's name. Nothing about the sender, none of their notes or other lightboxes. Every
 * refusal (unknown, expired, withdrawn) is the same page, so a guessed token learns nothing.
 */
export default async function SharedPage({ params }: TProps) {
  const shared = await openShare((await params).token);

  if (!shared) {
    return (
      <div className="mx-auto max-w-3xl px-4 py-12 sm:px-6">
        <h1 className="text-2xl font-semibold tracking-tight text-ink sm:text-3xl">This link does not work</h1>
        <p className="mt-3 text-neutral-700">
          The link may have expired, or the person who sent it withdrew it. Ask them to send it again, or{' '}
          <Link href="/search" className={linkClass}>
            browse our images
          </Link>
          .
        </p>
      </div>
    );
  }

  const until = `This link works until ${formatDate(shared.expiresAt)}.`;
  if (shared.kind === 'image') {
    const { image } = shared;
    return (
      <div className="mx-auto max-w-5xl px-4 py-8 sm:px-6">
        <p className="text-sm font-semibold tracking-wide text-brand-700 uppercase">Shared with you</p>
        <h1 className="mt-1 text-2xl font-semibold tracking-tight break-words text-ink sm:text-3xl">{image.title}</h1>
        <figure className="mt-4">
          <div className="rounded-lg bg-neutral-100 ring-1 ring-neutral-200 ring-inset">
            <img src={previewUrl(image.imageId)} alt={image.title} width={image.width} height={image.height} className="h-auto max-h-[75vh] w-full rounded-lg object-contain" />
          </div>
          <figcaption className="mt-2 text-sm text-neutral-700">
            Watermarked preview. {until}{' '}
            <Link href={`/images/${image.imageId}`} className={linkClass}>
              Sizes and prices
            </Link>
          </figcaption>
        </figure>
      </div>
    );
  }

  return (
    <div className="mx-auto max-w-7xl px-4 py-8 sm:px-6">
      <p className="text-sm font-semibold tracking-wide text-brand-700 uppercase">Lightbox shared with you</p>
      <h1 className="mt-1 text-2xl font-semibold tracking-tight break-words text-ink sm:text-3xl">{shared.name}</h1>
      <p className="mt-2 text-neutral-700">
        {shared.images.length === 1 ? '1 image' : `${shared.images.length} images`}. {until}
      </p>
      {shared.images.length === 0 ? (
        <p className="mt-6 rounded-lg border border-dashed border-neutral-300 p-6 text-sm text-neutral-700">This lightbox has no images right now.</p>
      ) : (
        <ul className="mt-6 grid grid-cols-2 gap-x-4 gap-y-6 sm:grid-cols-3 xl:grid-cols-4">
          {shared.images.map((image) => (
            <li key={image.imageId}>
              <a href={`/images/${image.imageId}`} className="image-card">
                <span className="image-card-frame">
                  <img src={thumbnailUrl(image.imageId)} alt={image.title} width={image.width} height={image.height} loading="lazy" className="image-card-img" />
                </span>
                <span aria-hidden="true" className="image-card-title">
                  {image.title}
                </span>
              </a>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
