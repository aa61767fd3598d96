import { headers } from 'next/headers';
import { clientInfoFrom } from '@/lib/http/client-info';
import { dataExportDownloadResponse } from '@/lib/privacy/data-export-download';

/** A "Download my data" ZIP; only its subject, signed in, gets it (see dataExportDownloadResponse). */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return dataExportDownloadResponse({ exportId: id, ip: clientInfoFrom(await headers()).ip });
}
