'use client';

import { useActionState } from 'react';
import { SelectField, TextField, YesNoField } from '@/app/_components/form-fields';
import { saveDetailsAction } from './actions';
import { FormFeedback, SubmitButton } from './_components/form-feedback';
import { INITIAL_FORM_STATE } from '@/lib/actions/form-state';

export type TCustomFieldInput = { name: string; label: string; required: boolean; yesNo: boolean };

const STANDARD_FIELDS = ['fullName', 'company', 'addressLine1', 'addressLine2', 'postalCode', 'city', 'countryCode', 'phone'];

/** The customer's own details. Nothing here names the account: the action works on the signed-in one. */
export function DetailsForm({
  initial,
  customFields,
  countries,
}: {
  initial: Record<string, string>;
  customFields: TCustomFieldInput[];
  countries: { value: string; label: string }[];
}) {
  const [state, formAction] = useActionState(saveDetailsAction, INITIAL_FORM_STATE);
  // After a refusal the form shows what was typed; otherwise what is saved.
  const values = state.ok === false ? state.values : initial;
  const errors = state.ok === false ? state.fieldErrors : {};

  return (
    <form action={formAction} noValidate className="max-w-3xl space-y-8">
      <FormFeedback state={state} fieldOrder={[...STANDARD_FIELDS, ...customFields.map((field) => field.name)]} />

      <fieldset className="space-y-5">
        <legend className="text-lg font-semibold text-ink">Name and company</legend>
        <TextField name="fullName" label="Full name" autoComplete="name" maxLength={200} defaultValue={values.fullName} error={errors.fullName} />
        <TextField name="company" label="Company" optional autoComplete="organization" maxLength={200} defaultValue={values.company} error={errors.company} />
      </fieldset>

      <fieldset className="space-y-5">
        <legend className="text-lg font-semibold text-ink">Address</legend>
        <TextField name="addressLine1" label="Address line 1" optional autoComplete="address-line1" maxLength={200} defaultValue={values.addressLine1} error={errors.addressLine1} />
        <TextField name="addressLine2" label="Address line 2" optional autoComplete="address-line2" maxLength={200} defaultValue={values.addressLine2} error={errors.addressLine2} />
        <div className="grid gap-5 sm:grid-cols-[12rem_1fr]">
          <TextField name="postalCode" label="Postal code" optional autoComplete="postal-code" maxLength={20} defaultValue={values.postalCode} error={errors.postalCode} />
          <TextField name="city" label="Town or city" optional autoComplete="address-level2" maxLength={100} defaultValue={values.city} error={errors.city} />
        </div>
        <SelectField
          name="countryCode"
          label="Country"
          optional
          autoComplete="country"
          placeholder="Not given"
          options={countries}
          defaultValue={values.countryCode}
          error={errors.countryCode}
          className="sm:max-w-md"
        />
      </fieldset>

      <fieldset className="space-y-5">
        <legend className="text-lg font-semibold text-ink">Contact</legend>
        <TextField
          name="phone"
          label="Phone"
          type="tel"
          optional
          autoComplete="tel"
          maxLength={40}
          hint="Digits and spaces, with + and the country code if you are outside Ireland."
          defaultValue={values.phone}
          error={errors.phone}
          className="sm:max-w-md"
        />
      </fieldset>

      {customFields.length > 0 ? (
        <fieldset className="space-y-5">
          <legend className="text-lg font-semibold text-ink">More about you</legend>
          {customFields.map((field) =>
            field.yesNo ? (
              <YesNoField key={field.name} name={field.name} label={field.label} optional={!field.required} defaultValue={values[field.name]} error={errors[field.name]} />
            ) : (
              <TextField key={field.name} name={field.name} label={field.label} optional={!field.required} maxLength={500} defaultValue={values[field.name]} error={errors[field.name]} />
            ),
          )}
        </fieldset>
      ) : null}

      <div className="flex items-center gap-4 border-t border-neutral-200 pt-6">
        <SubmitButton pendingLabel="Saving…">Save my details</SubmitButton>
      </div>
    </form>
  );
}
