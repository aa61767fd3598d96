import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { linkClass } from '@/app/_components/link-class';
import { PageHeader } from '@/app/account/_components/page-header';
import { Timestamp } from '@/app/account/_components/timestamp';
import { parseImageId } from '@/lib/catalog/image-id';
import { catalogImageForStaff } from '@/lib/catalog/staff/catalog-image-for-staff';
import { LICENCE_MODEL_LABELS, MODEL_RELEASE_LABELS } from '@/lib/catalog/staff/image-details-form';
import { AppError } from '@/lib/errors';
import { requireStaff } from '@/lib/staff/require-staff';
import { publishImageAction, unpublishImageAction, updateImageDetailsAction } from '../actions';
import { ImageDetailsForm, PublicationButton } from '../catalog-forms';

export const metadata: Metadata = { title: 'Edit image' };

type TProps = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

export default async function CatalogImagePage({ params, searchParams }: TProps) {
  const { id: rawId } = await params;
  const id = parseImageId(rawId);
  const actor = await requireStaff('catalog.manage', id ? `/staff/catalog/${id}` : '/staff/catalog/[id]');
  if (!id) notFound();
  let found: Awaited<ReturnType<typeof catalogImageForStaff>>;
  try {
    found = await catalogImageForStaff(actor, id);
  } catch (error) {
    if (error instanceof AppError && error.code === 'NOT_FOUND') notFound();
    throw error;
  }
  const { image, original, priceLists } = found;
  const uploaded = (await searchParams).uploaded === '1';

  return (
    <div className="space-y-8">
      <p>
        <Link href="/staff/catalog" className={linkClass}>
          Back to the catalog
        </Link>
      </p>
      <PageHeader title={image.title}>
        Image {image.id} · {image.width} × {image.height} px{original ? ` · ${original.mime} original, ${megabytes(original.bytes)}` : ''}
      </PageHeader>
      {uploaded ? (
        <p role="status" className="rounded-md border-l-4 border-brand-700 bg-brand-50 p-4 font-medium text-brand-800">
          Uploaded. Check the details below, then publish the image when it is ready for the shop.
        </p>
      ) : null}

      <section aria-labelledby="publication" className="space-y-3 rounded-lg border border-neutral-200 p-5">
        <h2 id="publication" className="text-lg font-semibold text-ink">
          Publication
        </h2>
        <p className="text-sm text-neutral-700">
          {image.published && image.publishedAt ? (
            <>
              Published since <Timestamp value={image.publishedAt} />: guests find it in search and on its own page.{' '}
              <Link href={`/images/${image.id}`} className={linkClass}>
                See it in the shop
              </Link>
            </>
          ) : (
            'Not published: only staff see it. Publishing puts it in search and on its own page at once.'
          )}
        </p>
        {image.published ? (
          <PublicationButton action={unpublishImageAction} imageId={image.id} label="Withdraw from the shop" pendingLabel="Withdrawing…" variant="danger" />
        ) : (
          <PublicationButton action={publishImageAction} imageId={image.id} label="Publish" pendingLabel="Publishing…" variant="primary" />
        )}
      </section>

      <section aria-labelledby="details" className="space-y-4 rounded-lg border border-neutral-200 p-5">
        <h2 id="details" className="text-lg font-semibold text-ink">
          Details and price list
        </h2>
        <ImageDetailsForm
          action={updateImageDetailsAction}
          imageId={image.id}
          values={{
            title: image.title,
            description: image.description,
            keywords: image.keywords.join(', '),
            creatorName: image.creatorName,
            creditLine: image.creditLine,
            capturedOn: image.capturedOn ?? '',
            licenceModel: image.licenceModel,
            priceListId: image.priceListId === null ? '' : String(image.priceListId),
            modelRelease: image.modelRelease,
            peopleCount: String(image.peopleCount),
          }}
          choices={{
            licenceModels: Object.entries(LICENCE_MODEL_LABELS).map(([value, label]) => ({ value, label })),
            modelReleases: Object.entries(MODEL_RELEASE_LABELS).map(([value, label]) => ({ value, label })),
            priceLists: priceLists.map((list) => ({ value: String(list.id), label: `${list.name} (${list.currency})` })),
          }}
        />
      </section>
    </div>
  );
}
