import 'server-only';
import { z } from 'zod';
import { recordAuditEntry } from '@/lib/audit/record-audit-entry';
import { assertStaffMay } from '@/lib/customers/customer-access';
import { AppError, fieldErrorsFrom } from '@/lib/errors';
import { detectImageFormat } from '@/lib/media/detect-image-format';
import type { TImageMetadataInput } from '@/lib/media/image-metadata';
import { ingestImage, type TIngestImageOptions } from '@/lib/media/ingest-image';
import type { TStaffActor } from '@/lib/staff/require-staff';
import { ZImageDetailsForm } from './image-details-form';

/** An upload through the back office: large enough for a camera original, small enough to hold in memory. */
export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;
export const MAX_UPLOAD_MB = MAX_UPLOAD_BYTES / 1024 / 1024;

const NOT_AN_IMAGE = 'This file is not a picture we can use: upload a JPEG, PNG, TIFF or WebP image.';

export const ZUploadFile = z.object({
  file: z
    .instanceof(File, { message: 'Choose a picture to upload.' })
    .refine((file) => file.size > 0, 'Choose a picture to upload (this file is empty).')
    .refine((file) => file.size <= MAX_UPLOAD_BYTES, `The file is larger than ${MAX_UPLOAD_MB} MB.`),
});

const ZUploadForm = ZImageDetailsForm.extend({
  // Left empty, these come from the file's own metadata (XMP/IPTC/EXIF), and the title from its name.
  title: z.string().max(1000).default(''),
  peopleCount: z
    .string()
    .trim()
    .default('0')
    .pipe(z.string().regex(/^\d{1,6}$/, 'The number of people must be a whole number, e.g. 0 or 2.'))
    .transform(Number),
});

function invalid(fieldErrors: Record<string, string>, message = 'Please correct the marked fields.') {
  return new AppError('INVALID_INPUT', message, fieldErrors);
}

/**
 * Adds a picture uploaded by staff to the catalog, unpublished, through the media pipeline
 * (lib/media/ingest-image.ts: original kept byte for byte, thumbnail and watermarked preview made).
 * The file is checked by its content, not its name or claimed type. Fields left empty are taken
 * from the file's own metadata. The rows and the audit entry 'catalog.image-uploaded' are one
 * transaction; a refused file leaves neither rows nor stored files.
 */
export async function uploadImage(
  actor: TStaffActor,
  input: { file: unknown; form: Record<string, unknown> },
  options: Omit<TIngestImageOptions, 'withinTransaction'> = {},
): Promise<{ imageId: number }> {
  assertStaffMay(actor, 'catalog.manage');
  const file = ZUploadFile.safeParse({ file: input.file });
  const form = ZUploadForm.safeParse(input.form);
  const fieldErrors = { ...(file.success ? {} : fieldErrorsFrom(file.error)), ...(form.success ? {} : fieldErrorsFrom(form.error)) };
  if (!file.success || !form.success) throw invalid(fieldErrors);

  const bytes = Buffer.from(await file.data.file.arrayBuffer());
  if (!detectImageFormat(bytes)) throw invalid({ file: NOT_AN_IMAGE }, NOT_AN_IMAGE);

  const { keywords, priceListId, licenceModel, ...fields } = form.data;
  const metadata: Partial<TImageMetadataInput> = {
    ...Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== '' && value !== null)),
    licenceModel,
    priceListId: licenceModel === 'royalty_free' ? priceListId : null,
    ...(keywords.some((keyword) => keyword.trim() !== '') ? { keywords } : {}),
  };
  try {
    return await ingestImage(
      { source: bytes, fileName: file.data.file.name, metadata, publish: false },
      {
        ...options,
        withinTransaction: (tx, imageId) =>
          recordAuditEntry(tx, {
            actorKind: 'staff',
            actorUserId: actor.userId,
            action: 'catalog.image-uploaded',
            objectType: 'image',
            objectId: String(imageId),
            changedFields: ['original', ...Object.keys(metadata)],
            clientIp: actor.client.ip,
          }),
      },
    );
  } catch (error) {
    // The pipeline names the file in its message; the form shows it next to the file field.
    if (error instanceof AppError && error.code === 'INVALID_INPUT' && Object.keys(error.fieldErrors).length === 0) {
      throw invalid({ file: error.userMessage }, error.userMessage);
    }
    throw error;
  }
}
