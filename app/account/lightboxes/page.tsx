import type { Metadata } from 'next';
import Link from 'next/link';
import { linkClass } from '@/app/_components/link-class';
import { requireUser } from '@/lib/auth/guards';
import { customerOwner } from '@/lib/lightboxes/lightbox-owner';
import { listLightboxes, type TLightboxSummary } from '@/lib/lightboxes/list-lightboxes';
import { thumbnailUrl } from '@/lib/media/urls';
import { PageHeader } from '../_components/page-header';
import { Timestamp } from '../_components/timestamp';
import { CreateLightboxForm, LightboxControls } from './lightbox-forms';

export const metadata: Metadata = { title: 'Lightboxes' };

const imageCount = (count: number) => (count === 1 ? '1 image' : `${count} images`);

function Cover({ lightbox }: { lightbox: TLightboxSummary }) {
  if (lightbox.coverImageIds.length === 0) {
    return <div className="flex aspect-[4/3] items-center justify-center rounded-md bg-neutral-100 text-sm text-neutral-600 ring-1 ring-neutral-200 ring-inset">Empty</div>;
  }
  return (
    <div className="grid aspect-[4/3] grid-cols-2 grid-rows-2 gap-0.5 overflow-hidden rounded-md bg-neutral-100 ring-1 ring-neutral-200 ring-inset">
      {lightbox.coverImageIds.map((imageId, index) => (
        <img
          key={imageId}
          src={thumbnailUrl(imageId)}
          alt=""
          loading="lazy"
          className={`h-full w-full object-cover ${lightbox.coverImageIds.length === 1 ? 'col-span-2 row-span-2' : lightbox.coverImageIds.length === 2 || (lightbox.coverImageIds.length === 3 && index === 0) ? 'row-span-2' : ''}`}
        />
      ))}
    </div>
  );
}

export default async function LightboxesPage() {
  const actor = await requireUser('/account/lightboxes');
  const lightboxes = await listLightboxes(customerOwner(actor));

  return (
    <div className="space-y-8">
      <PageHeader title="Lightboxes">
        <p>
          Collections of images you are considering. The bookmark button on search results and image pages adds to your
          active lightbox. Share a lightbox by e-mail from its page; every link you sent is listed under{' '}
          <Link href="/account/shares" className={linkClass}>
            Shares
          </Link>
          .
        </p>
      </PageHeader>

      <section aria-labelledby="create-heading" className="max-w-3xl rounded-lg border border-neutral-200 bg-neutral-50 p-5">
        <h2 id="create-heading" className="mb-3 text-base font-semibold text-ink">
          New lightbox
        </h2>
        <CreateLightboxForm />
      </section>

      <section aria-labelledby="list-heading" className="max-w-5xl">
        <h2 id="list-heading" className="text-lg font-semibold text-ink">
          Your lightboxes
        </h2>
        {lightboxes.length === 0 ? (
          <div className="mt-3 rounded-lg border border-dashed border-neutral-300 p-6 text-sm text-neutral-700">
            <p>You have no lightboxes yet.</p>
            <p className="mt-1">
              <Link href="/search" className={linkClass}>
                Browse images
              </Link>{' '}
              and press the bookmark button on any picture: your first lightbox is made for you. Or create one above.
            </p>
          </div>
        ) : (
          <ol className="mt-4 space-y-4">
            {lightboxes.map((lightbox, index) => (
              <li key={lightbox.id} className={`grid gap-4 rounded-lg border p-4 sm:grid-cols-[10rem_1fr] ${lightbox.isActive ? 'border-brand-600 bg-brand-50/40' : 'border-neutral-200'}`}>
                <Link href={`/account/lightboxes/${lightbox.id}`} aria-hidden="true" tabIndex={-1}>
                  <Cover lightbox={lightbox} />
                </Link>
                <div className="min-w-0 space-y-3">
                  <div className="flex flex-wrap items-center gap-2">
                    <h3 className="min-w-0 text-base font-semibold break-words text-ink">
                      <Link href={`/account/lightboxes/${lightbox.id}`} className="hover:text-brand-700 hover:underline">
                        {lightbox.name}
                      </Link>
                    </h3>
                    {lightbox.isActive ? <span className="rounded-full bg-brand-700 px-2.5 py-0.5 text-xs font-semibold text-white">Active</span> : null}
                  </div>
                  <p className="text-sm text-neutral-700">
                    {imageCount(lightbox.imageCount)} · changed <Timestamp value={lightbox.updatedAt} />
                  </p>
                  <LightboxControls id={lightbox.id} name={lightbox.name} isActive={lightbox.isActive} isFirst={index === 0} isLast={index === lightboxes.length - 1} from="list" />
                </div>
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}
