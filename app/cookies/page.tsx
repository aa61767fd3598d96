import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { MarkdownView } from '@/app/_components/markdown-view';
import { renderMarkdown } from '@/lib/content/render-markdown';
import { cookieCategoryInfo } from '@/lib/cookie-consent/categories';
import { categoryScripts, cookieTexts } from '@/lib/cookie-consent/cookie-consent-config';
import { cookieChoiceCookie } from '@/lib/cookie-consent/consent-cookies';
import { necessaryCookies } from '@/lib/cookie-consent/cookie-registry';
import { CookieSettingsForm } from './cookie-settings-form';

export const metadata: Metadata = { title: 'Cookie settings and cookie policy' };

const CELL = 'border-b border-neutral-200 px-3 py-2 text-left align-top';

/**
 * The cookie policy in force, every cookie the site sets (the shop's own from the registry, the
 * category scripts' from their settings) and the Cookie settings, linked from every footer.
 */
export default async function CookiesPage() {
  // The request's headers first: they make the page per-request, so the build never prerenders it
  // (a prerender would read the settings before the database exists).
  const gpcHeader = (await headers()).get('sec-gpc') === '1';
  const [{ policy, revision }, scripts] = await Promise.all([cookieTexts(), categoryScripts()]);
  const optional = scripts.flatMap((script) => script.cookies.map((cookie) => ({ ...cookie, category: cookieCategoryInfo[script.category].label, script: script.name })));
  return (
    <div className="mx-auto max-w-3xl space-y-10 px-4 py-10 sm:px-6 lg:py-14">
      <header className="border-b border-neutral-200 pb-6">
        <h1 className="text-3xl font-semibold tracking-tight text-ink">Cookies</h1>
        <p className="mt-2 text-sm text-neutral-700">
          Cookie policy version <span className="font-mono text-ink">{policy.version}</span>. When this policy or the banner text changes, we ask for your choice again.
        </p>
      </header>

      <section id="settings" aria-labelledby="cookie-settings-heading" className="scroll-mt-6 rounded-lg border border-neutral-200 p-5">
        <h2 id="cookie-settings-heading" className="mb-4 text-xl font-semibold tracking-tight text-ink">
          Cookie settings
        </h2>
        <CookieSettingsForm scripts={scripts} revision={revision} choiceCookieName={cookieChoiceCookie().name} gpcHeader={gpcHeader} />
      </section>

      <article>
        <MarkdownView html={renderMarkdown(policy.text)} />
      </article>

      <section aria-labelledby="necessary-cookies-heading">
        <h2 id="necessary-cookies-heading" className="text-xl font-semibold tracking-tight text-ink">
          Necessary cookies
        </h2>
        <p className="mt-1 text-sm text-neutral-700">Set by the shop itself, each only when its function is used. They need no consent.</p>
        <div className="mt-3 overflow-x-auto">
          <table className="w-full text-sm">
            <thead>
              <tr>
                <th scope="col" className={CELL}>Name</th>
                <th scope="col" className={CELL}>Purpose</th>
                <th scope="col" className={CELL}>Lifetime</th>
              </tr>
            </thead>
            <tbody>
              {necessaryCookies().map((cookie) => (
                <tr key={cookie.name}>
                  <td className={`${CELL} font-mono`}>{cookie.name}</td>
                  <td className={CELL}>{cookie.purpose}</td>
                  <td className={CELL}>{cookie.lifetime}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="optional-cookies-heading">
        <h2 id="optional-cookies-heading" className="text-xl font-semibold tracking-tight text-ink">
          Optional cookies
        </h2>
        {optional.length === 0 && scripts.length === 0 ? (
          <p className="mt-1 text-sm text-neutral-700">This site uses no optional cookies or scripts at present.</p>
        ) : (
          <>
            <p className="mt-1 text-sm text-neutral-700">
              Set only after you agree to their category. Scripts in use: {scripts.map((script) => `${script.name} (${cookieCategoryInfo[script.category].label.toLowerCase()})`).join(', ')}.
            </p>
            {optional.length > 0 ? (
              <div className="mt-3 overflow-x-auto">
                <table className="w-full text-sm">
                  <thead>
                    <tr>
                      <th scope="col" className={CELL}>Name</th>
                      <th scope="col" className={CELL}>Category</th>
                      <th scope="col" className={CELL}>Purpose</th>
                      <th scope="col" className={CELL}>Lifetime</th>
                    </tr>
                  </thead>
                  <tbody>
                    {optional.map((cookie) => (
                      <tr key={`${cookie.category}-${cookie.name}`}>
                        <td className={`${CELL} font-mono`}>{cookie.name}</td>
                        <td className={CELL}>{cookie.category}</td>
                        <td className={CELL}>{cookie.purpose} ({cookie.script})</td>
                        <td className={CELL}>{cookie.lifetime}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ) : null}
          </>
        )}
      </section>
    </div>
  );
}
