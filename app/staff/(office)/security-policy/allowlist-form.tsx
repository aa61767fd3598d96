'use client';

import { useActionState } from 'react';
import { SelectField, TextField } from '@/app/_components/form-fields';
import { FormFeedback, SubmitButton } from '@/app/account/_components/form-feedback';
import { INITIAL_FORM_STATE } from '@/lib/actions/form-state';
import { answerKey, type TMessageAction } from '../_components/setting-form';

const SCOPES = [
  { value: 'site', label: 'Every staff member (site-wide)' },
  { value: 'role', label: 'One role' },
  { value: 'account', label: 'One staff account' },
];

/** Adds a network to the site-wide list, a role's list or an account's list. */
export function AddAllowlistEntryForm({ action, roles, yourAddress }: { action: TMessageAction; roles: Array<{ value: string; label: string }>; yourAddress: string | null }) {
  const [state, formAction] = useActionState(action, INITIAL_FORM_STATE);
  const failure = state.ok === false ? state : null;
  const value = (name: string) => failure?.values[name] ?? '';
  return (
    <form action={formAction} noValidate className="space-y-4">
      <FormFeedback state={state} fieldOrder={['scope', 'role', 'accountEmail', 'network', 'label']} />
      <div key={answerKey(state)} className="grid gap-4 sm:grid-cols-3">
        <SelectField name="scope" label="Applies to" placeholder="Choose…" options={SCOPES} defaultValue={value('scope')} error={failure?.fieldErrors.scope} />
        <SelectField name="role" label="Role" optional placeholder="Only for a role entry" options={roles} defaultValue={value('role')} error={failure?.fieldErrors.role} />
        <TextField name="accountEmail" type="email" label="Staff account e-mail" optional spellCheck={false} defaultValue={value('accountEmail')} error={failure?.fieldErrors.accountEmail} />
        <TextField
          name="network"
          label="Address or range"
          hint={yourAddress ? `e.g. 203.0.113.0/24 or 2001:db8::/48. Your address now: ${yourAddress}` : 'e.g. 203.0.113.0/24 or 2001:db8::/48'}
          spellCheck={false}
          defaultValue={value('network')}
          error={failure?.fieldErrors.network}
        />
        <TextField name="label" label="Label" optional hint="e.g. Office, VPN" defaultValue={value('label')} error={failure?.fieldErrors.label} />
      </div>
      <SubmitButton pendingLabel="Adding…">Add to allowlist</SubmitButton>
    </form>
  );
}
