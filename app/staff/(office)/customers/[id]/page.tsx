import type { Metadata } from 'next';
import { cookies } from 'next/headers';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { linkClass } from '@/app/_components/link-class';
import { PageHeader } from '@/app/account/_components/page-header';
import { Timestamp } from '@/app/account/_components/timestamp';
import { customerPurposes } from '@/lib/customers/customer-purposes';
import { assertCustomerExists, openCustomer, type TCustomerRecord } from '@/lib/customers/open-customer';
import { decodePurposeGrant, purposeGrantCookie } from '@/lib/customers/purpose-grant';
import { AppError } from '@/lib/errors';
import { customerTermsOf, priceListChoices } from '@/lib/orders/customer-terms';
import { roleHasPermission } from '@/lib/staff/permissions';
import { requireStaff } from '@/lib/staff/require-staff';
import { choosePurposeAction, endCustomerSessionsAction, liftCustomerRestrictionAction, lockCustomerAction, requestEmailChangeAction, restrictCustomerAction, sendPasswordResetAction, unlockCustomerAction } from '../actions';
import { CustomerActionButton, EmailChangeForm, PurposeForm } from '../customer-forms';
import { STATUS_LABELS } from '../status-labels';
import { saveCustomerTermsAction } from '../../orders/actions';
import { CustomerTermsForm } from '../../orders/order-forms';
import { Empty, Item, Section, Table } from '../../_components/detail-parts';

export const metadata: Metadata = { title: 'Customer' };

type TProps = { params: Promise<{ id: string }> };

const purposeOptions = Object.entries(customerPurposes).map(([value, label]) => ({ value, label }));

const CONSENTS: Record<TCustomerRecord['consents'][number]['purpose'], string> = {
  age_confirmation: 'Age confirmation',
  parental_consent: 'Parental consent',
  marketing_email: 'Marketing e-mails',
  privacy_notice: 'Privacy notice',
  cookie_preferences: 'Cookies: preferences',
  cookie_statistics: 'Cookies: statistics',
  cookie_marketing: 'Cookies: marketing',
};

const END_REASONS: Record<string, string> = {
  logout: 'Signed out',
  signed_in_elsewhere: 'Signed in elsewhere',
  signed_out_elsewhere: 'Signed out from another device',
  password_changed: 'Password changed',
  password_reset: 'Password reset',
  idle_timeout: 'Idle timeout',
  expired: 'Expired',
  account_disabled: 'Account locked',
  ended_by_staff: 'Ended by staff',
};

const OUTCOMES: Record<string, string> = {
  success: 'Success',
  invalid: 'Wrong password or code',
  throttled: 'Throttled',
  blocked: 'Address blocked',
  address_not_allowed: 'Address not allowed',
  not_activated: 'Not activated',
  disabled: 'Account locked',
  wrong_kind: 'Wrong kind of account',
  factor_expired: 'Sign-in expired',
  forbidden: 'Refused',
  unavailable: 'Store unavailable',
  parental_pending: "Awaiting a parent's confirmation",
};

const countryNames = new Intl.DisplayNames(['en'], { type: 'region' });
const countryName = (code: string | null) => {
  if (!code) return null;
  try {
    return countryNames.of(code) ?? code;
  } catch {
    return code;
  }
};

/** NOT_FOUND from the lib (unknown id, a staff account) is the page's 404; anything else is an error. */
async function orNotFound<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof AppError && error.code === 'NOT_FOUND') notFound();
    throw error;
  }
}

export default async function CustomerPage({ params }: TProps) {
  const { id: rawId } = await params;
  const id = z.uuid().safeParse(rawId).success ? rawId : null;
  const actor = await requireStaff('customers.read', id ? `/staff/customers/${id}` : '/staff/customers/[id]');
  if (!id) notFound();
  const purpose = decodePurposeGrant(actor, id, (await cookies()).get(purposeGrantCookie(id).name)?.value);

  if (!purpose) {
    await orNotFound(assertCustomerExists(actor, id));
    return (
      <div className="space-y-6">
        <PageHeader title="Why do you open this customer?">
          Their data is shown only for a purpose, which is recorded in the audit trail with your name. It holds for this customer for 15 minutes.
        </PageHeader>
        <PurposeForm action={choosePurposeAction} customerId={id} purposes={purposeOptions} />
        <p>
          <Link href="/staff/customers" className={linkClass}>
            Back to the search
          </Link>
        </p>
      </div>
    );
  }

  const record = await orNotFound(openCustomer(actor, id, purpose));
  const { details } = record;
  const canManage = roleHasPermission(actor.role, 'customers.manage');
  const terms = await customerTermsOf(actor, id);
  const priceLists = await priceListChoices(actor);
  const canSetTerms = roleHasPermission(actor.role, 'orders.manage');
  const canRestrict = roleHasPermission(actor.role, 'privacy.requests');
  const address = [details.addressLine1, details.addressLine2, [details.postalCode, details.city].filter(Boolean).join(' ')].filter(Boolean);

  return (
    <div className="space-y-10">
      <PageHeader title={details.fullName}>
        <p>
          Opened for: <strong>{record.purpose}</strong> (recorded in the audit trail).{' '}
          <Link href="/staff/customers" className={linkClass}>
            Back to the search
          </Link>
        </p>
      </PageHeader>

      {details.restrictedAt ? (
        <p role="status" className="rounded-md border border-amber-400 bg-amber-50 p-4 text-sm text-amber-950">
          <strong>Processing restricted</strong> (GDPR art. 18) since <Timestamp value={details.restrictedAt} />: the account is kept, but it is not mailed and its orders are not processed until a privacy officer lifts the restriction.
        </p>
      ) : null}

      <Section id="details" title="Details">
        <dl className="grid gap-x-6 gap-y-3 sm:grid-cols-[12rem_1fr]">
          <Item label="Sign-in e-mail">{details.email}</Item>
          <Item label="Status">{STATUS_LABELS[details.status]}</Item>
          <Item label="Company">{details.company}</Item>
          <Item label="Address">{address.length > 0 ? address.map((line) => <span key={line} className="block">{line}</span>) : null}</Item>
          <Item label="Country">{countryName(details.countryCode)}</Item>
          <Item label="Phone">{details.phone}</Item>
          <Item label="Registered"><Timestamp value={details.createdAt} /></Item>
          <Item label="Activated">{details.activatedAt ? <Timestamp value={details.activatedAt} /> : null}</Item>
          <Item label="Last sign-in">{details.lastLoginAt ? <Timestamp value={details.lastLoginAt} /> : null}</Item>
          {record.customFields.map((field) => (
            <Item key={field.id} label={field.label}>
              {typeof field.value === 'boolean' ? (field.value ? 'Yes' : 'No') : field.value}
            </Item>
          ))}
        </dl>
        {record.pendingEmailChange ? (
          <p className="mt-4 rounded-md border border-neutral-300 bg-neutral-50 p-3 text-sm">
            A change of the sign-in e-mail to <strong className="break-all">{record.pendingEmailChange.newEmail}</strong> waits for its link to be opened (until <Timestamp value={record.pendingEmailChange.expiresAt} />).
          </p>
        ) : null}
      </Section>

      {canManage ? (
        <Section id="manage" title="Manage">
          <div className="flex flex-wrap items-start gap-6">
            {/* One element whose props switch: React keeps its state, so the outcome stays shown after the page refreshes. */}
            <CustomerActionButton
              action={details.status === 'disabled' ? unlockCustomerAction : lockCustomerAction}
              customerId={id}
              label={details.status === 'disabled' ? 'Unlock the customer' : 'Lock the customer'}
              pendingLabel={details.status === 'disabled' ? 'Unlocking…' : 'Locking…'}
              variant={details.status === 'disabled' ? 'secondary' : 'danger'}
            />
            <CustomerActionButton action={endCustomerSessionsAction} customerId={id} label="End all sessions" pendingLabel="Ending…" />
            <CustomerActionButton action={sendPasswordResetAction} customerId={id} label="Send a password-reset link" pendingLabel="Sending…" />
          </div>
          <p className="text-sm text-neutral-700">Locking signs the customer out everywhere at once; a locked customer cannot sign in until unlocked.</p>
          <div className="rounded-lg border border-neutral-200 p-4">
            <h3 className="mb-1 font-medium text-ink">Change the sign-in e-mail</h3>
            <p className="mb-3 text-sm text-neutral-700">
              A confirmation link goes to the new address and the current address is told. The change takes effect only when the link is opened (within 24 hours); then every session of the account ends.
            </p>
            <EmailChangeForm action={requestEmailChangeAction} customerId={id} />
          </div>
        </Section>
      ) : null}

      {canRestrict ? (
        <Section id="restriction" title="Restriction of processing">
          <p className="text-sm text-neutral-700">
            At the customer’s request (GDPR art. 18), the account can be restricted: kept, but not mailed (except answers to their data-protection requests and security messages), and its orders not processed. The customer is told when it is restricted and before it is lifted.
          </p>
          <CustomerActionButton
            action={details.restrictedAt ? liftCustomerRestrictionAction : restrictCustomerAction}
            customerId={id}
            label={details.restrictedAt ? 'Lift the restriction' : 'Restrict processing'}
            pendingLabel={details.restrictedAt ? 'Lifting…' : 'Restricting…'}
            variant={details.restrictedAt ? 'secondary' : 'danger'}
          />
        </Section>
      ) : null}

      <Section id="terms" title="Commercial terms">
        {canSetTerms ? (
          <CustomerTermsForm action={saveCustomerTermsAction} customerId={id} terms={terms} priceLists={priceLists} />
        ) : (
          <dl className="grid gap-x-6 gap-y-3 sm:grid-cols-[12rem_1fr]">
            <Item label="Download without approval">{terms.downloadWithoutApproval ? 'Yes' : 'No'}</Item>
            <Item label="May pay later">{terms.mayPayLater ? 'Yes' : 'No'}</Item>
            <Item label="Price list">{priceLists.find((list) => list.id === terms.priceListId)?.name ?? 'The standard prices'}</Item>
            <Item label="Discount">{`${terms.discountBasisPoints / 100}%`}</Item>
          </dl>
        )}
        <p className="text-sm text-neutral-700">
          {canSetTerms ? 'Changes apply to orders placed from now on and are recorded in the audit trail.' : 'The order desk (sales) sets these terms.'}
          {terms.updatedAt ? (
            <>
              {' '}
              Last changed <Timestamp value={terms.updatedAt} />.
            </>
          ) : null}
        </p>
      </Section>

      <Section id="consents" title="Consents">
        {record.consents.length === 0 ? (
          <Empty>No consent recorded.</Empty>
        ) : (
          <Table caption="Consents, newest first" headings={['Time', 'Consent', 'Given or withdrawn', 'Text version', 'Address']}>
            {record.consents.map((consent) => (
              <tr key={consent.id}>
                <td className="py-2 pr-4 whitespace-nowrap"><Timestamp value={consent.createdAt} /></td>
                <td className="py-2 pr-4">{CONSENTS[consent.purpose]}</td>
                <td className="py-2 pr-4">{consent.action === 'given' ? 'Given' : 'Withdrawn'}</td>
                <td className="py-2 pr-4 font-mono text-xs">{consent.textVersion}</td>
                <td className="py-2 pr-4 font-mono">{consent.ip ?? '—'}</td>
              </tr>
            ))}
          </Table>
        )}
      </Section>

      <Section id="sessions" title="Sessions">
        {record.sessions.length === 0 ? (
          <Empty>No sessions.</Empty>
        ) : (
          <Table caption="Open and recent sessions, newest first" headings={['Started', 'Last seen', 'State', 'Address', 'Browser']}>
            {record.sessions.map((session) => (
              <tr key={session.id}>
                <td className="py-2 pr-4 whitespace-nowrap"><Timestamp value={session.createdAt} /></td>
                <td className="py-2 pr-4 whitespace-nowrap"><Timestamp value={session.lastSeenAt} /></td>
                <td className="py-2 pr-4">{session.open ? 'Open' : session.endReason ? END_REASONS[session.endReason] : 'Expired'}</td>
                <td className="py-2 pr-4 font-mono">{session.ip ?? 'unknown'}</td>
                <td className="py-2 pr-4">{[session.browser, session.os].filter(Boolean).join(' on ') || '—'}</td>
              </tr>
            ))}
          </Table>
        )}
      </Section>

      <Section id="attempts" title="Sign-in attempts">
        {record.signInAttempts.length === 0 ? (
          <Empty>No sign-in attempts.</Empty>
        ) : (
          <Table caption="Sign-in attempts, newest first" headings={['Time', 'Outcome', 'Address', 'Browser']}>
            {record.signInAttempts.map((attempt) => (
              <tr key={attempt.id}>
                <td className="py-2 pr-4 whitespace-nowrap"><Timestamp value={attempt.occurredAt} /></td>
                <td className="py-2 pr-4">{OUTCOMES[attempt.outcome] ?? attempt.outcome}</td>
                <td className="py-2 pr-4 font-mono">{attempt.ip ?? 'unknown'}</td>
                <td className="py-2 pr-4">{[attempt.browser, attempt.os].filter(Boolean).join(' on ') || '—'}</td>
              </tr>
            ))}
          </Table>
        )}
      </Section>
    </div>
  );
}
