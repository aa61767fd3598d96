/**
 * The cookie categories: necessary (always on) and the three a visitor chooses. Client-safe: the
 * banner and the settings use it in the browser.
 */
export const optionalCookieCategories = ['preferences', 'statistics', 'marketing'] as const;
export type TOptionalCookieCategory = (typeof optionalCookieCategories)[number];

export const cookieCategoryInfo: Record<'necessary' | TOptionalCookieCategory, { label: string; description: string }> = {
  necessary: { label: 'Necessary', description: 'Needed for the shop to work: signing in, your cart and lightbox, security, and remembering this choice. Always on.' },
  preferences: { label: 'Preferences', description: 'Remember choices that change how the site looks or behaves for you.' },
  statistics: { label: 'Statistics', description: 'Count visits and how pages are used, so we can improve the shop.' },
  marketing: { label: 'Marketing', description: 'Measure or personalise advertising.' },
};

/** The setting that holds the site owner's script for each category. */
export const categoryScriptSetting = {
  preferences: 'cookies.preferencesScript',
  statistics: 'cookies.statisticsScript',
  marketing: 'cookies.marketingScript',
} as const satisfies Record<TOptionalCookieCategory, `cookies.${string}`>;

/** The consent ledger's purpose for each category. */
export const categoryLedgerPurpose = {
  preferences: 'cookie_preferences',
  statistics: 'cookie_statistics',
  marketing: 'cookie_marketing',
} as const satisfies Record<TOptionalCookieCategory, string>;

export type TCookieChoice = Record<TOptionalCookieCategory, boolean>;

export const REJECT_ALL: TCookieChoice = { preferences: false, statistics: false, marketing: false };
export const ACCEPT_ALL: TCookieChoice = { preferences: true, statistics: true, marketing: true };

/** The settings /staff/cookies changes. */
export const COOKIE_SCRIPT_SETTING_KEYS = optionalCookieCategories.map((category) => categoryScriptSetting[category]);
