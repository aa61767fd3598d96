/**
 * The page cache's refusal of failed pages, fed with what React's streaming renderer really sends
 * (the renderer Next uses for every page) rather than hand-written markup: a Suspense boundary whose
 * content fails after the shell has gone out, one that fails before, and, to show the test can tell
 * them apart, the same page whose boundary succeeds. tests/e2e/page-cache.spec.ts does the same with
 * a search page of the production build whose query fails.
 */
import { createElement as h, Suspense, type ReactNode } from 'react';
import { renderToReadableStream } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { storablePage } from '@/lib/server/page-cache';

const NONCE = 'AbCdEfGhIjKlMnOpQrStUv';

/** As Next answers a page: HTML, the nonce in the policy, and a digest for each error (it logs the error itself). */
async function renderLikeNext(content: () => Promise<ReactNode> | ReactNode) {
  const Content = () => content();
  const page = h(
    'html',
    null,
    h('body', null, h('h1', null, 'Images'), h(Suspense, { fallback: h('p', null, 'Searching images…') }, h(Content))),
  );
  const stream = await renderToReadableStream(page, { nonce: NONCE, onError: () => '3412781520' });
  return {
    statusCode: 200,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': `default-src 'self'; script-src 'self' 'nonce-${NONCE}' 'strict-dynamic'`,
    },
    body: Buffer.from(await new Response(stream).arrayBuffer()),
  };
}

const queryFails = async (): Promise<ReactNode> => {
  // The shell (heading and fallback) is sent before this settles, as with a search that waits on the database.
  await new Promise((resolve) => setTimeout(resolve, 5));
  throw new Error('relation "images" does not exist');
};
const queryAnswers = async (): Promise<ReactNode> => {
  await new Promise((resolve) => setTimeout(resolve, 5));
  return h('p', null, '3 images');
};

const store = (rendered: Awaited<ReturnType<typeof renderLikeNext>>) => storablePage(rendered, { ttlMs: 30_000, now: 0 });

describe('storablePage on real renders', () => {
  it('keeps a page whose streamed boundary arrived', async () => {
    const rendered = await renderLikeNext(queryAnswers);
    // Streamed after the shell, then swapped in by React's script.
    expect(rendered.body.toString()).toMatch(/<!--\$\?-->.*<p>3 images<\/p>/s);
    expect(store(rendered)).not.toBeNull();
  });

  it('refuses a page whose boundary failed after the shell was sent (a 200 the browser shows as an error)', async () => {
    const rendered = await renderLikeNext(queryFails);
    expect(rendered.statusCode).toBe(200);
    expect(rendered.body.toString()).not.toContain('3 images');
    expect(store(rendered)).toBeNull();
  });

  it('refuses a page whose boundary failed before the shell was sent', async () => {
    const rendered = await renderLikeNext(() => {
      throw new Error('relation "images" does not exist');
    });
    expect(rendered.body.toString()).toContain('<!--$!-->');
    expect(store(rendered)).toBeNull();
  });
});
