import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { PageHeader } from '@/app/account/_components/page-header';
import { linkClass } from '@/app/_components/link-class';
import { textName, textSlug } from '@/lib/content/text-descriptions';
import { lineDiff } from '@/lib/content/text-diff';
import { getTextVersion } from '@/lib/settings/text-versions';
import { requireStaff } from '@/lib/staff/require-staff';
import { textKeyFrom } from '../text-key';

export const metadata: Metadata = { title: 'Differences between versions' };

const ZVersion = z.coerce.number().int().min(1).max(1_000_000);

const lineClass = { added: 'bg-green-50 text-green-900', removed: 'bg-red-50 text-red-900', same: 'text-neutral-800' } as const;
const marker = { added: '+', removed: '−', same: ' ' } as const;
const spoken = { added: 'Added: ', removed: 'Removed: ', same: '' } as const;

export default async function TextDiffPage({ params, searchParams }: { params: Promise<{ name: string }>; searchParams: Promise<{ from?: string; to?: string }> }) {
  const { name } = await params;
  await requireStaff('settings.manage', `/staff/texts/${name}/diff`);
  const key = textKeyFrom(name);
  const query = await searchParams;
  const from = ZVersion.safeParse(query.from);
  const to = ZVersion.safeParse(query.to);
  if (!from.success || !to.success) notFound();
  const [before, after] = await Promise.all([getTextVersion(key, from.data), getTextVersion(key, to.data)]);
  if (!before || !after) notFound();
  const lines = lineDiff(before.body, after.body);
  const changed = lines.filter((line) => line.kind !== 'same').length;

  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link href={`/staff/texts/${textSlug(key)}`} className={linkClass}>
          Back to {textName(key)}
        </Link>
      </p>
      <PageHeader title={`${textName(key)}: version ${before.version} → ${after.version}`}>
        {changed === 0 ? 'The two versions are the same text.' : `${lines.filter((line) => line.kind === 'removed').length} lines removed, ${lines.filter((line) => line.kind === 'added').length} lines added.`} Change note of version {after.version}: {after.changeNote}
      </PageHeader>
      <div className="overflow-x-auto rounded-lg border border-neutral-200">
        <ol aria-label="Lines of the text" className="min-w-full font-mono text-sm">
          {lines.map((line, index) => (
            <li key={index} className={`flex gap-3 px-3 py-0.5 whitespace-pre-wrap ${lineClass[line.kind]}`} data-diff={line.kind}>
              <span aria-hidden="true" className="w-3 shrink-0 select-none">
                {marker[line.kind]}
              </span>
              <span>
                <span className="sr-only">{spoken[line.kind]}</span>
                {line.text === '' ? '\u00a0' : line.text}
              </span>
            </li>
          ))}
        </ol>
      </div>
    </div>
  );
}
