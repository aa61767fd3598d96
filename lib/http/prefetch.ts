type THeaderReader = (name: string) => string | null | undefined;

/**
 * A prefetch is the browser or Next's router fetching ahead of a click: not a visit, and not a
 * document anyone is looking at yet.
 */
export function isPrefetch(header: THeaderReader): boolean {
  if (header('next-router-prefetch')) return true;
  const purpose = `${header('purpose') ?? ''} ${header('sec-purpose') ?? ''}`;
  return /\bprefetch\b/i.test(purpose);
}
