'use client';

import { useActionState } from 'react';
import { INITIAL_FORM_STATE } from '@/lib/actions/form-state';
import { removeGuestImageAction } from './actions';

export function RemoveGuestImageForm({ imageId, title }: { imageId: number; title: string }) {
  const [state, formAction, pending] = useActionState(removeGuestImageAction, INITIAL_FORM_STATE);
  return (
    <form action={formAction} className="mt-2">
      <input type="hidden" name="imageId" value={imageId} />
      <button
        type="submit"
        aria-disabled={pending || undefined}
        aria-label={`Remove “${title}” from your lightbox`}
        className="inline-flex min-h-10 items-center rounded-md border border-neutral-400 bg-white px-3 py-1.5 text-sm font-medium text-ink hover:border-red-700 hover:text-red-800 aria-disabled:opacity-75"
      >
        Remove
      </button>
      <p role="status" aria-live="polite" className="text-sm font-medium text-red-700">
        {state.ok === false ? state.error : ''}
      </p>
    </form>
  );
}
