import type { Metadata } from 'next';
import { getMyDetails } from '@/lib/accounts/get-my-account';
import { customFieldName, isYesNoField } from '@/lib/accounts/profile-fields';
import { requireUser } from '@/lib/auth/guards';
import { countryOptions } from '../_components/countries';
import { PageHeader } from '../_components/page-header';
import { Timestamp } from '../_components/timestamp';
import { DetailsForm, type TCustomFieldInput } from '../details-form';

export const metadata: Metadata = { title: 'Your details' };

export default async function AccountDetailsPage() {
  const actor = await requireUser('/account');
  const details = await getMyDetails(actor);

  const customFields: TCustomFieldInput[] = details.customFieldDefinitions.map((field) => ({
    name: customFieldName(field),
    label: field.label,
    required: field.mode === 'required',
    yesNo: isYesNoField(field),
  }));
  // Only what the form shows goes to the browser: strings, keyed by field name.
  const initial: Record<string, string> = {
    fullName: details.fullName,
    company: details.company ?? '',
    addressLine1: details.addressLine1 ?? '',
    addressLine2: details.addressLine2 ?? '',
    postalCode: details.postalCode ?? '',
    city: details.city ?? '',
    countryCode: details.countryCode ?? '',
    phone: details.phone ?? '',
  };
  for (const field of details.customFieldDefinitions) {
    const value = details.customFields[field.id];
    initial[customFieldName(field)] = typeof value === 'boolean' ? (value ? 'yes' : 'no') : (value ?? '');
  }

  return (
    <div className="space-y-8">
      <PageHeader title="Your details">
        <p>
          We use these details for your orders and invoices. Customer since <Timestamp value={details.createdAt} dateOnly />.
        </p>
      </PageHeader>

      <section aria-labelledby="sign-in-email-heading" className="max-w-3xl rounded-lg border border-neutral-200 bg-neutral-50 p-5">
        <h2 id="sign-in-email-heading" className="text-sm font-semibold text-neutral-700">
          Sign-in e-mail
        </h2>
        <p className="mt-1 text-base font-medium break-all text-ink">{details.email}</p>
        <p className="mt-2 text-sm text-neutral-700">
          Your e-mail address is also your sign-in name, so it cannot be changed here. To change it, write to us from this
          address and tell us the new one: our staff send a confirmation link to the new address, and the change takes effect
          when you open it. We tell this address too, and the change is recorded.
        </p>
      </section>

      <DetailsForm initial={initial} customFields={customFields} countries={countryOptions(details.countryCode)} />
    </div>
  );
}
