import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { cache, type ReactNode } from 'react';
import { recordVisit } from '@/lib/activity/record-visit';
import { getPublishedImage, type TImagePricing, type TPublishedImage } from '@/lib/catalog/get-image';
import { parseImageId } from '@/lib/catalog/image-id';
import { DEFAULT_SEARCH_QUERY, searchHref } from '@/lib/catalog/search-query';
import { formatDate, isoDate } from '@/lib/format/date';
import { formatMoney } from '@/lib/format/money';
import { formatCount } from '@/lib/format/number';
import { compUrl, previewUrl } from '@/lib/media/urls';
import { AddToCartForm } from './add-to-cart-form';
import { isEditorialOnly, licenceLabel, modelReleaseLabel, orientationLabel, peopleLabel } from '../../_components/labels';
import { LightboxButton, LightboxStatus } from '../../_components/lightbox-button';

type TProps = { params: Promise<{ id: string }> };

/** One read per request, shared by generateMetadata and the page; a malformed id never reaches the database. */
const loadImage = cache(async (rawId: string): Promise<TPublishedImage> => {
  const id = parseImageId(rawId);
  const image = id === null ? null : await getPublishedImage(id);
  if (!image) notFound();
  return image;
});

export async function generateMetadata({ params }: TProps): Promise<Metadata> {
  const image = await loadImage((await params).id);
  const description = image.description || `${licenceLabel[image.licenceModel]} stock photo: ${image.title}.`;
  return { title: image.title, description: description.length > 160 ? `${description.slice(0, 157)}…` : description };
}

const pixels = (width: number, height: number) => `${formatCount(width)} × ${formatCount(height)} px`;

export default async function ImagePage({ params }: TProps) {
  const image = await loadImage((await params).id);
  const editorial = isEditorialOnly(image);
  await recordVisit({ kind: 'preview_view', imageId: image.id });

  return (
    <div className="mx-auto max-w-7xl px-4 py-6 sm:px-6 sm:py-8">
      <nav aria-label="Breadcrumb" className="text-sm text-neutral-700">
        <ol className="flex flex-wrap items-center gap-1">
          <li>
            <Link href="/" className="hover:text-brand-700 hover:underline">
              Home
            </Link>
          </li>
          <li aria-hidden="true">/</li>
          <li>
            <Link href="/search" className="hover:text-brand-700 hover:underline">
              Images
            </Link>
          </li>
          <li aria-hidden="true">/</li>
          <li aria-current="page" className="max-w-[40ch] truncate text-neutral-600">
            {image.title}
          </li>
        </ol>
      </nav>

      {/* Source order is preview, facts, then description: headings run h1, h2 on every screen size. */}
      <div className="mt-4 grid gap-8 lg:grid-cols-[minmax(0,1fr)_24rem] lg:grid-rows-[auto_1fr] lg:gap-x-12">
        <div className="lg:col-start-1 lg:row-start-1">
          <figure>
            <div className="rounded-lg bg-neutral-100 ring-1 ring-neutral-200 ring-inset">
              {/* width/height give the real aspect ratio, so the box is the right size before the preview loads. */}
              <img
                src={previewUrl(image.id)}
                alt={image.title}
                width={image.width}
                height={image.height}
                decoding="async"
                fetchPriority="high"
                className="h-auto max-h-[75vh] w-full rounded-lg object-contain"
              />
            </div>
            <figcaption className="mt-2 flex flex-wrap items-center justify-between gap-2 text-xs text-neutral-600">
              <span>Watermarked preview. Licensed files come without the watermark.</span>
              <a
                href={compUrl(image.id)}
                download
                className="rounded-md border border-neutral-300 px-3 py-1.5 text-sm font-medium text-ink hover:border-brand-600 hover:text-brand-700"
              >
                Download comp
              </a>
            </figcaption>
          </figure>
        </div>

        <div className="lg:col-start-2 lg:row-span-2 lg:row-start-1">
          <h1 className="break-words text-2xl font-semibold tracking-tight text-ink sm:text-3xl">{image.title}</h1>
          {image.creatorName ? (
            <p className="mt-2 text-neutral-700">
              By <span className="font-medium text-ink">{image.creatorName}</span>
            </p>
          ) : null}
          <div className="mt-3 flex flex-wrap gap-2">
            <span className="rounded-full bg-brand-50 px-3 py-1 text-xs font-semibold text-brand-800 ring-1 ring-brand-100">
              {licenceLabel[image.licenceModel]}
            </span>
            {editorial ? (
              <span className="rounded-full bg-amber-50 px-3 py-1 text-xs font-semibold text-amber-900 ring-1 ring-amber-200">
                Editorial use only
              </span>
            ) : null}
          </div>

          <div className="mt-5 flex flex-wrap items-center gap-3">
            <LightboxButton imageId={image.id} title={image.title} variant="page" />
            <Link
              href={`/images/${image.id}/send`}
              className="inline-flex min-h-11 items-center rounded-md border border-neutral-500 bg-white px-4 py-2 text-sm font-semibold text-ink shadow-sm hover:border-brand-700 hover:text-brand-800"
              prefetch={false}
            >
              Send by e-mail
            </Link>
          </div>
          <LightboxStatus variant="inline" />

          <Pricing imageId={image.id} pricing={image.pricing} />

          <section aria-labelledby="details-heading" className="mt-8">
            <h2 id="details-heading" className="text-lg font-semibold text-ink">
              Details
            </h2>
            <dl className="mt-3 divide-y divide-neutral-200 border-y border-neutral-200 text-sm">
              <Detail term="Dimensions">{pixels(image.width, image.height)}</Detail>
              <Detail term="Orientation">{orientationLabel[image.orientation]}</Detail>
              <Detail term="Licence">{licenceLabel[image.licenceModel]}</Detail>
              <Detail term="Model release">{modelReleaseLabel[image.modelRelease]}</Detail>
              <Detail term="People">{peopleLabel(image.peopleCount)}</Detail>
              {image.capturedOn ? (
                <Detail term="Taken on">
                  <time dateTime={isoDate(image.capturedOn)}>{formatDate(image.capturedOn)}</time>
                </Detail>
              ) : null}
              {image.creditLine ? <Detail term="Credit line">{image.creditLine}</Detail> : null}
              <Detail term="Image number">{image.id}</Detail>
            </dl>
            {editorial ? (
              <p className="mt-3 text-sm text-neutral-700">
                Editorial use only: no model release, so this image may illustrate news and commentary but not advertise
                or promote anything.
              </p>
            ) : null}
          </section>
        </div>

        <div className="lg:col-start-1 lg:row-start-2">
          {image.description ? (
            <section aria-labelledby="about-heading">
              <h2 id="about-heading" className="text-lg font-semibold text-ink">
                About this image
              </h2>
              <p className="mt-2 max-w-prose whitespace-pre-line break-words text-neutral-800">{image.description}</p>
            </section>
          ) : null}

          {image.keywords.length > 0 ? (
            <section aria-labelledby="keywords-heading" className="mt-8">
              <h2 id="keywords-heading" className="text-lg font-semibold text-ink">
                Keywords
              </h2>
              <ul className="mt-3 flex flex-wrap gap-2">
                {image.keywords.map((keyword) => (
                  <li key={keyword}>
                    <Link
                      href={searchHref({ ...DEFAULT_SEARCH_QUERY, q: keyword, sort: 'relevance' })}
                      className="inline-flex min-h-9 items-center rounded-full border border-neutral-300 px-3 text-sm text-neutral-800 hover:border-brand-600 hover:bg-brand-50 hover:text-brand-800"
                    >
                      {keyword}
                    </Link>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
        </div>
      </div>
    </div>
  );
}

function Detail({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-[8rem_minmax(0,1fr)] gap-3 py-2">
      <dt className="text-neutral-600">{term}</dt>
      <dd className="break-words text-ink">{children}</dd>
    </div>
  );
}

function Pricing({ imageId, pricing }: { imageId: number; pricing: TImagePricing }) {
  if (pricing.kind === 'on_request') {
    return (
      <section aria-labelledby="pricing-heading" className="mt-6 rounded-lg border border-neutral-200 p-5">
        <h2 id="pricing-heading" className="text-lg font-semibold text-ink">
          Priced on request
        </h2>
        <p className="mt-2 text-sm text-neutral-700">
          Rights-managed images are licensed for one specific use. The price depends on how, where and for how long you
          use the image; ask us for a quote.
        </p>
      </section>
    );
  }
  if (pricing.tiers.length === 0) {
    return (
      <section aria-labelledby="pricing-heading" className="mt-6 rounded-lg border border-neutral-200 p-5">
        <h2 id="pricing-heading" className="text-lg font-semibold text-ink">
          Prices
        </h2>
        <p className="mt-2 text-sm text-neutral-700">Sizes and prices for this image are not available yet.</p>
      </section>
    );
  }
  return (
    <section aria-labelledby="pricing-heading" className="mt-6">
      <h2 id="pricing-heading" className="text-lg font-semibold text-ink">
        Royalty-free sizes
      </h2>
      <p className="mt-1 text-sm text-neutral-700">One price per size, for use in as many projects as you like.</p>
      <table className="mt-3 w-full border-collapse text-sm">
        <caption className="sr-only">Sizes, pixel dimensions and prices</caption>
        <thead>
          <tr className="border-b border-neutral-300 text-left">
            <th scope="col" className="py-2 pr-3 font-semibold text-ink">
              Size
            </th>
            <th scope="col" className="py-2 pr-3 font-semibold text-ink">
              Pixels
            </th>
            <th scope="col" className="py-2 text-right font-semibold text-ink">
              Price
            </th>
          </tr>
        </thead>
        <tbody>
          {pricing.tiers.map((tier) => (
            <tr key={tier.tier} className="border-b border-neutral-200">
              <th scope="row" className="py-2 pr-3 text-left font-semibold text-ink">
                {tier.tier}
              </th>
              <td className="py-2 pr-3 text-neutral-800">
                {pixels(tier.width, tier.height)}
                {tier.isOriginalSize ? <span className="block text-xs text-neutral-600">Original size</span> : null}
              </td>
              <td className="py-2 text-right font-semibold tabular-nums text-ink">{formatMoney(tier.priceMinor, pricing.currency)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <AddToCartForm
        imageId={imageId}
        tiers={offeredForSale(pricing.tiers).map((tier) => ({
          tier: tier.tier,
          label: `${tier.tier}, ${pixels(tier.width, tier.height)}${tier.isOriginalSize ? ' (original size)' : ''}`,
          price: formatMoney(tier.priceMinor, pricing.currency),
        }))}
      />
    </section>
  );
}

/** The tiers the cart accepts: up to the first that delivers the original size (a larger one would sell the same file again). */
function offeredForSale<T extends { isOriginalSize: boolean }>(tiers: T[]): T[] {
  const original = tiers.findIndex((tier) => tier.isOriginalSize);
  return original === -1 ? tiers : tiers.slice(0, original + 1);
}
