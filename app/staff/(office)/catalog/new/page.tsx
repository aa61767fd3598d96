import type { Metadata } from 'next';
import Link from 'next/link';
import { linkClass } from '@/app/_components/link-class';
import { PageHeader } from '@/app/account/_components/page-header';
import { listPriceLists } from '@/lib/catalog/price-lists/list-price-lists';
import { LICENCE_MODEL_LABELS, MODEL_RELEASE_LABELS } from '@/lib/catalog/staff/image-details-form';
import { MAX_UPLOAD_MB } from '@/lib/catalog/staff/upload-image';
import { requireStaff } from '@/lib/staff/require-staff';
import { UploadForm } from '../catalog-forms';

export const metadata: Metadata = { title: 'Upload an image' };

export default async function UploadImagePage() {
  const actor = await requireStaff('catalog.manage', '/staff/catalog/new');
  const priceLists = await listPriceLists(actor);
  return (
    <div className="max-w-3xl space-y-8">
      <p>
        <Link href="/staff/catalog" className={linkClass}>
          Back to the catalog
        </Link>
      </p>
      <PageHeader title="Upload an image">The image is added unpublished, with a thumbnail and a watermarked preview made from it. Check its page, then publish it.</PageHeader>
      <UploadForm
        maxMb={MAX_UPLOAD_MB}
        choices={{
          licenceModels: Object.entries(LICENCE_MODEL_LABELS).map(([value, label]) => ({ value, label })),
          modelReleases: Object.entries(MODEL_RELEASE_LABELS).map(([value, label]) => ({ value, label })),
          priceLists: priceLists.map((list) => ({ value: String(list.id), label: `${list.name} (${list.currency})` })),
        }}
      />
    </div>
  );
}
