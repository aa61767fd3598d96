import type { Metadata } from 'next';
import Link from 'next/link';
import { linkClass } from '@/app/_components/link-class';
import { requireUser } from '@/lib/auth/guards';
import { listMyShares, type TMyShare } from '@/lib/lightboxes/list-shares';
import { PageHeader } from '../_components/page-header';
import { Timestamp } from '../_components/timestamp';
import { RevokeShareForm } from './revoke-share-form';

export const metadata: Metadata = { title: 'Shares' };

const stateBadge: Record<TMyShare['state'], { label: string; className: string }> = {
  active: { label: 'Link works', className: 'bg-brand-700 text-white' },
  expired: { label: 'Expired', className: 'bg-neutral-100 text-neutral-800 ring-1 ring-neutral-300 ring-inset' },
  revoked: { label: 'Withdrawn', className: 'bg-neutral-100 text-neutral-800 ring-1 ring-neutral-300 ring-inset' },
};

function What({ share }: { share: TMyShare }) {
  if (share.kind === 'lightbox' && share.lightboxId) {
    return (
      <>
        Lightbox{' '}
        <Link href={`/account/lightboxes/${share.lightboxId}`} className={linkClass}>
          {share.title}
        </Link>
      </>
    );
  }
  return (
    <>
      Image{' '}
      <Link href={`/images/${share.imageId}`} className={linkClass}>
        {share.title}
      </Link>
    </>
  );
}

export default async function SharesPage() {
  const actor = await requireUser('/account/shares');
  const shares = await listMyShares(actor);

  return (
    <div className="space-y-8">
      <PageHeader title="Shares">
        <p>
          Every lightbox and image you sent by e-mail, to whom, and whether the link was opened. Withdraw a link to stop it
          working at once. The recipients’ addresses are kept only to show you this list: each share is deleted 30 days
          after its link expired or was withdrawn.
        </p>
      </PageHeader>

      {shares.length === 0 ? (
        <div className="max-w-3xl rounded-lg border border-dashed border-neutral-300 p-6 text-sm text-neutral-700">
          <p>You have not shared anything yet.</p>
          <p className="mt-1">
            Open one of your{' '}
            <Link href="/account/lightboxes" className={linkClass}>
              lightboxes
            </Link>{' '}
            to send it by e-mail, or use “Send by e-mail” on an image page.
          </p>
        </div>
      ) : (
        <ul className="max-w-5xl space-y-4">
          {shares.map((share) => (
            <li key={share.id} className="rounded-lg border border-neutral-200 p-4">
              <div className="flex flex-wrap items-center justify-between gap-2">
                <p className="min-w-0 text-base font-semibold break-words text-ink">
                  <What share={share} />
                </p>
                <span className={`rounded-full px-2.5 py-0.5 text-xs font-semibold ${stateBadge[share.state].className}`}>{stateBadge[share.state].label}</span>
              </div>
              <dl className="mt-3 grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-2 lg:grid-cols-4">
                <div>
                  <dt className="text-xs font-medium tracking-wide text-neutral-600 uppercase">Sent to</dt>
                  <dd className="mt-0.5 break-all text-ink">{share.recipientEmail}</dd>
                </div>
                <div>
                  <dt className="text-xs font-medium tracking-wide text-neutral-600 uppercase">Sent</dt>
                  <dd className="mt-0.5 text-ink">
                    <Timestamp value={share.createdAt} />
                  </dd>
                </div>
                <div>
                  <dt className="text-xs font-medium tracking-wide text-neutral-600 uppercase">{share.state === 'revoked' ? 'Withdrawn' : share.state === 'expired' ? 'Expired' : 'Expires'}</dt>
                  <dd className="mt-0.5 text-ink">
                    <Timestamp value={share.state === 'revoked' && share.revokedAt ? share.revokedAt : share.expiresAt} />
                  </dd>
                </div>
                <div>
                  <dt className="text-xs font-medium tracking-wide text-neutral-600 uppercase">Last opened</dt>
                  <dd className="mt-0.5 text-ink">
                    {share.lastOpenedAt ? (
                      <>
                        <Timestamp value={share.lastOpenedAt} /> ({share.openCount === 1 ? 'once' : `${share.openCount} times`})
                      </>
                    ) : (
                      'Not opened yet'
                    )}
                  </dd>
                </div>
              </dl>
              {share.state === 'active' ? <RevokeShareForm shareId={share.id} recipient={share.recipientEmail} /> : null}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
