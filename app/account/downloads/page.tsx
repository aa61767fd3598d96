import type { Metadata } from 'next';
import Link from 'next/link';
import { linkClass } from '@/app/_components/link-class';
import { requireUser } from '@/lib/auth/guards';
import { downloadLinkFor } from '@/lib/downloads/download-link';
import { BUNDLE_PATH } from '@/lib/downloads/bundle-object';
import { listDownloadableLines, type TDownloadableLine } from '@/lib/downloads/downloadable-lines';
import { listDownloadBundles, type TBundleState } from '@/lib/downloads/list-bundles';
import { formatCount } from '@/lib/format/number';
import { getSetting } from '@/lib/settings/get-setting';
import { thumbnailUrl } from '@/lib/media/urls';
import { formatDateTime } from '../_components/format';
import { PageHeader } from '../_components/page-header';
import { Timestamp } from '../_components/timestamp';
import { BundlePanel, type TBundleView } from './bundle-panel';

export const metadata: Metadata = { title: 'Downloads' };

const TIER_NAMES: Record<TDownloadableLine['tier'], string> = { S: 'Small', M: 'Medium', L: 'Large', XL: 'Extra large' };

const megabytes = new Intl.NumberFormat('en-IE', { style: 'unit', unit: 'megabyte', maximumFractionDigits: 1 });

function bundleView(bundle: TBundleState | undefined): TBundleView {
  if (!bundle) return { status: 'none' };
  if (bundle.status !== 'ready') return { status: bundle.status };
  return {
    status: 'ready',
    href: `${BUNDLE_PATH}/${bundle.bundleId}`,
    size: megabytes.format(Math.max(0.1, (bundle.bytes ?? 0) / 1_000_000)),
    expiresAt: formatDateTime(bundle.expiresAt),
    expiresAtIso: bundle.expiresAt.toISOString(),
  };
}

type TOrderGroup = { orderId: string; orderNumber: number; submittedAt: Date; lines: Array<TDownloadableLine & { href: string }> };

export default async function DownloadsPage() {
  const actor = await requireUser('/account/downloads');
  const [lines, linkMinutes, bundles] = await Promise.all([listDownloadableLines(actor.userId), getSetting('downloads.linkMinutes'), listDownloadBundles(actor.userId)]);
  // Links are signed when the page is drawn, for this customer only, and work for linkMinutes.
  const signed = await Promise.all(lines.map(async (line) => ({ ...line, href: await downloadLinkFor(actor.userId, line.orderLineId) })));
  const groups: TOrderGroup[] = [];
  for (const line of signed) {
    const group = groups.at(-1);
    if (group?.orderId === line.orderId) group.lines.push(line);
    else groups.push({ orderId: line.orderId, orderNumber: line.orderNumber, submittedAt: line.submittedAt, lines: [line] });
  }

  return (
    <div className="space-y-8">
      <PageHeader title="Downloads">
        <p>
          The images you have licensed, at the size you bought, without watermark and with the licence and your order
          number written into the file. Files become available once an order is paid. Each download button works for{' '}
          {linkMinutes === 1 ? 'one minute' : `${linkMinutes} minutes`} and only while you are signed in; reload this page for
          fresh ones. For an order of several files you can ask for one ZIP of them all: we prepare it and e-mail you a link.
        </p>
      </PageHeader>

      {groups.length === 0 ? (
        <p className="max-w-3xl rounded-lg border border-dashed border-neutral-300 p-5 text-sm text-neutral-700">
          Nothing to download yet. Licensed images appear here when an order is paid.{' '}
          <Link href="/search" className={linkClass}>
            Browse images
          </Link>
        </p>
      ) : (
        groups.map((group) => (
          <section key={group.orderId} aria-labelledby={`order-${group.orderNumber}`} className="max-w-4xl">
            <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
              <h2 id={`order-${group.orderNumber}`} className="text-lg font-semibold text-ink">
                Order {group.orderNumber}
              </h2>
              <p className="text-sm text-neutral-600">
                Ordered <Timestamp value={group.submittedAt} />
              </p>
            </div>
            {group.lines.length >= 2 ? (
              <BundlePanel orderId={group.orderId} orderNumber={group.orderNumber} fileCount={group.lines.length} bundle={bundleView(bundles.get(group.orderId))} />
            ) : null}
            <ul className="mt-3 divide-y divide-neutral-200 rounded-lg border border-neutral-200">
              {group.lines.map((line) => (
                <li key={line.orderLineId} className="flex flex-col gap-3 p-4 sm:flex-row sm:items-center sm:gap-5">
                  <img
                    src={thumbnailUrl(line.imageId)}
                    alt=""
                    width={96}
                    height={64}
                    loading="lazy"
                    className="h-16 w-24 shrink-0 rounded bg-neutral-100 object-cover"
                  />
                  <div className="min-w-0 flex-1">
                    <p className="font-medium break-words text-ink">{line.imageTitle}</p>
                    <p className="mt-0.5 text-sm text-neutral-700">
                      {TIER_NAMES[line.tier]} ({line.tier}) · {formatCount(line.widthPx)} × {formatCount(line.heightPx)} px · JPEG
                    </p>
                  </div>
                  <a
                    href={line.href}
                    download
                    className="inline-flex min-h-10 shrink-0 items-center justify-center rounded-md bg-brand-700 px-4 text-sm font-semibold text-white hover:bg-brand-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-700"
                  >
                    Download
                    <span className="sr-only">
                      {' '}
                      {line.imageTitle}, size {line.tier}
                    </span>
                  </a>
                </li>
              ))}
            </ul>
          </section>
        ))
      )}
    </div>
  );
}
