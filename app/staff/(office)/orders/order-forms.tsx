'use client';

import { useActionState, type ReactNode } from 'react';
import { CheckboxField, SelectField, TextField } from '@/app/_components/form-fields';
import { FormFeedback, SubmitButton } from '@/app/account/_components/form-feedback';
import { INITIAL_FORM_STATE, type TFormState } from '@/lib/actions/form-state';

type TMessageState = TFormState<{ message: string }>;
type TMessageAction = (state: TMessageState, formData: FormData) => Promise<TMessageState>;

type TPanelProps = {
  action: TMessageAction;
  orderId: string;
  /** Whether the order's state allows this change now. When not, only the last outcome stays shown. */
  available: boolean;
  title: string;
  description: ReactNode;
};

/**
 * One change of the order in a panel. The panel stays in the page when the order moves on (only
 * its form goes), so the outcome of the change just made is still announced after the refresh.
 */
function ActionPanel({ action, orderId, available, title, description, fieldOrder = [], children }: TPanelProps & { fieldOrder?: string[]; children: (state: TMessageState) => ReactNode }) {
  const [state, formAction] = useActionState(action, INITIAL_FORM_STATE);
  if (!available && state.ok !== true) return null;
  return (
    <div className="rounded-lg border border-neutral-200 p-4">
      <h3 className="font-medium text-ink">{title}</h3>
      {available ? (
        <form action={formAction} noValidate className="mt-2 space-y-4">
          <p className="text-sm text-neutral-700">{description}</p>
          <FormFeedback state={state} fieldOrder={fieldOrder} />
          <input type="hidden" name="orderId" value={orderId} />
          {children(state)}
        </form>
      ) : (
        <div className="mt-2">
          <FormFeedback state={state} />
        </div>
      )}
    </div>
  );
}

const failureOf = (state: TMessageState) => (state.ok === false ? state : null);

export function ButtonPanel(props: TPanelProps & { label: string; pendingLabel: string }) {
  return (
    <ActionPanel {...props}>
      {() => <SubmitButton pendingLabel={props.pendingLabel}>{props.label}</SubmitButton>}
    </ActionPanel>
  );
}

export function ReasonPanel(props: TPanelProps & { field: 'rejectionReason' | 'cancellationReason'; label: string; pendingLabel: string }) {
  return (
    <ActionPanel {...props} fieldOrder={[props.field]}>
      {(state) => (
        <>
          <TextField
            name={props.field}
            label="Reason (sent to the customer)"
            required
            maxLength={2000}
            defaultValue={failureOf(state)?.values[props.field] ?? ''}
            error={failureOf(state)?.fieldErrors[props.field]}
          />
          <SubmitButton pendingLabel={props.pendingLabel} variant="danger">
            {props.label}
          </SubmitButton>
        </>
      )}
    </ActionPanel>
  );
}

export function PaymentPanel(props: TPanelProps & { methods: Array<{ value: string; label: string }>; today: string; outstanding: string }) {
  return (
    <ActionPanel {...props} fieldOrder={['paidOn', 'amount', 'method', 'reference']}>
      {(state) => {
        const failure = failureOf(state);
        return (
          <>
            <div className="grid gap-4 sm:grid-cols-2">
              <TextField name="paidOn" label="Date received" type="date" required defaultValue={failure?.values.paidOn ?? props.today} error={failure?.fieldErrors.paidOn} />
              <TextField name="amount" label="Amount (EUR)" required hint={`Still open: ${props.outstanding}`} maxLength={12} defaultValue={failure?.values.amount ?? ''} error={failure?.fieldErrors.amount} />
              <SelectField name="method" label="Method" placeholder="Choose a method" options={props.methods} defaultValue={failure?.values.method ?? 'bank_transfer'} error={failure?.fieldErrors.method} />
              <TextField name="reference" label="Reference" optional maxLength={200} defaultValue={failure?.values.reference ?? ''} error={failure?.fieldErrors.reference} />
            </div>
            <SubmitButton pendingLabel="Registering…">Register the payment</SubmitButton>
          </>
        );
      }}
    </ActionPanel>
  );
}

type TTerms = { downloadWithoutApproval: boolean; mayPayLater: boolean; priceListId: number | null; discountBasisPoints: number };

/** A customer's commercial terms: approval, payment after delivery, and the price agreement. */
export function CustomerTermsForm({ action, customerId, terms, priceLists }: { action: TMessageAction; customerId: string; terms: TTerms; priceLists: Array<{ id: number; name: string }> }) {
  const [state, formAction] = useActionState(action, INITIAL_FORM_STATE);
  const failure = failureOf(state);
  return (
    <form action={formAction} noValidate className="max-w-xl space-y-4">
      <FormFeedback state={state} fieldOrder={['downloadWithoutApproval', 'mayPayLater', 'priceListId', 'discountPercent']} />
      <input type="hidden" name="customerId" value={customerId} />
      <CheckboxField
        name="downloadWithoutApproval"
        label="Download without approval"
        hint="Orders skip the approval step: they are invoiced when placed."
        defaultChecked={terms.downloadWithoutApproval}
        error={failure?.fieldErrors.downloadWithoutApproval}
      />
      <CheckboxField name="mayPayLater" label="May pay later" hint="Licences can be downloaded and delivered before the invoice is paid." defaultChecked={terms.mayPayLater} error={failure?.fieldErrors.mayPayLater} />
      <SelectField
        name="priceListId"
        label="Price list"
        placeholder="The standard prices"
        optional
        options={priceLists.map((list) => ({ value: String(list.id), label: list.name }))}
        defaultValue={failure?.values.priceListId ?? (terms.priceListId === null ? '' : String(terms.priceListId))}
        error={failure?.fieldErrors.priceListId}
      />
      <TextField
        name="discountPercent"
        label="Discount (%)"
        hint="From 0 to 100; taken off every licence price."
        maxLength={6}
        className="max-w-48"
        defaultValue={failure?.values.discountPercent ?? String(terms.discountBasisPoints / 100)}
        error={failure?.fieldErrors.discountPercent}
      />
      <SubmitButton pendingLabel="Saving…">Save the terms</SubmitButton>
    </form>
  );
}
