'use client';

import { useEffect, useId, useRef } from 'react';
import { useFormStatus } from 'react-dom';
import type { ReactNode } from 'react';
import { fieldId } from './fields';
import type { TFormState } from './form-state';

/**
 * The outcome of a form, announced: a refusal as an alert that takes focus and links to each
 * marked field; a success in a status region that is always present, so screen readers read it.
 */
export function FormFeedback({ state, fieldOrder = [] }: { state: TFormState; fieldOrder?: string[] }) {
  const summaryRef = useRef<HTMLDivElement>(null);
  const headingId = useId();
  useEffect(() => {
    if (state.ok === false) summaryRef.current?.focus();
  }, [state]);

  const fieldErrors = state.ok === false ? Object.entries(state.fieldErrors) : [];
  const position = (name: string) => {
    const index = fieldOrder.indexOf(name);
    return index === -1 ? fieldOrder.length : index;
  };
  fieldErrors.sort(([a], [b]) => position(a) - position(b));

  return (
    <>
      {state.ok === false ? (
        <div
          ref={summaryRef}
          tabIndex={-1}
          role="alert"
          aria-labelledby={headingId}
          className="rounded-md border-l-4 border-red-700 bg-red-50 p-4 text-red-900 focus:outline-none focus-visible:ring-2 focus-visible:ring-red-700"
        >
          <h2 id={headingId} className="font-semibold">
            {state.error}
          </h2>
          {fieldErrors.length > 0 ? (
            <ul className="mt-2 list-disc space-y-1 pl-5 text-sm">
              {fieldErrors.map(([name, message]) => (
                <li key={name}>
                  <a href={`#${fieldId(name)}`} className="underline underline-offset-2 hover:no-underline">
                    {message}
                  </a>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
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
