import type { TImageCard } from '@/lib/catalog/image-card';
import { thumbnailUrl } from '@/lib/media/urls';
import { isEditorialOnly, licenceLabel, orientationLabel } from './labels';
import { LightboxButton, LightboxStatus } from './lightbox-button';

/**
 * A responsive grid of thumbnails, each linking to its image page, each with a lightbox button
 * beside the link (a button may not sit inside a link). The buttons render the same for every
 * visitor and learn their state after load, so the page stays shareable by the page cache.
 */
export function ImageGrid({ images, eagerCount = 0 }: { images: TImageCard[]; eagerCount?: number }) {
  return (
    <>
      <ul className="grid grid-cols-2 gap-x-4 gap-y-6 sm:grid-cols-3 xl:grid-cols-4">
        {images.map((image, index) => (
          <li key={image.id} className="relative">
            <ImageCard image={image} eager={index < eagerCount} />
            <LightboxButton imageId={image.id} title={image.title} variant="card" />
          </li>
        ))}
      </ul>
      <LightboxStatus variant="toast" />
    </>
  );
}

/**
 * One result. Its styles are the `image-card` classes in globals.css: a results page repeats this
 * thirty times, and utility lists repeated per card made up a fifth of the page's bytes.
 */
function ImageCard({ image, eager }: { image: TImageCard; eager: boolean }) {
  return (
    // A plain link: thirty next/link components would be hydrated and each would prefetch a dynamic page.
    <a href={`/images/${image.id}`} className="image-card">
      <span className="image-card-frame">
        <img
          src={thumbnailUrl(image.id)}
          alt={image.title}
          width={image.width}
          height={image.height}
          loading={eager ? 'eager' : 'lazy'}
          decoding="async"
          className="image-card-img"
        />
        {isEditorialOnly(image) ? <span className="image-card-badge">Editorial use only</span> : null}
      </span>
      {/* The title is already the image's alt text, so screen readers hear it once. */}
      <span aria-hidden="true" className="image-card-title">
        {image.title}
      </span>
      <span className="image-card-meta">
        {licenceLabel[image.licenceModel]}, {orientationLabel[image.orientation].toLowerCase()}
      </span>
    </a>
  );
}

/** Placeholder cards while results load. */
export function ImageGridSkeleton({ count = 12 }: { count?: number }) {
  return (
    <ul aria-hidden="true" className="grid animate-pulse grid-cols-2 gap-x-4 gap-y-6 sm:grid-cols-3 xl:grid-cols-4">
      {Array.from({ length: count }, (_, index) => (
        <li key={index}>
          <div className="aspect-[4/3] rounded-lg bg-neutral-200" />
          <div className="mt-2 h-4 w-3/4 rounded bg-neutral-200" />
          <div className="mt-1 h-3 w-1/2 rounded bg-neutral-100" />
        </li>
      ))}
    </ul>
  );
}
