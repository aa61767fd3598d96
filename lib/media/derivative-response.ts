import 'server-only';
import { matchesEtag } from './derivative-request';
import { readDerivative, type TDerivativeKind } from './read-derivative';
import { logLine } from '@/lib/log/log-line';
import { errorFrames, errorSummary } from '@/lib/log/error-summary';

const CACHE_CONTROL = 'public, max-age=86400';

/** 404 with a plain-text body: the same answer for a malformed, unknown or unpublished id. */
export function mediaNotFound(): Response {
  return new Response('Not found', {
    status: 404,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' },
  });
}

/**
 * The response for a derivative URL: the WebP bytes, 304 when the client's If-None-Match names the
 * current ETag, 404 otherwise. A failure is logged and answered with a bodyless 500, never a stack trace.
 */
export async function derivativeResponse(request: Request, imageId: number, kind: TDerivativeKind): Promise<Response> {
  try {
    const derivative = await readDerivative(imageId, kind);
    if (!derivative) return mediaNotFound();
    const headers = {
      'Cache-Control': CACHE_CONTROL,
      ETag: derivative.etag,
      'X-Content-Type-Options': 'nosniff',
    };
    if (matchesEtag(request.headers.get('if-none-match'), derivative.etag)) {
      await derivative.stream.cancel();
      return new Response(null, { status: 304, headers });
    }
    return new Response(derivative.stream, {
      status: 200,
      headers: { ...headers, 'Content-Type': derivative.contentType, 'Content-Length': String(derivative.size) },
    });
  } catch (error) {
    logLine('error', 'media', `serving the ${kind} of image ${imageId} failed: ${errorSummary(error)} ${errorFrames(error)}`);
    return new Response(null, { status: 500, headers: { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' } });
  }
}
