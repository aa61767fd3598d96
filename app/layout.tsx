import type { Metadata } from 'next';
import { connection } from 'next/server';
import Link from 'next/link';
import { Suspense, type ReactNode } from 'react';
import { CookieConsentSlot } from './_components/cookie-consent/cookie-consent-slot';
import { HeaderAccountLinks } from './header-account-links';
import { HeaderCartLink } from './header-cart-link';
import { PolicyChangedNotice } from './policy-changed-notice';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Stockroom', template: '%s · Stockroom' },
  description: 'Stock photography, licensed simply.',
  // public/: the .ico for browsers and tools that only ask for /favicon.ico, the SVG for the rest.
  icons: {
    icon: [
      { url: '/favicon.ico', sizes: '16x16 32x32 48x48' },
      { url: '/favicon.svg', type: 'image/svg+xml' },
    ],
  },
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page is rendered per request: Next.js can only put the CSP nonce on scripts it renders now.
  await connection();
  return (
    <html lang="en">
      <body className="flex min-h-screen flex-col bg-white font-sans text-ink antialiased">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:left-4 focus:top-4 focus:z-50 focus:rounded focus:bg-white focus:px-4 focus:py-2 focus:shadow"
        >
          Skip to content
        </a>
        <Suspense fallback={null}>
          <CookieConsentSlot />
        </Suspense>
        <header className="border-b border-neutral-200 print:hidden">
          <div className="mx-auto flex max-w-7xl items-center gap-6 px-4 py-3 sm:px-6">
            <Link href="/" className="text-xl font-semibold tracking-tight text-brand-800">
              Stockroom
            </Link>
            <nav aria-label="Main" className="ml-auto flex flex-wrap items-center justify-end gap-x-5 gap-y-2 text-sm font-medium text-neutral-700">
              <Link href="/search" className="hover:text-brand-700">
                Browse images
              </Link>
              <HeaderCartLink />
              <HeaderAccountLinks />
            </nav>
          </div>
        </header>
        <PolicyChangedNotice />
        <main id="main" className="flex-1">
          {children}
        </main>
        <footer className="border-t border-neutral-200 bg-neutral-50 print:hidden">
          <div className="mx-auto flex max-w-7xl flex-col gap-2 px-4 py-6 text-sm text-neutral-600 sm:flex-row sm:justify-between sm:px-6">
            <p>© {new Date().getFullYear()} Stockroom. Images are watermarked previews; licences are sold per size.</p>
            {/* Not prefetched: every page would otherwise load the settings page's code. */}
            <Link href="/cookies#settings" prefetch={false} className="underline underline-offset-2 hover:text-brand-800">
              Cookie settings
            </Link>
          </div>
        </footer>
      </body>
    </html>
  );
}
