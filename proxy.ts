import { NextResponse, type NextRequest } from 'next/server';
import { runtimeEnv, serverEnv } from '@/lib/env';
import { createNonce, pageContentSecurityPolicy } from '@/lib/http/security-headers';

/** Gives every page a fresh CSP nonce; Next.js reads it from the request's CSP header and applies it to its scripts. */
export function proxy(request: NextRequest) {
  const nonce = createNonce();
  const policy = pageContentSecurityPolicy(nonce, {
    dev: runtimeEnv().NODE_ENV === 'development',
    https: serverEnv().APP_URL.startsWith('https://'),
  });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('x-nonce', nonce);
  requestHeaders.set('Content-Security-Policy', policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set('Content-Security-Policy', policy);
  return response;
}

/**
 * The catalog upload route is left out: a proxy reads at most 10 MB of a body and silently cuts the
 * rest, which would turn a large original into a "damaged" file. It is a JSON route with no page to
 * give a nonce to.
 */
export const config = {
  matcher: [{ source: '/((?!_next/static|_next/image|media/|favicon.ico|staff/catalog/upload).*)' }],
};
