import { z } from 'zod';

/** An image id as it appears in a media URL: digits only, no leading zero, a safe positive integer. */
export const ZImageIdParam = z
  .string()
  .regex(/^[1-9][0-9]{0,15}$/)
  .transform(Number)
  .refine(Number.isSafeInteger);

/** If-None-Match uses weak comparison (RFC 9110 section 13.1.2): W/ prefixes are ignored, "*" matches any. */
export function matchesEtag(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const bare = (tag: string) => tag.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((candidate) => candidate.trim() === '*' || bare(candidate) === bare(etag));
}
