'use client';

import { useActionState } from 'react';
import { FieldError, fieldId } from '@/app/_components/form-fields';
import { FormFeedback, SubmitButton } from '@/app/account/_components/form-feedback';
import { INITIAL_FORM_STATE, type TFormState } from '@/lib/actions/form-state';
import { answerKey } from '../_components/setting-form';

type TMessageState = TFormState<{ message: string }>;
type TMessageAction = (state: TMessageState, formData: FormData) => Promise<TMessageState>;

export type TVatRateRow = { countryCode: string; countryName: string; percent: string; updated: string };

/** The rates table as one form: a percentage field per country; only changed rates are written. */
export function VatRatesForm({ action, rows }: { action: TMessageAction; rows: TVatRateRow[] }) {
  const [state, formAction] = useActionState(action, INITIAL_FORM_STATE);
  const failure = state.ok === false ? state : null;
  const name = (code: string) => `rate.${code}`;
  return (
    <form action={formAction} noValidate className="space-y-5">
      <FormFeedback state={state} fieldOrder={rows.map((row) => name(row.countryCode))} />
      <div key={answerKey(state)} className="overflow-x-auto">
        <table className="min-w-full text-left text-sm">
          <caption className="sr-only">EU standard VAT rates by country</caption>
          <thead className="border-b border-neutral-300 text-neutral-700">
            <tr>
              <th scope="col" className="py-2 pr-4 font-medium">Country</th>
              <th scope="col" className="py-2 pr-4 font-medium">Code</th>
              <th scope="col" className="py-2 pr-4 font-medium">Standard rate (%)</th>
              <th scope="col" className="py-2 pr-4 font-medium">Last changed</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-neutral-200">
            {rows.map((row) => {
              const field = name(row.countryCode);
              const error = failure?.fieldErrors[field];
              return (
                <tr key={row.countryCode}>
                  <th scope="row" className="py-2 pr-4 font-medium">
                    <label htmlFor={fieldId(field)}>
                      {row.countryName}
                      <span className="sr-only">: standard rate in percent</span>
                    </label>
                  </th>
                  <td className="py-2 pr-4 font-mono">{row.countryCode}</td>
                  <td className="py-2 pr-4">
                    <div className="flex items-center gap-2">
                      <input
                        id={fieldId(field)}
                        name={field}
                        inputMode="decimal"
                        defaultValue={failure ? (failure.values[field] ?? '') : row.percent}
                        aria-invalid={error ? true : undefined}
                        aria-describedby={error ? `${fieldId(field)}-error` : undefined}
                        className={`block w-24 rounded-md border bg-white px-3 py-2 text-base text-ink tabular-nums ${error ? 'border-red-700' : 'border-neutral-500'}`}
                      />
                      <span aria-hidden="true">%</span>
                    </div>
                    <FieldError name={field} error={error} />
                  </td>
                  <td className="py-2 pr-4 whitespace-nowrap text-neutral-700">{row.updated}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <SubmitButton pendingLabel="Saving…">Save rates</SubmitButton>
    </form>
  );
}
