import 'server-only';
import { createHash } from 'node:crypto';
import type { TExecutor } from '@/lib/db/client';
import { renderMarkdown } from '@/lib/content/render-markdown';
import { siteText, type TShownText } from '@/lib/content/site-texts';
import { getSetting } from '@/lib/settings/get-setting';
import { categoryCookiesOf, isConfiguredScript, type TCategoryCookie } from './category-scripts';
import { categoryScriptSetting, optionalCookieCategories, type TOptionalCookieCategory } from './categories';
import { cookieChoiceCookie } from './consent-cookies';

export type TCategoryScriptInPage = { category: TOptionalCookieCategory; name: string; src: string; code: string; cookies: TCategoryCookie[] };

/**
 * What the page's cookie consent needs, the same for every visitor (so pages stay shareable by the
 * page cache): the banner text, the revision of the texts a choice is made under, the category
 * scripts and the name of the choice cookie. Whether a visitor has chosen is read in the browser.
 */
export type TCookieConsentConfig = {
  bannerHtml: string;
  revision: string;
  /**
   * The banner is shown only when the site sets something beyond necessary cookies, which in this
   * shop means: a script is configured for at least one optional category. The shop's own cookies
   * are all necessary (cookie-registry.ts).
   */
  bannerOn: boolean;
  scripts: TCategoryScriptInPage[];
  choiceCookieName: string;
};

/** The revision a choice is made under: the banner text and the cookie policy in force (a new version of either asks again). */
export const cookieRevision = (banner: TShownText, policy: TShownText) => createHash('sha256').update(`${banner.sha256}:${policy.sha256}`).digest('hex').slice(0, 16);

export async function cookieTexts(executor?: TExecutor) {
  const banner = await siteText('texts.cookieBanner', executor);
  const policy = await siteText('texts.cookiePolicy', executor);
  return { banner, policy, revision: cookieRevision(banner, policy) };
}

export async function categoryScripts(executor?: TExecutor): Promise<TCategoryScriptInPage[]> {
  const scripts: TCategoryScriptInPage[] = [];
  for (const category of optionalCookieCategories) {
    const script = await getSetting(categoryScriptSetting[category], executor);
    if (!isConfiguredScript(script)) continue;
    scripts.push({ category, name: script.name, src: script.src, code: script.code, cookies: categoryCookiesOf(script.cookies) ?? [] });
  }
  return scripts;
}

export async function cookieConsentConfig(): Promise<TCookieConsentConfig> {
  const [{ banner, revision }, scripts] = await Promise.all([cookieTexts(), categoryScripts()]);
  return { bannerHtml: renderMarkdown(banner.text), revision, bannerOn: scripts.length > 0, scripts, choiceCookieName: cookieChoiceCookie().name };
}
