'use client';

import { useActionState } from 'react';
import { FormFeedback, SubmitButton } from '../_components/form-feedback';
import { INITIAL_FORM_STATE } from '@/lib/actions/form-state';
import { signOutEverywhereElseAction } from './actions';

export function SignOutOthersForm() {
  const [state, formAction] = useActionState(signOutEverywhereElseAction, INITIAL_FORM_STATE);
  return (
    <form action={formAction} className="space-y-4">
      <FormFeedback state={state} />
      <SubmitButton variant="secondary" pendingLabel="Signing out other browsers…">
        Sign out everywhere else
      </SubmitButton>
    </form>
  );
}
