'use client';

import { useActionState } from 'react';
import { ErrorSummary } from '@/app/_components/error-summary';
import { CheckboxField, radioId, RadioGroup, SelectField, TextField } from '@/app/_components/form-fields';
import { INITIAL_FORM_STATE } from '@/lib/actions/form-state';
import { SubmitButton } from '../_components/submit-button';
import { registerAction } from './actions';

export type TRegisterCustomField = { name: string; label: string; required: boolean; yesNo: boolean };

type TShown = { text: string; sha256: string };

type TRegisterFormProps = {
  countries: Array<{ value: string; label: string }>;
  customFields: TRegisterCustomField[];
  texts: { noticeSha256: string; ageConfirmation: TShown; parentalConsent: TShown; marketingOptIn: TShown };
  passwordRules: string;
};

export function RegisterForm({ countries, customFields, texts, passwordRules }: TRegisterFormProps) {
  const [state, formAction] = useActionState(registerAction, INITIAL_FORM_STATE);
  // Success leaves the page (redirect to /register/check-email): the state is either initial or a refusal.
  const failure = state.ok === false ? state : null;
  const values = failure?.values ?? {};
  const errors = failure?.fieldErrors ?? {};

  const order = [
    'fullName', 'email', 'password', 'company', 'addressLine1', 'addressLine2', 'postalCode', 'city', 'countryCode', 'phone',
    ...customFields.map((field) => field.name),
    'age', 'marketing',
  ];
  const targets: Record<string, string> = { age: radioId('age', 'adult') };
  for (const field of customFields) if (field.yesNo) targets[field.name] = radioId(field.name, 'yes');

  return (
    <>
      <ErrorSummary failure={failure} order={order} targets={targets} />
      {/* After an error React resets the form to its defaults; a new key remounts it with the values just sent. */}
      <form key={JSON.stringify(values)} action={formAction} noValidate className="space-y-8">
        <input type="hidden" name="shownNotice" value={texts.noticeSha256} />
        <input type="hidden" name="shownAgeAdult" value={texts.ageConfirmation.sha256} />
        <input type="hidden" name="shownAgeParental" value={texts.parentalConsent.sha256} />
        <input type="hidden" name="shownMarketing" value={texts.marketingOptIn.sha256} />

        <section aria-labelledby="register-account" className="space-y-5">
          <h2 id="register-account" className="text-lg font-semibold">
            Your account
          </h2>
          <TextField name="fullName" label="Full name" autoComplete="name" required defaultValue={values.fullName} error={errors.fullName} />
          <TextField
            name="email"
            label="E-mail address"
            type="email"
            autoComplete="email"
            spellCheck={false}
            required
            hint="You sign in with it. We send the activation link here."
            defaultValue={values.email}
            error={errors.email}
          />
          <TextField name="password" label="Password" type="password" autoComplete="new-password" required hint={passwordRules} error={errors.password} />
        </section>

        <section aria-labelledby="register-address" className="space-y-5">
          <h2 id="register-address" className="text-lg font-semibold">
            Company, address and phone
          </h2>
          <p className="text-sm text-neutral-600">All optional. You can add or change them later in My Account.</p>
          <TextField name="company" label="Company" optional autoComplete="organization" defaultValue={values.company} error={errors.company} />
          <TextField name="addressLine1" label="Address line 1" optional autoComplete="address-line1" defaultValue={values.addressLine1} error={errors.addressLine1} />
          <TextField name="addressLine2" label="Address line 2" optional autoComplete="address-line2" defaultValue={values.addressLine2} error={errors.addressLine2} />
          <div className="grid gap-5 sm:grid-cols-2">
            <TextField name="postalCode" label="Postal code" optional autoComplete="postal-code" defaultValue={values.postalCode} error={errors.postalCode} />
            <TextField name="city" label="City" optional autoComplete="address-level2" defaultValue={values.city} error={errors.city} />
          </div>
          <SelectField
            name="countryCode"
            label="Country"
            optional
            autoComplete="country"
            placeholder="Choose a country"
            options={countries}
            defaultValue={values.countryCode}
            error={errors.countryCode}
          />
          <TextField name="phone" label="Phone" type="tel" optional autoComplete="tel" defaultValue={values.phone} error={errors.phone} />
        </section>

        {customFields.length > 0 ? (
          <section aria-labelledby="register-more" className="space-y-5">
            <h2 id="register-more" className="text-lg font-semibold">
              A few more details
            </h2>
            {customFields.map((field) =>
              field.yesNo ? (
                <RadioGroup
                  key={field.name}
                  name={field.name}
                  legend={field.label}
                  inline
                  required={field.required}
                  optional={!field.required}
                  options={[
                    { value: 'yes', label: 'Yes' },
                    { value: 'no', label: 'No' },
                  ]}
                  defaultValue={values[field.name]}
                  error={errors[field.name]}
                />
              ) : (
                <TextField
                  key={field.name}
                  name={field.name}
                  label={field.label}
                  required={field.required}
                  optional={!field.required}
                  defaultValue={values[field.name]}
                  error={errors[field.name]}
                />
              ),
            )}
          </section>
        ) : null}

        <section aria-labelledby="register-consent" className="space-y-6">
          <h2 id="register-consent" className="text-lg font-semibold">
            Your age and our e-mails
          </h2>
          <RadioGroup
            name="age"
            legend="Your age"
            required
            hint="We only keep your answer and the time, never a date of birth."
            options={[
              { value: 'adult', label: texts.ageConfirmation.text },
              { value: 'parental', label: texts.parentalConsent.text },
            ]}
            defaultValue={values.age}
            error={errors.age}
          />
          <CheckboxField
            name="marketing"
            label={texts.marketingOptIn.text}
            hint="Optional. You can withdraw at any time in My Account."
            defaultChecked={values.marketing === 'on'}
            error={errors.marketing}
          />
        </section>

        <SubmitButton pendingLabel="Creating your account…">Create account</SubmitButton>
      </form>
    </>
  );
}
