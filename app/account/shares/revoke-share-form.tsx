'use client';

import { useActionState } from 'react';
import { INITIAL_FORM_STATE } from '@/lib/actions/form-state';
import { FormFeedback, SubmitButton } from '../_components/form-feedback';
import { revokeShareAction } from './actions';

export function RevokeShareForm({ shareId, recipient }: { shareId: string; recipient: string }) {
  const [state, formAction] = useActionState(revokeShareAction, INITIAL_FORM_STATE);
  return (
    <form action={formAction} className="mt-3 space-y-2" aria-label={`Withdraw the link sent to ${recipient}`}>
      <input type="hidden" name="shareId" value={shareId} />
      <FormFeedback state={state} />
      <SubmitButton variant="secondary" pendingLabel="Withdrawing…">
        Withdraw link
      </SubmitButton>
    </form>
  );
}
