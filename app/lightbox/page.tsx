import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { linkClass } from '@/app/_components/link-class';
import { getOptionalUser } from '@/lib/auth/guards';
import { isStaffSession, readLightboxOwner } from '@/lib/lightboxes/current-owner';
import { getLightbox, type TLightbox } from '@/lib/lightboxes/get-lightbox';
import { listLightboxes } from '@/lib/lightboxes/list-lightboxes';
import { thumbnailUrl } from '@/lib/media/urls';
import { RemoveGuestImageForm } from './remove-guest-image-form';

export const metadata: Metadata = { title: 'Your lightbox', robots: { index: false, follow: false } };

/**
 * A guest's lightbox: what they kept during this visit, under the visitor cookie. It invites them
 * to register or sign in, which moves it into their account; a customer goes to My Account.
 */
export default async function GuestLightboxPage() {
  if (await getOptionalUser()) redirect('/account/lightboxes');
  const staff = await isStaffSession();
  const owner = staff ? null : await readLightboxOwner();
  const active = owner ? (await listLightboxes(owner)).find((lightbox) => lightbox.isActive) : undefined;
  const lightbox: TLightbox | null = owner && active ? await getLightbox(owner, active.id) : null;
  const count = lightbox?.images.length ?? 0;

  return (
    <div className="mx-auto max-w-7xl px-4 py-8 sm:px-6 lg:py-12">
      <header className="max-w-3xl">
        <h1 className="text-2xl font-semibold tracking-tight text-ink sm:text-3xl">Your lightbox</h1>
        <p className="mt-2 text-neutral-700">
          {staff
            ? 'Lightboxes belong to customer accounts; a back-office session has none.'
            : 'Images you keep while you look around. We keep them for this visit only; they are removed 30 days after your last change.'}
        </p>
      </header>

      {staff ? null : (
        <section aria-labelledby="keep-heading" className="mt-6 max-w-3xl rounded-lg border border-brand-100 bg-brand-50 p-5">
          <h2 id="keep-heading" className="text-base font-semibold text-ink">
            Keep your lightbox
          </h2>
          <p className="mt-1 text-sm text-neutral-800">
            Register or sign in and this lightbox moves into your account, where you can keep several lightboxes, add notes
            and share them by e-mail.
          </p>
          <div className="mt-4 flex flex-wrap gap-3">
            <Link href="/register" className="inline-flex min-h-11 items-center rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-brand-800">
              Register
            </Link>
            <Link href="/login?next=%2Faccount%2Flightboxes" className="inline-flex min-h-11 items-center rounded-md border border-neutral-500 bg-white px-4 py-2 text-sm font-semibold text-ink shadow-sm hover:bg-neutral-50">
              Sign in
            </Link>
          </div>
        </section>
      )}

      <section aria-labelledby="images-heading" className="mt-8">
        <h2 id="images-heading" className="text-lg font-semibold text-ink">
          {count === 1 ? '1 image' : `${count} images`}
        </h2>
        {count === 0 || !lightbox ? (
          <div className="mt-3 max-w-3xl rounded-lg border border-dashed border-neutral-300 p-6 text-sm text-neutral-700">
            <p>Your lightbox is empty.</p>
            <p className="mt-1">
              <Link href="/search" className={linkClass}>
                Browse images
              </Link>{' '}
              and press the bookmark button on the pictures you like.
            </p>
          </div>
        ) : (
          <ul className="mt-4 grid grid-cols-2 gap-x-4 gap-y-6 sm:grid-cols-3 xl:grid-cols-4">
            {lightbox.images.map((image) => (
              <li key={image.imageId}>
                <a href={`/images/${image.imageId}`} className="image-card">
                  <span className="image-card-frame">
                    <img src={thumbnailUrl(image.imageId)} alt={image.title} width={image.width} height={image.height} loading="lazy" className="image-card-img" />
                  </span>
                  <span aria-hidden="true" className="image-card-title">
                    {image.title}
                  </span>
                </a>
                <RemoveGuestImageForm imageId={image.imageId} title={image.title} />
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
