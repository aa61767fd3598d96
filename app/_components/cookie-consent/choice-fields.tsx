'use client';

import { cookieCategoryInfo, optionalCookieCategories, type TCookieChoice, type TOptionalCookieCategory } from '@/lib/cookie-consent/categories';
import type { TCategoryScriptInPage } from '@/lib/cookie-consent/cookie-consent-config';

/** The four categories with a switch each for the three optional ones; what each script in use sets is named under it. */
export function ChoiceFields({ idPrefix, choice, onChange, scripts }: { idPrefix: string; choice: TCookieChoice; onChange: (choice: TCookieChoice) => void; scripts: TCategoryScriptInPage[] }) {
  const inUse = (category: TOptionalCookieCategory) => scripts.filter((script) => script.category === category);
  return (
    <fieldset className="space-y-4">
      <legend className="sr-only">Cookie categories</legend>
      <div className="flex items-start gap-3">
        <input id={`${idPrefix}-necessary`} type="checkbox" checked disabled aria-describedby={`${idPrefix}-necessary-hint`} className="mt-1 size-5 accent-brand-700" />
        <div>
          <label htmlFor={`${idPrefix}-necessary`} className="font-medium text-ink">
            {cookieCategoryInfo.necessary.label} (always on)
          </label>
          <p id={`${idPrefix}-necessary-hint`} className="text-sm text-neutral-700">
            {cookieCategoryInfo.necessary.description}
          </p>
        </div>
      </div>
      {optionalCookieCategories.map((category) => {
        const used = inUse(category);
        return (
          <div key={category} className="flex items-start gap-3">
            <input
              id={`${idPrefix}-${category}`}
              name={category}
              type="checkbox"
              checked={choice[category]}
              onChange={(event) => onChange({ ...choice, [category]: event.target.checked })}
              aria-describedby={`${idPrefix}-${category}-hint`}
              className="mt-1 size-5 accent-brand-700"
            />
            <div>
              <label htmlFor={`${idPrefix}-${category}`} className="font-medium text-ink">
                {cookieCategoryInfo[category].label}
              </label>
              <p id={`${idPrefix}-${category}-hint`} className="text-sm text-neutral-700">
                {cookieCategoryInfo[category].description}{' '}
                {used.length === 0
                  ? 'Not in use on this site.'
                  : `In use: ${used.map((script) => script.name).join(', ')}${used.some((script) => script.cookies.length > 0) ? `, setting ${used.flatMap((script) => script.cookies.map((cookie) => `${cookie.name} (${cookie.lifetime})`)).join(', ')}` : ''}.`}
              </p>
            </div>
          </div>
        );
      })}
    </fieldset>
  );
}
