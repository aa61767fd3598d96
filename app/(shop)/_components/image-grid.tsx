import Link from 'next/link';
import type { TImageCard } from '@/lib/catalog/image-card';
import { thumbnailUrl } from '@/lib/media/urls';
import { isEditorialOnly, licenceLabel, orientationLabel } from './labels';

/** A responsive grid of thumbnails, each linking to its image page. */
export function ImageGrid({ images, eagerCount = 0 }: { images: TImageCard[]; eagerCount?: number }) {
  return (
    <ul className="grid grid-cols-2 gap-x-4 gap-y-6 sm:grid-cols-3 xl:grid-cols-4">
      {images.map((image, index) => (
        <li key={image.id}>
          <ImageCard image={image} eager={index < eagerCount} />
        </li>
      ))}
    </ul>
  );
}

function ImageCard({ image, eager }: { image: TImageCard; eager: boolean }) {
  const editorial = isEditorialOnly(image);
  return (
    <Link href={`/images/${image.id}`} className="group block rounded-lg">
      <div className="relative aspect-[4/3] overflow-hidden rounded-lg bg-neutral-100 ring-1 ring-neutral-200 ring-inset">
        <img
          src={thumbnailUrl(image.id)}
          alt={image.title}
          width={image.width}
          height={image.height}
          loading={eager ? 'eager' : 'lazy'}
          decoding="async"
          className="h-full w-full object-cover transition duration-300 group-hover:opacity-90 motion-safe:group-hover:scale-[1.03]"
        />
        {editorial ? (
          <span className="absolute left-2 top-2 rounded bg-white px-2 py-0.5 text-xs font-semibold text-neutral-900 shadow-sm ring-1 ring-neutral-300">
            Editorial use only
          </span>
        ) : null}
      </div>
      {/* The title is already the image's alt text, so screen readers hear it once. */}
      <p aria-hidden="true" className="mt-2 truncate text-sm font-medium text-ink group-hover:text-brand-700 group-hover:underline">
        {image.title}
      </p>
      <p className="text-xs text-neutral-600">
        {licenceLabel[image.licenceModel]}
        <span aria-hidden="true"> · </span>
        <span className="sr-only">, </span>
        {orientationLabel[image.orientation]}
      </p>
    </Link>
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
