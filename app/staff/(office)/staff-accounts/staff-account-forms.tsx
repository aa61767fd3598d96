'use client';

import { useActionState } from 'react';
import { SelectField, TextField } from '@/app/_components/form-fields';
import { FormFeedback, SubmitButton } from '@/app/account/_components/form-feedback';
import { INITIAL_FORM_STATE, type TFormState } from '@/lib/actions/form-state';

type TMessageState = TFormState<{ message: string }>;
type TMessageAction = (state: TMessageState, formData: FormData) => Promise<TMessageState>;
type TRoleOption = { value: string; label: string };

/** Invites a staff member: e-mail, full name, role (only the roles the actor may give are offered). */
export function InviteStaffForm({ action, roles }: { action: TMessageAction; roles: TRoleOption[] }) {
  const [state, formAction] = useActionState(action, INITIAL_FORM_STATE);
  const failure = state.ok === false ? state : null;
  return (
    <form action={formAction} noValidate className="space-y-4">
      <FormFeedback state={state} fieldOrder={['email', 'fullName', 'role']} />
      <div className="grid gap-4 sm:grid-cols-3">
        <TextField name="email" label="E-mail address" type="email" autoComplete="off" spellCheck={false} required defaultValue={failure?.values.email ?? ''} error={failure?.fieldErrors.email} />
        <TextField name="fullName" label="Full name" autoComplete="off" required defaultValue={failure?.values.fullName ?? ''} error={failure?.fieldErrors.fullName} />
        <SelectField name="role" label="Role" placeholder="Choose a role" options={roles} defaultValue={failure?.values.role ?? ''} error={failure?.fieldErrors.role} />
      </div>
      <SubmitButton pendingLabel="Sending the invitation…">Send the invitation</SubmitButton>
    </form>
  );
}

/** Gives the account another role. */
export function ChangeRoleForm({ action, userId, currentRole, roles }: { action: TMessageAction; userId: string; currentRole: string; roles: TRoleOption[] }) {
  const [state, formAction] = useActionState(action, INITIAL_FORM_STATE);
  const failure = state.ok === false ? state : null;
  return (
    <form action={formAction} noValidate className="space-y-4">
      <FormFeedback state={state} fieldOrder={['role']} />
      <input type="hidden" name="userId" value={userId} />
      <SelectField name="role" label="Role" placeholder="Choose a role" options={roles} defaultValue={currentRole} error={failure?.fieldErrors.role} className="max-w-xs" />
      <SubmitButton pendingLabel="Saving…">Change role</SubmitButton>
    </form>
  );
}

/** One action on the account (lock, unlock, reset, end sessions): a button, what it does, the outcome. */
export function AccountActionForm({ action, userId, label, pendingLabel, description, variant = 'secondary' }: { action: TMessageAction; userId: string; label: string; pendingLabel: string; description: string; variant?: 'secondary' | 'danger' }) {
  const [state, formAction] = useActionState(action, INITIAL_FORM_STATE);
  return (
    <form action={formAction} className="space-y-2 rounded-lg border border-neutral-200 p-4">
      <p className="text-sm text-neutral-700">{description}</p>
      <input type="hidden" name="userId" value={userId} />
      <div role="status" aria-live="polite" className="text-sm">
        {state.ok === true ? <p className="font-medium text-brand-800">{state.message}</p> : null}
      </div>
      {state.ok === false ? (
        <p role="alert" className="text-sm font-medium text-red-700">
          {state.error}
        </p>
      ) : null}
      <SubmitButton pendingLabel={pendingLabel} variant={variant}>
        {label}
      </SubmitButton>
    </form>
  );
}
