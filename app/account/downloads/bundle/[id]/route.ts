import { headers } from 'next/headers';
import { bundleDownloadResponse } from '@/lib/downloads/bundle-download';
import { clientInfoFrom } from '@/lib/http/client-info';

/** The ZIP of an order's files, through the link mailed to its buyer; only they, signed in, get it (see bundleDownloadResponse). */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return bundleDownloadResponse({ bundleId: id, ip: clientInfoFrom(await headers()).ip });
}
