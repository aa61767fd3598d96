import type { Metadata } from 'next';
import Link from 'next/link';
import { linkClass } from '@/app/_components/link-class';
import { requireUser } from '@/lib/auth/guards';
import { getDeleteAccountPage } from '@/lib/privacy/my-erasure-request';
import { ErasureLines } from '../_components/erasure-lines';
import { formatDateTime } from '../_components/format';
import { PageHeader } from '../_components/page-header';
import { DeleteAccountForm } from './delete-account-form';

export const metadata: Metadata = { title: 'Delete my account' };

/** "Delete my account" (art. 17): what goes and what stays, then the password and a mailed link. */
export default async function DeleteAccountPage() {
  const actor = await requireUser('/account/delete');
  const page = await getDeleteAccountPage(actor);
  const days = page.coolingOffDays;

  return (
    <div className="space-y-8">
      <PageHeader title="Delete my account">
        <p>
          Deleting your account erases your details, your activity, lightboxes, shares, cart and sign-ins. Orders and invoices
          stay, because tax law requires it, but only their billing details still name you.
        </p>
        <p className="mt-2 text-sm">
          {days > 0
            ? `After you confirm with the link we e-mail you, your account is locked for ${days} ${days === 1 ? 'day' : 'days'}; the same link cancels the deletion until then. Then everything below is erased and cannot be recovered.`
            : 'After you confirm with the link we e-mail you, everything below is erased at once and cannot be recovered.'}{' '}
          You receive a receipt at your address as it is erased. If you want a copy of your data first, use{' '}
          <Link href="/account/data" className={linkClass}>
            Download my data
          </Link>
          .
        </p>
      </PageHeader>

      <div className="grid gap-6 lg:grid-cols-2">
        <ErasureLines id="erased-heading" title="What will be erased" lines={page.preview.erased} empty="Nothing is held about you apart from your account." />
        <ErasureLines id="kept-heading" title="What will be kept, why and until when" lines={page.preview.kept} empty="Nothing: no invoice or other record has to be kept." />
      </div>

      <section aria-labelledby="delete-heading" className="max-w-3xl space-y-4">
        <h2 id="delete-heading" className="text-xl font-semibold text-ink">
          Delete my account
        </h2>
        {page.unpaidInvoices.length > 0 ? (
          <div role="alert" className="rounded-md border-2 border-red-700 bg-red-50 px-4 py-3 text-sm text-red-800">
            <p className="font-semibold">
              Your account cannot be deleted while {page.unpaidInvoices.length === 1 ? 'an invoice is' : 'invoices are'} unpaid:{' '}
              {page.unpaidInvoices.join(', ')}.
            </p>
            <p className="mt-1">
              Please pay {page.unpaidInvoices.length === 1 ? 'it' : 'them'} first (see{' '}
              <Link href="/account/invoices" className={linkClass}>
                Invoices
              </Link>
              ), or contact us.
            </p>
          </div>
        ) : (
          <>
            {page.awaitingLinkUntil ? (
              <p role="status" className="rounded-md border border-neutral-300 bg-neutral-50 px-4 py-3 text-sm text-ink">
                We sent a confirmation link to {page.email}; it works until {formatDateTime(page.awaitingLinkUntil)}. Nothing is deleted
                until you open it and confirm. Asking again sends a new link and the old one stops working.
              </p>
            ) : null}
            <DeleteAccountForm email={page.email} label={page.awaitingLinkUntil ? 'Send the link again' : 'Delete my account'} />
          </>
        )}
      </section>
    </div>
  );
}
