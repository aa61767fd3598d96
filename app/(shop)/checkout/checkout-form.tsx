'use client';

import { startTransition, useActionState, useRef, useState } from 'react';
import { CheckboxField, RadioGroup, SelectField, TextField } from '@/app/_components/form-fields';
import { FormFeedback } from '@/app/account/_components/form-feedback';
import { INITIAL_FORM_STATE, type TFormState } from '@/lib/actions/form-state';
import { placeOrderAction, reviewCheckoutAction } from './actions';
import type { TReviewView } from './review-view';
import { LicenceLinesTable } from '@/app/_components/licence-lines-table';

const FIELD_ORDER = ['name', 'company', 'addressLine1', 'addressLine2', 'postalCode', 'city', 'countryCode', 'vatNumber', 'acceptTerms', 'paymentMethod', 'form'];

type TProps = {
  initial: Record<string, string>;
  countries: Array<{ value: string; label: string }>;
  providers: Array<{ id: string; label: string; instructions: string }>;
  terms: { text: string; version: string };
  checkoutKey: string;
  initialReview: TReviewView | null;
  /** False for a customer who may download without approval: the order is approved at once. */
  needsApproval: boolean;
};

/**
 * Billing details, the review (every line with its net amount, VAT rate and VAT, and the totals, as
 * the invoice will show them), the licence terms and the payment method. The review is worked out
 * on the server for the billing country and VAT number in the form; changing either hides it until
 * it is worked out again, so the order placed is the order reviewed. The hidden checkout key,
 * made with the page, turns a repeated submission into the same order.
 *
 * With scripts, both actions are dispatched by hand (not as the form's action), so React does not
 * reset the form after an answer and what was typed stays; without scripts the form still posts
 * the order.
 */
export function CheckoutForm({ initial, countries, providers, terms, checkoutKey, initialReview, needsApproval }: TProps) {
  const [reviewState, reviewAction, reviewPending] = useActionState(reviewCheckoutAction, INITIAL_FORM_STATE);
  const [placeState, placeAction, placePending] = useActionState(placeOrderAction, INITIAL_FORM_STATE);
  const [vatInput, setVatInput] = useState({ countryCode: initial.countryCode ?? '', vatNumber: initial.vatNumber ?? '' });
  const [lastAnswer, setLastAnswer] = useState<'review' | 'place'>('place');
  const formRef = useRef<HTMLFormElement>(null);
  const pending = reviewPending || placePending;

  const dispatch = (which: 'review' | 'place') => {
    if (pending || !formRef.current) return;
    const formData = new FormData(formRef.current);
    setLastAnswer(which);
    startTransition(() => (which === 'review' ? reviewAction(formData) : placeAction(formData)));
  };

  const review = reviewState.ok === true ? reviewState.review : initialReview;
  const current = review && review.countryCode === vatInput.countryCode && review.vatNumber.trim() === vatInput.vatNumber.trim() ? review : null;
  // The latest answer decides what the form shows: a refused placement keeps what was typed.
  const latest = lastAnswer === 'place' ? placeState : reviewState;
  const failed: TFormState = latest.ok === false ? latest : INITIAL_FORM_STATE;
  const values = initial;
  const errors = failed.ok === false ? failed.fieldErrors : {};

  return (
    <form
      ref={formRef}
      action={placeAction}
      noValidate
      className="space-y-10"
      onSubmit={(event) => {
        event.preventDefault();
        // Enter in a field before the review is current works out the review; it never places an unreviewed order.
        dispatch(current ? 'place' : 'review');
      }}
      onChange={(event) => {
        const target = event.target as unknown as HTMLInputElement | HTMLSelectElement;
        if (target.name === 'countryCode' || target.name === 'vatNumber') setVatInput((previous) => ({ ...previous, [target.name]: target.value }));
      }}
    >
      <FormFeedback state={failed.ok === false ? failed : INITIAL_FORM_STATE} fieldOrder={FIELD_ORDER} />
      <input type="hidden" name="checkoutKey" value={checkoutKey} />
      <input type="hidden" name="termsVersion" value={terms.version} />

      <fieldset className="space-y-5">
        <legend className="text-lg font-semibold text-ink">Billing details</legend>
        <p className="text-sm text-neutral-700">As they will appear on the invoice. Changing them here does not change your account.</p>
        <TextField name="name" label="Full name" autoComplete="name" required maxLength={200} defaultValue={values.name} error={errors.name} />
        <TextField name="company" label="Company" optional autoComplete="organization" maxLength={200} defaultValue={values.company} error={errors.company} />
        <TextField name="addressLine1" label="Address line 1" autoComplete="address-line1" required maxLength={200} defaultValue={values.addressLine1} error={errors.addressLine1} />
        <TextField name="addressLine2" label="Address line 2" optional autoComplete="address-line2" maxLength={200} defaultValue={values.addressLine2} error={errors.addressLine2} />
        <div className="grid gap-5 sm:grid-cols-[12rem_1fr]">
          <TextField name="postalCode" label="Postal code" autoComplete="postal-code" required maxLength={20} defaultValue={values.postalCode} error={errors.postalCode} />
          <TextField name="city" label="Town or city" autoComplete="address-level2" required maxLength={100} defaultValue={values.city} error={errors.city} />
        </div>
        <SelectField name="countryCode" label="Country" autoComplete="country" placeholder="Choose a country" options={countries} defaultValue={values.countryCode} error={errors.countryCode} className="sm:max-w-md" />
        <TextField
          name="vatNumber"
          label="VAT number"
          optional
          maxLength={30}
          spellCheck={false}
          hint="For a business in another EU country: with a valid VAT number no VAT is charged (reverse charge)."
          defaultValue={values.vatNumber}
          error={errors.vatNumber}
          className="sm:max-w-md"
        />
      </fieldset>

      <section aria-labelledby="review-heading" className="space-y-4">
        <h2 id="review-heading" className="text-lg font-semibold text-ink">
          Your order
        </h2>
        {current ? (
          <ReviewTable review={current} />
        ) : (
          <div className="rounded-lg border border-neutral-200 bg-neutral-50 p-5">
            <p className="text-sm text-neutral-700">
              {review ? 'Your billing country or VAT number changed: ' : 'Choose your billing country, then '}
              work out the VAT and totals to see your order as the invoice will show it.
            </p>
            <button
              type="button"
              onClick={() => dispatch('review')}
              aria-disabled={pending || undefined}
              className="mt-4 inline-flex min-h-11 items-center rounded-md border border-neutral-500 bg-white px-4 py-2 text-sm font-semibold text-ink hover:bg-neutral-50"
            >
              {reviewPending ? 'Working out VAT…' : 'Show VAT and totals'}
            </button>
          </div>
        )}
      </section>

      {current ? (
        <>
          <section aria-labelledby="terms-heading" className="space-y-3">
            <h2 id="terms-heading" className="text-lg font-semibold text-ink">
              Licence terms
            </h2>
            <div tabIndex={0} role="region" aria-label="Licence terms text" className="max-h-48 overflow-y-auto rounded-md border border-neutral-300 bg-white p-4 text-sm whitespace-pre-line text-neutral-800">
              {terms.text}
            </div>
            <CheckboxField
              name="acceptTerms"
              label={`I accept the licence terms above (version ${terms.version}) for every licence in this order.`}
              error={errors.acceptTerms}
            />
          </section>

          <RadioGroup
            name="paymentMethod"
            legend="Payment"
            required
            defaultValue={values.paymentMethod || providers[0]?.id}
            error={errors.paymentMethod}
            options={providers.map((provider) => ({
              value: provider.id,
              label: (
                <>
                  <span className="font-medium">{provider.label}</span>
                  <span className="block text-neutral-700">{provider.instructions}</span>
                </>
              ),
            }))}
          />

          <div className="flex flex-wrap items-center gap-4 border-t border-neutral-200 pt-6">
            <button
              type="submit"
              aria-disabled={pending || undefined}
              className="inline-flex min-h-11 items-center justify-center rounded-md bg-brand-700 px-5 py-2 text-sm font-semibold text-white shadow-sm hover:bg-brand-800 aria-disabled:cursor-wait aria-disabled:opacity-75"
            >
              {placePending ? 'Placing your order…' : `Place order, total ${current.gross}`}
            </button>
            <p className="text-sm text-neutral-700">
              {needsApproval ? 'Nothing is charged now: our team checks and approves your order first.' : 'Your order is approved at once and its invoice issued.'}
            </p>
          </div>
        </>
      ) : null}
    </form>
  );
}

function ReviewTable({ review }: { review: TReviewView }) {
  return (
    <div className="overflow-x-auto">
      <LicenceLinesTable
        rows={
          <>
          {review.lines.map((line) => (
            <tr key={line.key} className="border-b border-neutral-200 align-top">
              <td className="py-2 pr-3">
                <span className="font-medium break-words text-ink">{line.title}</span>
                <span className="block text-neutral-700">{line.size}</span>
              </td>
              <td className="py-2 pr-3 text-right tabular-nums">{line.net}</td>
              <td className="py-2 pr-3 text-right tabular-nums">{line.rate}</td>
              <td className="py-2 text-right tabular-nums">{line.vat}</td>
            </tr>
          ))}
          </>
        }
        totals={
          <>
          <tr>
            <th scope="row" className="pt-3 pr-3 text-left font-medium text-neutral-700">
              Total before VAT
            </th>
            <td colSpan={3} className="pt-3 text-right tabular-nums">
              {review.net}
            </td>
          </tr>
          <tr>
            <th scope="row" className="pt-1 pr-3 text-left font-medium text-neutral-700">
              VAT ({review.treatment})
            </th>
            <td colSpan={3} className="pt-1 text-right tabular-nums">
              {review.vat}
            </td>
          </tr>
          <tr>
            <th scope="row" className="pt-2 pr-3 text-left text-base font-semibold text-ink">
              Total
            </th>
            <td colSpan={3} className="pt-2 text-right text-base font-semibold tabular-nums text-ink">
              {review.gross}
            </td>
          </tr>
          </>
        }
      />
      {review.vatNote ? <p className="mt-3 text-sm text-neutral-700">{review.vatNote}</p> : null}
    </div>
  );
}
