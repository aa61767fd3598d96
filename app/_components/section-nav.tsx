'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

/** The sections of an area (My Account, the back office); the current one is marked for sight and for screen readers. */
export function SectionNav({ label, sections }: { label: string; sections: ReadonlyArray<{ href: string; label: string }> }) {
  const pathname = usePathname();
  return (
    <nav aria-label={label}>
      <ul className="-mx-4 flex gap-1 overflow-x-auto px-4 pb-1 lg:mx-0 lg:flex-col lg:overflow-visible lg:px-0">
        {sections.map((section) => {
          const current = pathname === section.href;
          return (
            <li key={section.href} className="shrink-0">
              <Link
                href={section.href}
                aria-current={current ? 'page' : undefined}
                className={`block rounded-md px-3 py-2 text-sm font-medium whitespace-nowrap ${
                  current ? 'bg-brand-50 text-brand-800 ring-1 ring-brand-100 ring-inset' : 'text-neutral-700 hover:bg-neutral-100 hover:text-ink'
                }`}
              >
                {section.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
