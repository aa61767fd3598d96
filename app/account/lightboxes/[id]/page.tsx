import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { linkClass } from '@/app/_components/link-class';
import { requireUser } from '@/lib/auth/guards';
import { AppError } from '@/lib/errors';
import { getLightbox, type TLightbox } from '@/lib/lightboxes/get-lightbox';
import { customerOwner } from '@/lib/lightboxes/lightbox-owner';
import { thumbnailUrl } from '@/lib/media/urls';
import { getSetting } from '@/lib/settings/get-setting';
import { PageHeader } from '../../_components/page-header';
import { ShareForm } from '../../_components/share-form';
import { shareLightboxAction } from '../actions';
import { LightboxControls, LightboxItemForms } from '../lightbox-forms';

type TProps = { params: Promise<{ id: string }> };

/** The signed-in customer's own lightbox, or the 404 page (unknown and someone else's alike). */
const loadLightbox = cache(async (id: string): Promise<TLightbox> => {
  const actor = await requireUser(`/account/lightboxes`);
  try {
    return await getLightbox(customerOwner(actor), id);
  } catch (error) {
    if (error instanceof AppError && error.code === 'NOT_FOUND') notFound();
    throw error;
  }
});

export async function generateMetadata({ params }: TProps): Promise<Metadata> {
  return { title: (await loadLightbox((await params).id)).name };
}

export default async function LightboxPage({ params }: TProps) {
  const lightbox = await loadLightbox((await params).id);
  const count = lightbox.images.length;
  const expiryDays = await getSetting('shares.expiryDays');

  return (
    <div className="space-y-8">
      <p className="text-sm">
        <Link href="/account/lightboxes" className={linkClass}>
          ← All lightboxes
        </Link>
      </p>
      <PageHeader title={lightbox.name}>
        <p>
          {count === 1 ? '1 image' : `${count} images`}
          {lightbox.isActive ? ' · your active lightbox: the bookmark buttons add here' : ''}
        </p>
      </PageHeader>
      <LightboxControls id={lightbox.id} name={lightbox.name} isActive={lightbox.isActive} isFirst isLast from="detail" />

      <section aria-labelledby="images-heading">
        <h2 id="images-heading" className="text-lg font-semibold text-ink">
          Images
        </h2>
        {count === 0 ? (
          <div className="mt-3 max-w-3xl rounded-lg border border-dashed border-neutral-300 p-6 text-sm text-neutral-700">
            <p>This lightbox is empty.</p>
            <p className="mt-1">
              {lightbox.isActive ? 'It is your active lightbox: ' : 'Make it active, then '}
              <Link href="/search" className={linkClass}>
                browse images
              </Link>{' '}
              and press the bookmark button on the pictures you want to keep here.
            </p>
          </div>
        ) : (
          <ul className="mt-4 grid gap-6 sm:grid-cols-2 xl:grid-cols-3">
            {lightbox.images.map((image) => (
              <li key={image.imageId} className="rounded-lg border border-neutral-200 p-3">
                <a href={`/images/${image.imageId}`} className="block rounded-md">
                  <span className="block aspect-[4/3] overflow-hidden rounded-md bg-neutral-100 ring-1 ring-neutral-200 ring-inset">
                    <img src={thumbnailUrl(image.imageId)} alt={image.title} width={image.width} height={image.height} loading="lazy" className="h-full w-full object-cover" />
                  </span>
                  <span aria-hidden="true" className="mt-2 block truncate text-sm font-medium text-ink hover:text-brand-700 hover:underline">
                    {image.title}
                  </span>
                </a>
                <LightboxItemForms lightboxId={lightbox.id} imageId={image.imageId} title={image.title} note={image.note} />
              </li>
            ))}
          </ul>
        )}
      </section>

      {count > 0 ? (
        <section aria-labelledby="share-heading" className="max-w-3xl rounded-lg border border-neutral-200 bg-neutral-50 p-5">
          <h2 id="share-heading" className="text-base font-semibold text-ink">
            Share this lightbox by e-mail
          </h2>
          <p className="mt-1 mb-4 text-sm text-neutral-700">
            Recipients see the images and the lightbox’s name on a read-only page, without an account. They do not see
            your notes, your name on the page, or your other lightboxes. The mail comes from us and names you as the
            sender. Each link works for {expiryDays} days, or until you withdraw it under{' '}
            <Link href="/account/shares" className={linkClass}>
              Shares
            </Link>
            .
          </p>
          <ShareForm action={shareLightboxAction} hidden={{ lightboxId: lightbox.id }} submitLabel="Send the lightbox" />
        </section>
      ) : null}
    </div>
  );
}
