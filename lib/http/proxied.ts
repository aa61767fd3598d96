type THeaderReader = (name: string) => string | null | undefined;

/** Headers reverse proxies add. A client can send them too; that only makes a check stricter. */
const PROXY_HEADERS = ['forwarded', 'x-forwarded-for', 'x-forwarded-host', 'x-real-ip', 'via'];

/**
 * Whether the request passed through a proxy, so that a loopback peer address says nothing about
 * where the visitor is: a demo behind nginx on the same machine sees every request from 127.0.0.1.
 */
export function isProxied(header: THeaderReader): boolean {
  return PROXY_HEADERS.some((name) => header(name) != null);
}
