type TSearchBoxProps = {
  /** The words to show in the box, e.g. the current search. */
  defaultValue?: string;
  /** 'large' for the home page hero; 'regular' elsewhere. */
  size?: 'large' | 'regular';
  /** Lets controls elsewhere on the page join this form with form="…". */
  formId?: string;
  /** Unique per page when there is more than one box. */
  inputId?: string;
  label?: string;
};

/** A GET form to /search: works without JavaScript, and the address it opens can be shared. */
export function SearchBox({
  defaultValue = '',
  size = 'regular',
  formId,
  inputId = 'search-words',
  label = 'Search images',
}: TSearchBoxProps) {
  const large = size === 'large';
  return (
    <form id={formId} role="search" action="/search" method="get" className="w-full">
      <label htmlFor={inputId} className={large ? 'mb-2 block text-base font-medium text-ink' : 'mb-1 block text-sm font-medium text-ink'}>
        {label}
      </label>
      <div className="flex w-full gap-2">
        <input
          id={inputId}
          name="q"
          type="search"
          defaultValue={defaultValue}
          placeholder="Try “harbour at dawn” or “office -people”"
          autoComplete="off"
          enterKeyHint="search"
          maxLength={200}
          className={`min-w-0 flex-1 rounded-lg border border-neutral-400 bg-white text-ink placeholder:text-neutral-500 focus:border-brand-600 ${
            large ? 'min-h-14 px-4 text-lg shadow-sm' : 'min-h-11 px-3 text-base'
          }`}
        />
        <button
          type="submit"
          className={`inline-flex shrink-0 items-center justify-center gap-2 rounded-lg bg-brand-700 font-semibold text-white hover:bg-brand-800 ${
            large ? 'min-h-14 px-6 text-lg' : 'min-h-11 px-4 text-base'
          }`}
        >
          <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className={large ? 'size-5' : 'size-4'}>
            <path
              fillRule="evenodd"
              d="M9 3.5a5.5 5.5 0 1 0 0 11 5.5 5.5 0 0 0 0-11ZM2 9a7 7 0 1 1 12.45 4.39l3.33 3.33a.75.75 0 1 1-1.06 1.06l-3.33-3.33A7 7 0 0 1 2 9Z"
              clipRule="evenodd"
            />
          </svg>
          Search
        </button>
      </div>
    </form>
  );
}
