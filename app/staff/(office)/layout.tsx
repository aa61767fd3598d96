import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { SectionNav } from '@/app/_components/section-nav';
import { staffRoleLabels } from '@/lib/staff/permissions';
import { signedInStaff } from '@/lib/staff/require-staff';
import { staffSectionsFor } from '@/lib/staff/navigation';
import { staffSignOutAction } from './actions';

export const metadata: Metadata = {
  title: { default: 'Back office', template: '%s · Back office · Stockroom' },
  robots: { index: false, follow: false },
};

/**
 * The frame of the back office. It is not the security check: every page, action and route below
 * calls requireStaff with its permission (a layout's check protects neither actions nor routes).
 */
export default async function StaffLayout({ children }: { children: ReactNode }) {
  const actor = await signedInStaff();
  return (
    <div className="mx-auto max-w-7xl px-4 py-8 sm:px-6 lg:py-12">
      <div className="flex flex-wrap items-baseline justify-between gap-x-6 gap-y-2 border-b border-neutral-200 pb-4 print:hidden">
        <p className="text-sm font-semibold tracking-wide text-brand-700 uppercase">Back office</p>
        {actor ? (
          <div className="flex items-baseline gap-4 text-sm text-neutral-700">
            <p>
              <span className="font-medium text-ink">{actor.fullName}</span> · {staffRoleLabels[actor.role]}
            </p>
            <form action={staffSignOutAction}>
              <button type="submit" className="font-medium text-brand-700 underline underline-offset-2 hover:text-brand-800">
                Sign out
              </button>
            </form>
          </div>
        ) : null}
      </div>
      <div className="mt-6 lg:grid lg:grid-cols-[14rem_1fr] lg:gap-10">
        <aside className="mb-6 lg:mb-0 print:hidden">{actor ? <SectionNav label="Back office" sections={staffSectionsFor(actor.role).map(({ href, label }) => ({ href, label }))} /> : null}</aside>
        <div className="min-w-0">{children}</div>
      </div>
    </div>
  );
}
