/**
 * The cookie banner and cookie policy a new shop starts with, in Markdown; the site owner publishes
 * new versions in the back office (Texts). Both are true of what the shop sets: necessary cookies
 * only, until the site owner adds a script for an optional category (/staff/cookies).
 */
export const DEFAULT_COOKIE_BANNER = `We use the cookies this shop needs to work. With your consent we also use cookies for preferences, statistics or marketing, set by the scripts listed under Settings. Nothing of these is loaded until you agree, and you can change or withdraw your choice at any time under Cookie settings at the bottom of every page.`;

export const DEFAULT_COOKIE_POLICY = `## Cookies on this site

A cookie is a small file a website stores in your browser. This shop itself sets only the cookies it needs to work: to keep you signed in, to protect the sign-in form and your account, to keep a lightbox or cart you fill before signing in, to remember your e-mail address on the sign-in page if you ask us to, and to remember your cookie choice. They need no consent; each is listed below with its purpose and lifetime.

## Optional cookies

Other cookies are set only by scripts we add for one of three categories, and only after you agree to that category:

- **Preferences**: remember choices that change how the site looks or behaves for you.
- **Statistics**: count visits and how pages are used.
- **Marketing**: measure or personalise advertising.

Until you agree, no such script is loaded, so nothing of its category is set or read. The scripts in use now, and the cookies they set, are listed below. When we use none, we show no banner.

## Your choice

The banner offers "Accept all", "Reject all" and "Settings", where you choose per category. If your browser sends the Global Privacy Control signal, we treat it as "Reject all" and show no banner; you can still choose otherwise under Cookie settings. You can change or withdraw your choice at any time under Cookie settings at the bottom of every page; withdrawing a category removes its cookies.

We record each choice as proof that you gave or refused consent: the categories, the version of the banner text you were shown, whether your browser sent Global Privacy Control, and the time, under a random consent id kept in a cookie. We record no IP address with it. When you are signed in, or sign in later, the choice is also recorded with your account. The consent id of a choice made without an account is blanked after {retention:cookie-consent-proof}; erasing your account blanks it at once.

Your choice is kept in your browser for 6 months. Then, and whenever this policy or the banner text changes, we ask again.`;
