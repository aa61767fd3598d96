'use client';

import { useActionState } from 'react';
import { TextField } from '@/app/_components/form-fields';
import { FormFeedback, SubmitButton } from '@/app/account/_components/form-feedback';
import { INITIAL_FORM_STATE, type TFormState } from '@/lib/actions/form-state';
import { answerKey } from '../../_components/setting-form';

type TMessageState = TFormState<{ message: string }>;
type TMessageAction = (state: TMessageState, formData: FormData) => Promise<TMessageState>;

export type TTierValues = { tier: string; longEdgePx: string; price: string };

/** The size tiers of one price list: a row per tier, long edge and price; empty rows are not offered. */
export function PriceListForm({ action, priceListId, currency, tiers }: { action: TMessageAction; priceListId: number; currency: string; tiers: TTierValues[] }) {
  const [state, formAction] = useActionState(action, INITIAL_FORM_STATE);
  const failure = state.ok === false ? state : null;
  const name = (tier: string, part: 'longEdgePx' | 'price') => `${priceListId}.${tier}.${part}`;
  const shown = (tier: string, part: 'longEdgePx' | 'price', stored: string) => (failure ? (failure.values[name(tier, part)] ?? '') : stored);
  return (
    <form action={formAction} noValidate className="space-y-4">
      <FormFeedback state={state} fieldOrder={tiers.flatMap((row) => [name(row.tier, 'longEdgePx'), name(row.tier, 'price')])} />
      <input type="hidden" name="priceListId" value={priceListId} />
      <div key={answerKey(state)} className="space-y-3">
        {tiers.map((row) => (
          <fieldset key={row.tier} className="grid gap-4 rounded-md border border-neutral-200 p-3 sm:grid-cols-[4rem_1fr_1fr] sm:items-start">
            <legend className="sr-only">Size {row.tier}</legend>
            <p aria-hidden="true" className="pt-8 text-base font-semibold text-ink">
              {row.tier}
            </p>
            <TextField name={name(row.tier, 'longEdgePx')} label={`${row.tier}: long edge (px)`} inputMode="numeric" defaultValue={shown(row.tier, 'longEdgePx', row.longEdgePx)} error={failure?.fieldErrors[name(row.tier, 'longEdgePx')]} />
            <TextField name={name(row.tier, 'price')} label={`${row.tier}: price (${currency})`} defaultValue={shown(row.tier, 'price', row.price)} error={failure?.fieldErrors[name(row.tier, 'price')]} />
          </fieldset>
        ))}
      </div>
      <SubmitButton pendingLabel="Saving…">Save prices</SubmitButton>
    </form>
  );
}
