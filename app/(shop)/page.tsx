import Link from 'next/link';
import { getFeaturedImages } from '@/lib/catalog/featured-images';
import { getSetting } from '@/lib/settings/get-setting';
import { ImageGrid } from './_components/image-grid';
import { SearchBox } from './_components/search-box';

export default async function HomePage() {
  // The site owner's choice (back office, Settings); 0 leaves the section out.
  const featuredCount = await getSetting('catalog.featuredCount');
  const featured = featuredCount > 0 ? await getFeaturedImages(featuredCount) : [];

  return (
    <>
      <section aria-labelledby="hero-heading" className="border-b border-brand-100 bg-gradient-to-b from-brand-50 to-white">
        <div className="mx-auto max-w-4xl px-4 py-14 text-center sm:px-6 sm:py-20">
          <h1 id="hero-heading" className="text-3xl font-semibold tracking-tight text-brand-800 sm:text-5xl">
            Stock photography, licensed simply
          </h1>
          <p className="mx-auto mt-4 max-w-2xl text-lg text-neutral-700">
            Royalty-free images with clear prices per size, and rights-managed work priced for your use.
          </p>
          <div className="mx-auto mt-8 max-w-2xl text-left">
            <SearchBox size="large" inputId="home-search" label="What are you looking for?" />
          </div>
        </div>
      </section>

      {featuredCount > 0 ? (
        <section aria-labelledby="featured-heading" className="mx-auto max-w-7xl px-4 py-12 sm:px-6">
          <div className="flex flex-wrap items-end justify-between gap-4">
            <h2 id="featured-heading" className="text-2xl font-semibold tracking-tight text-ink">
              New in the catalogue
            </h2>
            {featured.length > 0 ? (
              <Link href="/search" className="text-sm font-semibold text-brand-700 underline-offset-2 hover:underline">
                Browse all images <span aria-hidden="true">→</span>
              </Link>
            ) : null}
          </div>
          <div className="mt-6">
            {featured.length > 0 ? (
              <ImageGrid images={featured} eagerCount={4} />
            ) : (
              <div className="rounded-lg border border-dashed border-neutral-300 p-10 text-center">
                <p className="text-lg font-semibold text-ink">The catalogue is empty for now</p>
                <p className="mt-2 text-neutral-700">New images appear here as soon as they are published.</p>
              </div>
            )}
          </div>
        </section>
      ) : null}
    </>
  );
}
