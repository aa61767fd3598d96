'use client';

import { useFormStatus } from 'react-dom';
import type { ReactNode } from 'react';
import { ErrorSummary } from '@/app/_components/error-summary';
import type { TFormState } from '@/lib/actions/form-state';

/**
 * The outcome of a form, announced: a refusal as the error summary (an alert that takes focus and
 * links to each marked field); a success in a status region that is always present, so screen
 * readers read it.
 */
export function FormFeedback({ state, fieldOrder = [] }: { state: TFormState<{ message: string }>; fieldOrder?: string[] }) {
  return (
    <>
      <ErrorSummary failure={state.ok === false ? state : null} order={fieldOrder} />
      <div role="status" aria-live="polite">
        {state.ok === true ? (
          <p className="rounded-md border-l-4 border-brand-700 bg-brand-50 p-4 font-medium text-brand-800">{state.message}</p>
        ) : null}
      </div>
    </>
  );
}

/** A submit button that says it is working and ignores repeated presses meanwhile, without losing focus. */
export function SubmitButton({ children, pendingLabel, variant = 'primary' }: { children: ReactNode; pendingLabel: string; variant?: 'primary' | 'secondary' | 'danger' }) {
  const { pending } = useFormStatus();
  const styles = {
    primary: 'bg-brand-700 text-white hover:bg-brand-800',
    secondary: 'border border-neutral-500 bg-white text-ink hover:bg-neutral-50',
    danger: 'bg-red-700 text-white hover:bg-red-800',
  }[variant];
  return (
    <button
      type="submit"
      aria-disabled={pending || undefined}
      onClick={(event) => {
        if (pending) event.preventDefault();
      }}
      className={`inline-flex min-h-11 items-center justify-center rounded-md px-4 py-2 text-sm font-semibold shadow-sm aria-disabled:cursor-wait aria-disabled:opacity-75 ${styles}`}
    >
      {pending ? pendingLabel : children}
    </button>
  );
}
