'use client';

import { useEffect, useId, useRef, type MouseEvent } from 'react';
import { fieldId } from './form-fields';

type TErrorSummaryProps = {
  /** The failure to show; a new object moves the focus here again. */
  failure: { error: string; fieldErrors: Record<string, string> } | null | undefined;
  /** Where each field's link points, when it is not the field's own id (radio groups: their first option). */
  targets?: Record<string, string>;
  /** Field names in the order they appear, so the list reads top to bottom; others come last. */
  order?: string[];
};

/**
 * The problem at the top of a form: announced (role="alert", named by its heading), focused so
 * keyboard users start there, and listing each field's error as a link to that field.
 */
export function ErrorSummary({ failure, targets = {}, order = [] }: TErrorSummaryProps) {
  const ref = useRef<HTMLDivElement>(null);
  const headingId = useId();
  useEffect(() => {
    if (failure) ref.current?.focus();
  }, [failure]);
  if (!failure) return null;

  const entries = Object.entries(failure.fieldErrors).sort(
    ([a], [b]) => (order.indexOf(a) + 1 || order.length + 1) - (order.indexOf(b) + 1 || order.length + 1),
  );
  return (
    <div ref={ref} tabIndex={-1} role="alert" aria-labelledby={headingId} className="mb-6 rounded-md border-2 border-red-700 bg-red-50 px-4 py-3 text-sm text-ink">
      <h2 id={headingId} className="font-semibold text-red-800">
        {failure.error}
      </h2>
      {entries.length > 0 ? (
        <ul className="mt-2 list-disc space-y-1 pl-5">
          {entries.map(([name, message]) => (
            <li key={name}>
              <a href={`#${targets[name] ?? fieldId(name)}`} onClick={focusField(targets[name] ?? fieldId(name))} className="text-red-800 underline underline-offset-2">
                {message}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** Moves the focus into the field itself (a plain fragment link only scrolls in some browsers), label in view. */
const focusField = (id: string) => (event: MouseEvent<HTMLAnchorElement>) => {
  const field = document.getElementById(id);
  if (!field) return;
  event.preventDefault();
  field.focus({ preventScroll: true });
  (document.querySelector(`label[for="${id}"]`) ?? field).scrollIntoView({ block: 'center' });
};
