'use client';

import type { ReactNode } from 'react';
import { useFormStatus } from 'react-dom';

/** The form's main button; while the form is being sent it says so and cannot be pressed twice. */
export function SubmitButton({ children, pendingLabel, pending: pendingProp }: { children: ReactNode; pendingLabel: string; pending?: boolean }) {
  const status = useFormStatus();
  const pending = pendingProp ?? status.pending;
  return (
    <button
      type="submit"
      disabled={pending}
      aria-disabled={pending}
      className="inline-flex items-center justify-center rounded-md bg-brand-700 px-5 py-2.5 text-base font-semibold text-white shadow-sm hover:bg-brand-800 disabled:cursor-wait disabled:opacity-80"
    >
      {pending ? pendingLabel : children}
    </button>
  );
}
