/**
 * Requests below the browser: any method, any request target, repeated headers, and a chosen local
 * address for the TCP connection. All of 127/8 is loopback on Linux and the server listens on
 * 0.0.0.0, so a request from 127.0.0.2 reaches it with that peer address: the trusted proxy of the
 * e2e server (tests/e2e/server.ts sets TRUSTED_PROXIES to it), while 127.0.0.1 stays an ordinary,
 * untrusted client.
 */
import http, { type IncomingHttpHeaders, type OutgoingHttpHeaders } from 'node:http';
import net from 'node:net';
import { e2eState } from './state';

export const E2E_TRUSTED_PROXY = '127.0.0.2';
export const UNTRUSTED_CLIENT = '127.0.0.1';

export type TRawResponse = { status: number; headers: IncomingHttpHeaders; body: string };

type TRawRequest = {
  path: string;
  method?: string;
  from?: string;
  headers?: OutgoingHttpHeaders;
  body?: string;
};

export function rawRequest(options: TRawRequest): Promise<TRawResponse> {
  return rawRequestTo(Number(new URL(e2eState().baseUrl).port), options);
}

/** The same, to a server on another port of this machine (a second process in two-processes.spec.ts). */
export function rawRequestTo(port: number, options: TRawRequest): Promise<TRawResponse> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: '127.0.0.1',
        port: Number(port),
        localAddress: options.from ?? UNTRUSTED_CLIENT,
        method: options.method ?? 'GET',
        path: options.path,
        headers: options.headers,
        agent: false,
      },
      (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
      },
    );
    request.on('error', reject);
    request.end(options.body);
  });
}

/** Writes a request by hand (what http.request will not send, such as CONNECT or a made-up method) and returns the status line. */
export function rawStatusLine(requestText: string): Promise<string> {
  const { port } = new URL(e2eState().baseUrl);
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port: Number(port) }, () => socket.write(requestText));
    let received = '';
    socket.setEncoding('utf8');
    socket.setTimeout(10_000, () => socket.destroy(new Error('no answer within 10 s')));
    socket.on('data', (chunk: string) => {
      received += chunk;
      if (received.includes('\r\n')) {
        resolve(received.split('\r\n', 1)[0]!);
        socket.destroy();
      }
    });
    socket.on('error', reject);
    socket.on('close', () => resolve(received.split('\r\n', 1)[0] ?? ''));
  });
}

const cookiePairs = (setCookie: string[] | undefined) => (setCookie ?? []).map((cookie) => cookie.split(';', 1)[0]!).join('; ');

/**
 * One sign-in through next-auth's credentials endpoint, as the login form posts it, from a chosen
 * address with chosen headers. Returns the code the form would show (`invalid`, `throttled:<s>`),
 * or 'ok' with the session cookie set.
 */
export async function signInOverHttp(options: {
  email: string;
  password: string;
  from?: string;
  headers?: OutgoingHttpHeaders;
}): Promise<{ outcome: string; url: string }> {
  const csrf = await rawRequest({ path: '/api/auth/csrf', from: options.from, headers: options.headers });
  const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
  const body = new URLSearchParams({ csrfToken, email: options.email, password: options.password, callbackUrl: '/account', json: 'true' }).toString();
  const response = await rawRequest({
    path: '/api/auth/callback/credentials',
    method: 'POST',
    from: options.from,
    headers: {
      ...options.headers,
      'content-type': 'application/x-www-form-urlencoded',
      'content-length': Buffer.byteLength(body),
      cookie: cookiePairs(csrf.headers['set-cookie']),
    },
    body,
  });
  const { url } = JSON.parse(response.body) as { url: string };
  const error = new URL(url).searchParams.get('error');
  return { outcome: error ?? 'ok', url };
}
