'use client';

import { useActionState } from 'react';
import { FormFeedback, SubmitButton } from '../_components/form-feedback';
import { INITIAL_FORM_STATE } from '@/lib/actions/form-state';
import { changeMarketingAction } from './actions';

/**
 * One form for both directions, so the confirmation stays on screen when the page re-renders with
 * the other button. Opting in shows the exact text that will be recorded, and sends its hash.
 */
export function MarketingPreference({ inForce, optInText, optInSha256 }: { inForce: boolean; optInText: string; optInSha256: string }) {
  const [state, formAction] = useActionState(changeMarketingAction, INITIAL_FORM_STATE);
  return (
    <form action={formAction} className="space-y-4">
      <FormFeedback state={state} />
      {inForce ? (
        <>
          <input type="hidden" name="intent" value="withdraw" />
          <SubmitButton variant="secondary" pendingLabel="Stopping marketing e-mails…">
            Stop marketing e-mails
          </SubmitButton>
        </>
      ) : (
        <>
          <input type="hidden" name="intent" value="give" />
          <input type="hidden" name="shownText" value={optInSha256} />
          <figure className="rounded-md border border-neutral-300 bg-white p-4">
            <figcaption className="text-xs font-medium tracking-wide text-neutral-600 uppercase">What you agree to</figcaption>
            <blockquote className="mt-1 text-sm whitespace-pre-line text-ink">{optInText}</blockquote>
          </figure>
          <SubmitButton pendingLabel="Saving your choice…">Send me marketing e-mails</SubmitButton>
        </>
      )}
    </form>
  );
}
