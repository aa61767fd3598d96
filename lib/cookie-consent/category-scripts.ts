import { z } from 'zod';

/**
 * A script the site owner adds for one optional cookie category (a statistics tag, say): loaded in
 * the browser only after the visitor consented to that category, carrying the page's CSP nonce.
 * `cookies` lists what the script sets, one per line as `name | purpose | lifetime`, so the cookie
 * settings can show them and withdrawing consent can remove them.
 */
export type TCategoryScript = { name: string; src: string; code: string; cookies: string };

export type TCategoryCookie = { name: string; purpose: string; lifetime: string };

/** A cookie name as RFC 6265 allows it (a token). */
const COOKIE_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]{1,100}$/;

/** The lines of `cookies` that are not blank, split into name, purpose and lifetime (null: a line is malformed). */
export function categoryCookiesOf(text: string): TCategoryCookie[] | null {
  const cookies: TCategoryCookie[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '') continue;
    const [name = '', purpose = '', lifetime = '', ...rest] = line.split('|').map((part) => part.trim());
    if (rest.length > 0 || !COOKIE_NAME.test(name) || purpose === '' || lifetime === '') return null;
    cookies.push({ name, purpose, lifetime });
  }
  return cookies;
}

/** An https:// address, or a path on this site: nothing that could close the attribute or start another scheme. */
const SCRIPT_SOURCE = /^(?:https:\/\/[^\s"'<>\\]+|\/(?!\/)[^\s"'<>\\]*)$/;

export const isConfiguredScript = (script: TCategoryScript) => script.src !== '' || script.code.trim() !== '';

export const ZCategoryScript = z
  .object({
    name: z.string().trim().max(80, 'At most 80 characters.'),
    src: z.string().trim().max(500, 'At most 500 characters.').refine((value) => value === '' || SCRIPT_SOURCE.test(value), 'Enter an https:// address or a path on this site starting with /.'),
    code: z.string().max(20_000, 'At most 20,000 characters.'),
    cookies: z
      .string()
      .trim()
      .max(4000, 'At most 4,000 characters.')
      .refine((value) => categoryCookiesOf(value) !== null, 'One cookie per line as: name | purpose | lifetime (e.g. _stats_id | Counts visits | 13 months).'),
  })
  .superRefine((script, context) => {
    if (isConfiguredScript(script) && script.name === '') context.addIssue({ code: 'custom', path: ['name'], message: 'Name the script: visitors see the name in the cookie settings.' });
  });

export const EMPTY_CATEGORY_SCRIPT: TCategoryScript = { name: '', src: '', code: '', cookies: '' };
