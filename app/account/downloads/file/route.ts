import { headers } from 'next/headers';
import { getOptionalUser } from '@/lib/auth/guards';
import { licensedDownloadResponse } from '@/lib/downloads/licensed-download';
import { clientInfoFrom } from '@/lib/http/client-info';

/** A purchased file through its signed link; only its buyer, signed in, gets it (see licensedDownloadResponse). */
export async function GET(request: Request) {
  const token = new URL(request.url).searchParams.get('t');
  const actor = await getOptionalUser();
  return licensedDownloadResponse({ actor, token, ip: clientInfoFrom(await headers()).ip });
}
