/**
 * Crawlers that read only the HTML, without running scripts. Next.js sends them each page with its
 * metadata in <head>, rendered before the first byte; every other client (browsers, and crawlers
 * that run scripts such as Googlebot) gets the metadata streamed after it. The same URL therefore
 * has two renderings, and the page cache must never hand one to a client that should get the other.
 *
 * next.config.ts gives this to Next as `htmlLimitedBots` and lib/server/cacheable-pages.ts keys the
 * cache by it, so both decide with this one definition and a Next upgrade that changes its own
 * default list cannot split them. (Next's own test lives under next/dist, which is private.)
 *
 * The list is Next 16's default. Next keeps only the source and tests it case-insensitively, so this
 * carries the `i` flag and no other (a `g` flag would make test() stateful).
 *
 * Imported by next.config.ts, so it imports nothing.
 */
export const HTML_LIMITED_BOTS =
  /[\w-]+-Google|Google-[\w-]+|Chrome-Lighthouse|Slurp|DuckDuckBot|baiduspider|yandex|sogou|bitlybot|tumblr|vkShare|quora link preview|redditbot|ia_archiver|Bingbot|BingPreview|applebot|facebookexternalhit|facebookcatalog|Twitterbot|LinkedInBot|Slackbot|Discordbot|WhatsApp|SkypeUriPreview|Yeti|googleweblight/i;

/** Whether Next renders for this user agent with blocking metadata (an empty one never is, as in Next). */
export function isHtmlLimitedBot(userAgent: string | undefined): boolean {
  return !!userAgent && HTML_LIMITED_BOTS.test(userAgent);
}
