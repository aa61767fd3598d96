import 'server-only';
import { z } from 'zod';

/**
 * The search page's query, parsed leniently from URL search params: anything unknown or invalid
 * falls back to its default, so a hand-edited or hostile URL still renders a normal page.
 * The URL carries the whole query (toSearchParams), so a search can be shared and reloaded.
 */

export const SEARCH_QUERY_MAX_LENGTH = 200;
export const SEARCH_PAGE_MAX = 1000;

export const ORIENTATIONS = ['landscape', 'portrait', 'square'] as const;
export const LICENCES = ['royalty_free', 'rights_managed'] as const;
export const PEOPLE = ['with', 'without'] as const;
/** released: model released; editorial: editorial use only (no model release). */
export const RELEASES = ['released', 'editorial'] as const;
export const SORTS = ['relevance', 'newest'] as const;

export type TOrientationFilter = (typeof ORIENTATIONS)[number];
export type TLicenceFilter = (typeof LICENCES)[number];
export type TPeopleFilter = (typeof PEOPLE)[number];
export type TReleaseFilter = (typeof RELEASES)[number];
export type TSearchSort = (typeof SORTS)[number];

/** Work on at most this many UTF-16 units of raw input, so a 10 MB parameter costs no more than a short one. */
const RAW_INPUT_LIMIT = SEARCH_QUERY_MAX_LENGTH * 8;

// Control characters become spaces; format characters (bidi overrides, zero-width), private-use and
// unassigned code points are dropped: none of them help a text search and some spoof the display.
const CONTROL = /\p{Cc}/gu;
const INVISIBLE = /[\p{Cf}\p{Co}\p{Cn}]/gu;
const WHITESPACE = /\s+/gu;

/** Trimmed, whitespace collapsed, at most 200 code points, valid Unicode with no NUL: always a harmless string. */
export function normaliseSearchText(raw: unknown): string {
  if (typeof raw !== 'string') return '';
  const text = raw
    .slice(0, RAW_INPUT_LIMIT)
    .toWellFormed()
    .normalize('NFKC')
    .replace(CONTROL, ' ')
    .replace(INVISIBLE, '')
    .replace(WHITESPACE, ' ')
    .trim();
  const codePoints = Array.from(text);
  return codePoints.length <= SEARCH_QUERY_MAX_LENGTH ? text : codePoints.slice(0, SEARCH_QUERY_MAX_LENGTH).join('').trim();
}

/** ?a=1&a=2 arrives as an array: the first value counts. */
const firstValue = (value: unknown) => (Array.isArray(value) ? value[0] : value);

const lenientEnum = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess(firstValue, z.enum(values).optional()).catch(undefined);

// A number is accepted too, so parsing an already parsed query changes nothing.
const pageText = (value: unknown) => {
  const first = firstValue(value);
  return typeof first === 'number' ? String(first) : first;
};

const ZPage = z
  .preprocess(pageText, z.string().trim().regex(/^\d{1,4}$/).transform(Number).pipe(z.number().int().min(1).max(SEARCH_PAGE_MAX)))
  .catch(1);

const ZSearchQueryFields = z.object({
  q: z.preprocess(firstValue, z.unknown()).transform(normaliseSearchText),
  orientation: lenientEnum(ORIENTATIONS),
  licence: lenientEnum(LICENCES),
  people: lenientEnum(PEOPLE),
  release: lenientEnum(RELEASES),
  sort: lenientEnum(SORTS),
  page: ZPage,
});

function toPlainObject(input: unknown): Record<string, unknown> {
  if (input instanceof URLSearchParams) {
    const entries: Record<string, string[]> = {};
    for (const [key, value] of input) (entries[key] ??= []).push(value);
    return entries;
  }
  return input !== null && typeof input === 'object' && !Array.isArray(input) ? (input as Record<string, unknown>) : {};
}

/**
 * Accepts Next's searchParams object ({ [key]: string | string[] | undefined }), a URLSearchParams,
 * or anything else (which parses to the defaults). Never fails.
 */
export const ZSearchQuery = z.preprocess(
  toPlainObject,
  ZSearchQueryFields.transform(({ sort, ...fields }) => {
    // Relevance needs words to rank by; without them the only sensible order is newest first.
    const resolvedSort: TSearchSort = fields.q === '' ? 'newest' : (sort ?? 'relevance');
    return { ...fields, sort: resolvedSort };
  }),
);

export type TSearchQuery = z.output<typeof ZSearchQuery>;

export function parseSearchQuery(input: unknown): TSearchQuery {
  return ZSearchQuery.parse(input);
}

export const DEFAULT_SEARCH_QUERY: TSearchQuery = parseSearchQuery({});

export const hasFilters = (query: TSearchQuery) =>
  Boolean(query.orientation || query.licence || query.people || query.release);

/**
 * The canonical query string (no leading '?'): fixed key order, defaults left out, so equal queries
 * give equal URLs. parseSearchQuery(toSearchParams(query)) equals query.
 */
export function toSearchParams(query: TSearchQuery): string {
  const params = new URLSearchParams();
  if (query.q) params.set('q', query.q);
  if (query.orientation) params.set('orientation', query.orientation);
  if (query.licence) params.set('licence', query.licence);
  if (query.people) params.set('people', query.people);
  if (query.release) params.set('release', query.release);
  const defaultSort: TSearchSort = query.q ? 'relevance' : 'newest';
  if (query.q && query.sort !== defaultSort) params.set('sort', query.sort);
  if (query.page > 1) params.set('page', String(query.page));
  return params.toString();
}

/** The search page's address for a query, with optional changes (changing filters resets the page). */
export function searchHref(query: TSearchQuery, changes: Partial<TSearchQuery> = {}): string {
  const search = toSearchParams({ ...query, ...changes });
  return search ? `/search?${search}` : '/search';
}
