import type { Metadata } from 'next';
import Link from 'next/link';
import { PageHeader } from '@/app/account/_components/page-header';
import { linkClass } from '@/app/_components/link-class';
import { placeholderNames } from '@/lib/content/fill-placeholders';
import { textName, textSlug, textUsage } from '@/lib/content/text-descriptions';
import { getSetting } from '@/lib/settings/get-setting';
import { listTextVersions } from '@/lib/settings/text-versions';
import { requireStaff } from '@/lib/staff/require-staff';
import { previewTextAction, publishTextVersionAction } from '../actions';
import { TextEditor } from './text-editor';
import { textKeyFrom } from './text-key';

export const metadata: Metadata = { title: 'Edit text' };

const cell = 'py-2 pr-4 align-top';

/** One end of the comparison: a version number chosen from the history. */
function VersionSelect({ id, name, label, versions, selected }: { id: string; name: string; label: string; versions: Array<{ version: number }>; selected: number }) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-ink">
        {label}
      </label>
      <select id={id} name={name} defaultValue={String(selected)} className="mt-1 block rounded-md border border-neutral-500 bg-white px-3 py-2 text-base">
        {versions.map((version) => (
          <option key={version.version} value={version.version}>
            {version.version}
          </option>
        ))}
      </select>
    </div>
  );
}

export default async function EditTextPage({ params }: { params: Promise<{ name: string }> }) {
  const { name } = await params;
  await requireStaff('settings.manage', `/staff/texts/${name}`);
  const key = textKeyFrom(name);
  const now = new Date();
  const [versions, current] = await Promise.all([listTextVersions(key), getSetting(key)]);
  // The newest version, even one not yet in force, is what the next edit starts from.
  const startFrom = versions[0]?.body ?? current;
  const inForce = versions.find((version) => version.effectiveAt <= now);

  return (
    <div className="space-y-10">
      <div>
        <p className="text-sm">
          <Link href="/staff/texts" className={linkClass}>
            All texts
          </Link>
        </p>
        <div className="mt-2">
          <PageHeader title={textName(key)}>{textUsage(key)}</PageHeader>
        </div>
      </div>

      <TextEditor textKey={key} initialBody={startFrom} publish={publishTextVersionAction} preview={previewTextAction} placeholders={placeholderNames} />

      <section aria-labelledby="history-heading" className="space-y-4">
        <h2 id="history-heading" className="text-xl font-semibold text-ink">
          History
        </h2>
        {versions.length === 0 ? (
          <p className="text-neutral-700">No version published yet: the site shows the default text.</p>
        ) : (
          <>
            <div className="overflow-x-auto">
              <table className="min-w-full text-left text-sm">
                <caption className="sr-only">Versions of this text, newest first</caption>
                <thead className="border-b border-neutral-300 text-neutral-700">
                  <tr>
                    <th scope="col" className="py-2 pr-4 font-medium">Version</th>
                    <th scope="col" className="py-2 pr-4 font-medium">Effective</th>
                    <th scope="col" className="py-2 pr-4 font-medium">Change note</th>
                    <th scope="col" className="py-2 pr-4 font-medium">Material</th>
                    <th scope="col" className="py-2 pr-4 font-medium">Published</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-neutral-200">
                  {versions.map((version) => (
                    <tr key={version.version}>
                      <th scope="row" className={`${cell} font-medium`}>
                        {version.version}
                        {version.version === inForce?.version ? <span className="ml-2 rounded bg-brand-50 px-1.5 py-0.5 text-xs font-semibold text-brand-800">in force</span> : null}
                        {version.effectiveAt > now ? <span className="ml-2 rounded bg-neutral-100 px-1.5 py-0.5 text-xs font-semibold text-neutral-800">scheduled</span> : null}
                      </th>
                      <td className={`${cell} whitespace-nowrap`}>{version.effectiveAt.toISOString().slice(0, 16).replace('T', ' ')} UTC</td>
                      <td className={cell}>{version.changeNote}</td>
                      <td className={cell}>{version.material ? 'Yes' : 'No'}</td>
                      <td className={`${cell} whitespace-nowrap`}>{version.createdAt.toISOString().slice(0, 10)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {versions.length > 1 ? (
              <form method="get" action={`/staff/texts/${textSlug(key)}/diff`} className="flex flex-wrap items-end gap-4 rounded-lg border border-neutral-200 p-4">
                <VersionSelect id="diff-from" name="from" label="Compare version" versions={versions} selected={versions[1]!.version} />
                <VersionSelect id="diff-to" name="to" label="with version" versions={versions} selected={versions[0]!.version} />
                <button type="submit" className="inline-flex min-h-11 items-center rounded-md border border-neutral-500 bg-white px-4 py-2 text-sm font-semibold text-ink shadow-sm hover:bg-neutral-50">
                  Show differences
                </button>
              </form>
            ) : null}
          </>
        )}
      </section>
    </div>
  );
}
