import Link from 'next/link';
import {
  hasFilters,
  LICENCES,
  ORIENTATIONS,
  PEOPLE,
  RELEASES,
  searchHref,
  type TSearchQuery,
} from '@/lib/catalog/search-query';
import { licenceLabel, orientationLabel } from './labels';

type TOption = { value: string; label: string };

const ANY: TOption = { value: '', label: 'Any' };

const GROUPS: { name: 'orientation' | 'licence' | 'people' | 'release'; legend: string; options: TOption[] }[] = [
  { name: 'orientation', legend: 'Orientation', options: ORIENTATIONS.map((value) => ({ value, label: orientationLabel[value] })) },
  { name: 'licence', legend: 'Licence', options: LICENCES.map((value) => ({ value, label: licenceLabel[value] })) },
  {
    name: 'people',
    legend: 'People',
    options: PEOPLE.map((value) => ({ value, label: value === 'with' ? 'With people' : 'No people' })),
  },
  {
    name: 'release',
    legend: 'Model release',
    options: RELEASES.map((value) => ({ value, label: value === 'released' ? 'Model released' : 'Editorial use only' })),
  },
];

/**
 * Radio groups that belong to the search form (form="…"), so one submit sends the words, the
 * filters and the sort together; no JavaScript needed. On small screens they fold behind a toggle.
 */
export function SearchFilters({ query, formId }: { query: TSearchQuery; formId: string }) {
  const active = [query.orientation, query.licence, query.people, query.release].filter(Boolean).length;
  return (
    <section aria-labelledby="filters-heading">
      {/* A checkbox toggle (CSS only): shows the filters on small screens; they are always shown on large ones. */}
      <input id="show-filters" type="checkbox" className="peer sr-only lg:hidden" />
      <label
        htmlFor="show-filters"
        className="inline-flex min-h-11 cursor-pointer items-center gap-2 rounded-lg border border-neutral-300 px-4 text-sm font-semibold text-ink peer-focus-visible:outline-3 peer-focus-visible:outline-offset-2 peer-focus-visible:outline-brand-600 lg:hidden"
      >
        <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="size-4">
          <path d="M3 5.75A.75.75 0 0 1 3.75 5h12.5a.75.75 0 0 1 0 1.5H3.75A.75.75 0 0 1 3 5.75Zm3 4.25a.75.75 0 0 1 .75-.75h6.5a.75.75 0 0 1 0 1.5h-6.5A.75.75 0 0 1 6 10Zm3 4.25a.75.75 0 0 1 .75-.75h.5a.75.75 0 0 1 0 1.5h-.5a.75.75 0 0 1-.75-.75Z" />
        </svg>
        Show filters{active > 0 ? ` (${active} on)` : ''}
      </label>
      <div className="mt-4 hidden peer-checked:block lg:mt-0 lg:block">
        <h2 id="filters-heading" className="text-base font-semibold text-ink">
          Filters
        </h2>
        <div className="mt-3 grid gap-5 sm:grid-cols-2 lg:grid-cols-1">
          {GROUPS.map((group) => (
            <fieldset key={group.name}>
              <legend className="text-sm font-semibold text-ink">{group.legend}</legend>
              <div className="mt-2 space-y-1">
                {[ANY, ...group.options].map((option) => {
                  const id = `filter-${group.name}-${option.value || 'any'}`;
                  return (
                    <div key={id} className="flex items-center gap-2">
                      <input
                        id={id}
                        type="radio"
                        form={formId}
                        name={group.name}
                        value={option.value}
                        defaultChecked={(query[group.name] ?? '') === option.value}
                        className="size-4 accent-brand-700"
                      />
                      <label htmlFor={id} className="cursor-pointer py-1 text-sm text-neutral-800">
                        {option.label}
                      </label>
                    </div>
                  );
                })}
              </div>
            </fieldset>
          ))}
        </div>
        <div className="mt-5 flex flex-wrap items-center gap-4">
          <button
            type="submit"
            form={formId}
            className="inline-flex min-h-11 items-center rounded-lg bg-brand-700 px-4 text-sm font-semibold text-white hover:bg-brand-800"
          >
            Apply filters
          </button>
          {hasFilters(query) ? (
            <Link
              href={searchHref(query, { orientation: undefined, licence: undefined, people: undefined, release: undefined, page: 1 })}
              className="text-sm font-medium text-brand-700 underline underline-offset-2 hover:text-brand-800"
            >
              Clear filters
            </Link>
          ) : null}
        </div>
      </div>
    </section>
  );
}
