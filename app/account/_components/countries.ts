import { countryOptions as allCountries, isCountryCode } from '@/lib/accounts/countries';

/**
 * The country select's options, by English (Ireland) name, from the list the server validates
 * against. A stored code outside that list stays visible as its code, so the person sees it and is
 * asked to choose again, rather than having it dropped silently.
 */
export function countryOptions(current: string | null): { value: string; label: string }[] {
  const options = allCountries('en-IE').map((country) => ({ value: country.code, label: country.name }));
  return current && !isCountryCode(current) ? [...options, { value: current, label: current }] : options;
}
