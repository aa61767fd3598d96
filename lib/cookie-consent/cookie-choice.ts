import { optionalCookieCategories, REJECT_ALL, type TCookieChoice } from './categories';

/**
 * The visitor's choice as the browser keeps it, in a necessary cookie the page's script reads (the
 * server never renders anything from it, so a page can be served from the page cache to everyone):
 * `1.<revision>.<preferences><statistics><marketing>.<gpc>`, e.g. `1.0a1b2c3d4e5f6a7b.010.0`.
 * `revision` names the banner and cookie policy versions the choice was made under; another one
 * means "ask again". `gpc` is 1 when the choice was made in Cookie settings while the browser sent
 * Global Privacy Control: only such a choice overrides the signal.
 */
export type TStoredChoice = { revision: string; choice: TCookieChoice; overridesGpc: boolean };

const FORMAT = /^1\.([0-9a-f]{16})\.([01]{3})\.([01])$/;

export function encodeStoredChoice(stored: TStoredChoice): string {
  const bits = optionalCookieCategories.map((category) => (stored.choice[category] ? '1' : '0')).join('');
  return `1.${stored.revision}.${bits}.${stored.overridesGpc ? '1' : '0'}`;
}

export function decodeStoredChoice(value: string | null | undefined): TStoredChoice | null {
  const match = value ? FORMAT.exec(value) : null;
  if (!match) return null;
  const bits = match[2]!;
  const choice = Object.fromEntries(optionalCookieCategories.map((category, index) => [category, bits[index] === '1'])) as TCookieChoice;
  return { revision: match[1]!, choice, overridesGpc: match[3] === '1' };
}

export type TEffectiveChoice =
  /** No choice for the texts in force: show the banner, load nothing. */
  | { state: 'ask' }
  /** The browser's Global Privacy Control: treated as Reject all, no banner. */
  | { state: 'gpc'; choice: TCookieChoice }
  | { state: 'chosen'; choice: TCookieChoice; gpc: boolean };

/**
 * What applies on this page: a choice for another revision counts as none (asked again); with GPC,
 * only a choice made in Cookie settings while the signal was on counts, anything else is Reject all.
 */
export function effectiveChoice(stored: TStoredChoice | null, revision: string, gpc: boolean): TEffectiveChoice {
  const current = stored && stored.revision === revision ? stored : null;
  if (gpc) return current?.overridesGpc ? { state: 'chosen', choice: current.choice, gpc: true } : { state: 'gpc', choice: REJECT_ALL };
  return current ? { state: 'chosen', choice: current.choice, gpc: false } : { state: 'ask' };
}
