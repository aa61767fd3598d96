import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { linkClass } from '@/app/_components/link-class';
import { PageHeader } from '@/app/account/_components/page-header';
import { ErasureLines } from '@/app/account/_components/erasure-lines';
import { Timestamp } from '@/app/account/_components/timestamp';
import { AppError } from '@/lib/errors';
import { getDeskErasure } from '@/lib/privacy/requests/erase-from-desk';
import { getPrivacyRequest } from '@/lib/privacy/requests/list-privacy-requests';
import { privacyRequestKindLabels, privacyRequestStateLabels } from '@/lib/privacy/requests/request-kinds';
import { requireStaff } from '@/lib/staff/require-staff';
import { Empty, Item, Section, Table } from '../../_components/detail-parts';
import { closePrivacyRequestAction, eraseFromDeskAction, extendPrivacyRequestAction, liftFromRequestAction, queueSubjectExportAction, resendIdentityLinkAction, restrictFromRequestAction } from '../actions';
import { CloseForm, DeskActionButton, EraseNowForm, ExtendForm } from '../request-forms';

export const metadata: Metadata = { title: 'Privacy request' };

type TProps = { params: Promise<{ id: string }> };

const COPY_STATES = { pending: 'Being made', ready: 'Ready', failed: 'Failed' } as const;

const sourceInWords = {
  self_service: 'Asked in My Account',
  staff: 'Received by mail, recorded by staff',
  retention_policy: 'Started by the inactive-accounts rule (Retention settings)',
} as const;

export default async function PrivacyRequestPage({ params }: TProps) {
  const { id: rawId } = await params;
  const id = z.uuid().safeParse(rawId).success ? rawId : null;
  const actor = await requireStaff('privacy.requests', id ? `/staff/privacy-requests/${id}` : '/staff/privacy-requests/[id]');
  if (!id) notFound();
  const record = await getPrivacyRequest(actor, id).catch((error: unknown) => {
    if (error instanceof AppError && error.code === 'NOT_FOUND') notFound();
    throw error;
  });
  const { request, account, copy, overdue } = record;
  const erasure = await getDeskErasure(actor, request);
  const closed = request.closedAt !== null;
  const canCopy = !closed && request.state === 'open' && Boolean(account) && (request.kind === 'access' || request.kind === 'export');
  const canRestrict = !closed && request.state === 'open' && request.kind === 'restriction' && account !== null && !account.erasedAt;

  return (
    <div className="space-y-10">
      <PageHeader title={privacyRequestKindLabels[request.kind]}>
        <p>
          <Link href="/staff/privacy-requests" className={linkClass}>
            Back to the requests
          </Link>
        </p>
      </PageHeader>

      {overdue ? (
        <p role="status" className="rounded-md border-2 border-red-700 bg-red-50 p-4 font-medium text-red-800">
          Overdue: the answer was due on <Timestamp value={request.dueAt} dateOnly />.
        </p>
      ) : null}
      {account?.restrictedAt ? (
        <p role="status" className="rounded-md border border-amber-400 bg-amber-50 p-4 text-sm text-amber-950">
          <strong>Processing restricted</strong> since <Timestamp value={account.restrictedAt} />: the account is not mailed and its orders are not processed.
        </p>
      ) : null}

      <Section id="request" title="Request">
        <dl className="grid gap-x-6 gap-y-3 sm:grid-cols-[12rem_1fr]">
          <Item label="State">{privacyRequestStateLabels[request.state]}</Item>
          <Item label="Received"><Timestamp value={request.receivedAt} /></Item>
          <Item label="Due">
            <Timestamp value={request.dueAt} dateOnly />
            {request.extendedAt ? ' (extended)' : null}
          </Item>
          {request.extensionReason ? <Item label="Reason for the extension">{request.extensionReason}</Item> : null}
          <Item label="Source">{sourceInWords[request.source]}</Item>
          <Item label="Person">
            {account ? (
              <>
                {account.erasedAt ? '(erased account)' : `${account.fullName}, ${account.email}`}{' '}
                {!account.erasedAt ? (
                  <Link href={`/staff/customers/${account.id}`} className={linkClass}>
                    Open the customer
                  </Link>
                ) : null}
              </>
            ) : request.contactEmail ? (
              `${request.contactName ?? ''}, ${request.contactEmail} (no account)`
            ) : (
              '(erased)'
            )}
          </Item>
          <Item label="Identity">
            {request.identityVerifiedAt ? (
              <>
                Confirmed <Timestamp value={request.identityVerifiedAt} />
              </>
            ) : request.tokenExpiresAt ? (
              <>
                Link mailed; valid until <Timestamp value={request.tokenExpiresAt} />
              </>
            ) : (
              'Not confirmed'
            )}
          </Item>
          <Item label="What was asked">{request.details ? <span className="whitespace-pre-line">{request.details}</span> : null}</Item>
          {request.outcome ? <Item label="Outcome">{request.outcome}</Item> : null}
          <Item label="Handled by">{record.handlerName}</Item>
        </dl>
      </Section>

      {!closed && (request.state === 'awaiting_identity' || canCopy || canRestrict) ? (
        <Section id="handle" title="Handle">
          <div className="flex flex-wrap items-start gap-6">
            {request.state === 'awaiting_identity' ? (
              <DeskActionButton action={resendIdentityLinkAction} hidden={{ requestId: request.id }} label="Send a new identity link" pendingLabel="Sending…" />
            ) : null}
            {canCopy && (!copy || copy.status === 'failed' || copy.expired) ? (
              <DeskActionButton action={queueSubjectExportAction} hidden={{ requestId: request.id }} label="Make a copy of the person’s data" pendingLabel="Asking…" variant="primary" />
            ) : null}
            {canRestrict && !account.restrictedAt ? (
              <DeskActionButton action={restrictFromRequestAction} hidden={{ requestId: request.id }} label="Restrict the account" pendingLabel="Restricting…" variant="danger" />
            ) : null}
            {canRestrict && account.restrictedAt ? (
              <DeskActionButton action={liftFromRequestAction} hidden={{ requestId: request.id }} label="Lift the restriction" pendingLabel="Lifting…" />
            ) : null}
          </div>
          {request.state === 'awaiting_identity' ? <p className="text-sm text-neutral-700">Wait for the person to confirm through the link before you act on the request; a request whose identity cannot be confirmed can be refused.</p> : null}
        </Section>
      ) : null}

      {erasure ? (
        <Section id="erasure" title="Erasure">
          {erasure.kind === 'no-account' ? (
            <p className="max-w-3xl text-sm text-neutral-700">
              This request is not about an account, so it cannot be erased through the desk: the desk erases only accounts. Look for the
              person’s data by hand (mails, notes), delete what you find, then close the request below saying what was done.
            </p>
          ) : erasure.kind === 'erased' ? (
            <p className="text-sm text-neutral-700">The account is erased already.</p>
          ) : erasure.kind === 'waiting' ? (
            <p className="max-w-3xl text-sm text-neutral-700">
              {erasure.why === 'cooling-off' ? (
                <>
                  The person confirmed the deletion in My Account and can cancel it until <Timestamp value={erasure.eraseAfter ?? request.dueAt} />; then it runs by itself.
                </>
              ) : erasure.why === 'confirmation' ? (
                'The person asked in My Account and has not confirmed through the mailed link yet; nothing is erased before.'
              ) : (
                'The account can be erased once the person has confirmed the request through the identity link.'
              )}
            </p>
          ) : (
            <div className="space-y-5">
              {erasure.failed ? (
                <div className="max-w-3xl rounded-md border-2 border-red-700 bg-red-50 px-4 py-3 text-sm text-red-800">
                  <p className="font-semibold">
                    The erasure failed{erasure.failed.attempts > 1 ? ` (${erasure.failed.attempts} attempts)` : ''} and nothing was changed.
                  </p>
                  {erasure.failed.error ? <p className="mt-1">Error: {erasure.failed.error}</p> : null}
                  <p className="mt-1">Fix the cause if it is named, then retry. Until the erasure succeeds or the request is refused, the account cannot be signed in to.</p>
                </div>
              ) : null}
              <p className="max-w-3xl text-sm text-neutral-700">
                The person confirmed this request through the link mailed to the account’s address. Erasing runs at once, without the
                cooling-off of “Delete my account”: a receipt listing what is erased and kept goes to the address first, then:
              </p>
              <div className="grid gap-6 lg:grid-cols-2">
                <ErasureLines level={3} id="desk-erased-heading" title="What will be erased" lines={erasure.preview.erased} empty="Nothing is held about the person apart from the account." />
                <ErasureLines level={3} id="desk-kept-heading" title="What will be kept, why and until when" lines={erasure.preview.kept} empty="Nothing: no invoice or other record has to be kept." />
              </div>
              {erasure.unpaidInvoices.length > 0 ? (
                <div role="status" className="max-w-3xl rounded-md border-2 border-red-700 bg-red-50 px-4 py-3 text-sm text-red-800">
                  <p className="font-semibold">
                    The account cannot be erased while {erasure.unpaidInvoices.length === 1 ? 'an invoice is' : 'invoices are'} unpaid:{' '}
                    {erasure.unpaidInvoices.join(', ')}.
                  </p>
                  <p className="mt-1">Ask the person to pay, or wait until they are settled; or refuse the request below saying why.</p>
                </div>
              ) : (
                <EraseNowForm action={eraseFromDeskAction} requestId={request.id} personName={account?.fullName ?? 'this person'} retry={erasure.failed !== null} />
              )}
            </div>
          )}
        </Section>
      ) : null}

      {copy ? (
        <Section id="copy" title="Copy of the data">
          <p className="text-sm text-neutral-700">
            {COPY_STATES[copy.status]}
            {copy.readyAt ? (
              <>
                {' '}
                since <Timestamp value={copy.readyAt} />, kept until <Timestamp value={copy.expiresAt} />
              </>
            ) : null}
            .{' '}
            {copy.status === 'ready' && copy.mine && !copy.expired ? (
              <a href={`/staff/privacy-requests/${request.id}/export`} className={linkClass}>
                Download the ZIP
              </a>
            ) : copy.status === 'ready' && !copy.mine ? (
              request.source === 'self_service' ? 'The person downloads it from My data.' : 'Only the staff member who made it can download it.'
            ) : null}
          </p>
          {request.source === 'staff' ? <p className="text-sm text-neutral-700">The person is not mailed a link to this copy: hand it over securely, then close the request saying how.</p> : null}
        </Section>
      ) : null}

      {!closed && request.state !== 'cooling_off' ? (
        <Section id="extend" title="Extend the deadline">
          {request.extendedAt ? (
            <p className="text-sm text-neutral-700">The deadline was extended already; it can be extended only once.</p>
          ) : overdue ? (
            <p className="text-sm text-neutral-700">The deadline has passed, so it can no longer be extended: the person must be told within the first month.</p>
          ) : (
            <ExtendForm action={extendPrivacyRequestAction} requestId={request.id} />
          )}
        </Section>
      ) : null}

      {!closed && ['open', 'awaiting_identity', 'failed'].includes(request.state) ? (
        <Section id="close" title="Close the request">
          <CloseForm action={closePrivacyRequestAction} requestId={request.id} canComplete={request.state === 'open' && request.kind !== 'erasure'} />
        </Section>
      ) : null}

      <Section id="timeline" title="Timeline">
        {record.timeline.length === 0 ? (
          <Empty>Nothing recorded yet.</Empty>
        ) : (
          <Table caption="What happened to this request, oldest first (from the audit trail)" headings={['Time', 'What', 'By']}>
            {record.timeline.map((entry) => (
              <tr key={entry.id}>
                <td className="py-2 pr-4 whitespace-nowrap"><Timestamp value={entry.occurredAt} /></td>
                <td className="py-2 pr-4">{entry.label}</td>
                <td className="py-2 pr-4">{entry.by}</td>
              </tr>
            ))}
          </Table>
        )}
      </Section>
    </div>
  );
}
