import 'server-only';

/**
 * Recent match counts, per process. Counting reads up to SEARCH_COUNT_CAP + 1 matching rows (tens of
 * milliseconds for a common word or a broad filter at a million images), while the numbers change only
 * when images are published or withdrawn, and the same searches recur. A count is reused for COUNT_TTL_MS;
 * the page of results itself is always read afresh. Concurrent first requests share one count.
 */
const COUNT_TTL_MS = 60_000;
const MAX_ENTRIES = 1_000;

type TEntry = { expiresAt: number; count: Promise<number> };

/**
 * Kept on globalThis: the web server's catalog listener (lib/server/start-web-server.ts) and the
 * pages Next.js renders load separate copies of this module, and both must see one set of counts.
 */
type TGlobalWithCounts = typeof globalThis & { __stockroomSearchCounts?: Map<string, TEntry> };
const globalWithCounts = globalThis as TGlobalWithCounts;
const entries = (globalWithCounts.__stockroomSearchCounts ??= new Map<string, TEntry>());

export function cachedSearchCount(key: string, count: () => Promise<number>, now = Date.now()): Promise<number> {
  const entry = entries.get(key);
  if (entry && entry.expiresAt > now) return entry.count;
  entries.delete(key);
  while (entries.size >= MAX_ENTRIES) {
    // Maps iterate in insertion order: the first key is the oldest entry.
    const oldest = entries.keys().next().value;
    if (oldest === undefined) break;
    entries.delete(oldest);
  }
  const pending = count();
  entries.set(key, { expiresAt: now + COUNT_TTL_MS, count: pending });
  // A failed count is not remembered; the caller sees the error.
  pending.catch(() => {
    if (entries.get(key)?.count === pending) entries.delete(key);
  });
  return pending;
}

/** Forgets every remembered count: for a change that must show at once (and for tests). */
export function forgetSearchCounts() {
  entries.clear();
}
