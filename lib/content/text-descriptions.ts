import { settingLabels } from '@/lib/settings/setting-labels';
import type { TTextKey } from '@/lib/settings/text-versions';

/** Where each text is shown, for the editor. A text added later without an entry here gets a general line. */
const usage: Partial<Record<TTextKey, string>> = {
  'texts.privacyPolicy': 'The privacy policy at /privacy, linked from registration. Markdown. A material change is shown to customers at their next sign-in.',
  'texts.whatWeStore': 'The "What we store about you" box on the registration page. Markdown.',
  'texts.ageConfirmation': 'The age statement a new customer ticks at registration. Plain text; {age} is the age of consent.',
  'texts.parentalConsent': 'The statement for customers under the age of consent at registration. Plain text; {age} is the age of consent.',
  'texts.marketingOptIn': 'The marketing e-mail opt-in at registration and in My Account. Plain text.',
  'texts.licenceTerms': 'The licence terms a buyer accepts at checkout; orders and invoices record their hash. Plain text.',
  'texts.cookieBanner':
    'The cookie banner, shown on a first visit when a cookie script is configured (/staff/cookies). Markdown. Every cookie choice records its hash; a new version asks every visitor again.',
  'texts.cookiePolicy':
    'The cookie policy at /cookies, above the list of cookies (made from the code and the cookie scripts). Markdown. A new version asks every visitor again.',
};

export const textName = (key: TTextKey) => settingLabels[key].replace(/^Text: /, '');
export const textUsage = (key: TTextKey) => usage[key] ?? 'Shown where the shop uses this text.';

/** The part of the key after "texts.", as it appears in the editor's address. */
export const textSlug = (key: TTextKey) => key.slice('texts.'.length);
