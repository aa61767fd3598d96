import type { Metadata } from 'next';
import Link from 'next/link';
import { PageHeader } from '@/app/account/_components/page-header';
import { linkClass } from '@/app/_components/link-class';
import { textName, textSlug, textUsage } from '@/lib/content/text-descriptions';
import { listTextVersions, textKeys } from '@/lib/settings/text-versions';
import { requireStaff } from '@/lib/staff/require-staff';

export const metadata: Metadata = { title: 'Texts' };

export default async function TextsPage() {
  await requireStaff('settings.manage', '/staff/texts');
  const now = new Date();
  const texts = await Promise.all(
    textKeys().map(async (key) => {
      const versions = await listTextVersions(key);
      return { key, inForce: versions.find((version) => version.effectiveAt <= now) ?? null, scheduled: versions.filter((version) => version.effectiveAt > now).length };
    }),
  );
  return (
    <div className="space-y-8">
      <PageHeader title="Texts">
        The texts customers read. Each save is a new version with its date and change note; the history keeps every earlier version, and registration and consents record the version they showed.
      </PageHeader>
      <div className="overflow-x-auto">
        <table className="min-w-full text-left text-sm">
          <caption className="sr-only">Site texts and their versions</caption>
          <thead className="border-b border-neutral-300 text-neutral-700">
            <tr>
              <th scope="col" className="py-2 pr-4 font-medium">Text</th>
              <th scope="col" className="py-2 pr-4 font-medium">Where it is shown</th>
              <th scope="col" className="py-2 pr-4 font-medium">In force</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-neutral-200">
            {texts.map(({ key, inForce, scheduled }) => (
              <tr key={key}>
                <th scope="row" className="py-3 pr-4 align-top font-medium">
                  <Link href={`/staff/texts/${textSlug(key)}`} className={linkClass}>
                    {textName(key)}
                  </Link>
                </th>
                <td className="py-3 pr-4 align-top text-neutral-700">{textUsage(key)}</td>
                <td className="py-3 pr-4 align-top whitespace-nowrap">
                  {inForce ? `Version ${inForce.version} since ${inForce.effectiveAt.toISOString().slice(0, 10)}` : 'The default text'}
                  {scheduled > 0 ? <span className="block text-neutral-700">{scheduled === 1 ? 'One version scheduled' : `${scheduled} versions scheduled`}</span> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
