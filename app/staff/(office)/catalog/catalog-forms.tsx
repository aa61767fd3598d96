'use client';

import { useActionState, useState, type FormEvent } from 'react';
import { useRouter } from 'next/navigation';
import { ErrorSummary } from '@/app/_components/error-summary';
import { fieldId, SelectField, TextAreaField, TextField } from '@/app/_components/form-fields';
import { FormFeedback, SubmitButton } from '@/app/account/_components/form-feedback';
import { INITIAL_FORM_STATE, type TFormState } from '@/lib/actions/form-state';
import { answerKey } from '../_components/setting-form';

type TMessageState = TFormState<{ message: string }>;
type TMessageAction = (state: TMessageState, formData: FormData) => Promise<TMessageState>;
type TOption = { value: string; label: string };

export type TImageDetailsValues = {
  title: string;
  description: string;
  keywords: string;
  creatorName: string;
  creditLine: string;
  capturedOn: string;
  licenceModel: string;
  priceListId: string;
  modelRelease: string;
  peopleCount: string;
};

export const DETAIL_FIELD_ORDER = ['file', 'title', 'description', 'keywords', 'creatorName', 'creditLine', 'capturedOn', 'licenceModel', 'priceListId', 'modelRelease', 'peopleCount'];

type TChoices = { licenceModels: TOption[]; modelReleases: TOption[]; priceLists: TOption[] };

/** The catalog fields of an image, shared by the upload form and the edit form. */
function ImageDetailsFields({ values, errors, choices, fromFile }: { values: TImageDetailsValues; errors: Record<string, string>; choices: TChoices; fromFile?: boolean }) {
  const fromFileHint = fromFile ? 'Left empty, it is read from the file (or the title from the file name).' : undefined;
  return (
    <div className="space-y-5">
      <TextField name="title" label="Title" maxLength={300} optional={fromFile} hint={fromFileHint} defaultValue={values.title} error={errors.title} />
      <TextAreaField name="description" label="Description" optional maxLength={5000} defaultValue={values.description} error={errors.description} />
      <TextAreaField name="keywords" label="Keywords" optional rows={3} hint="Separated by commas or lines; at most 200." defaultValue={values.keywords} error={errors.keywords} />
      <div className="grid gap-5 sm:grid-cols-2">
        <TextField name="creatorName" label="Creator" optional maxLength={200} defaultValue={values.creatorName} error={errors.creatorName} />
        <TextField name="creditLine" label="Credit line" optional maxLength={300} defaultValue={values.creditLine} error={errors.creditLine} />
      </div>
      <div className="grid gap-5 sm:grid-cols-2">
        <TextField name="capturedOn" label="Captured on" optional hint="A date like 2024-05-31." defaultValue={values.capturedOn} error={errors.capturedOn} />
        <TextField name="peopleCount" label="People in the picture" inputMode="numeric" defaultValue={values.peopleCount} error={errors.peopleCount} />
      </div>
      <div className="grid gap-5 sm:grid-cols-3">
        <SelectField name="licenceModel" label="Licence model" placeholder="Choose…" options={choices.licenceModels} defaultValue={values.licenceModel} error={errors.licenceModel} />
        <SelectField name="priceListId" label="Price list (royalty-free)" placeholder="Default price list" options={choices.priceLists} defaultValue={values.priceListId} error={errors.priceListId} />
        <SelectField name="modelRelease" label="Model release" placeholder="Choose…" options={choices.modelReleases} defaultValue={values.modelRelease} error={errors.modelRelease} />
      </div>
    </div>
  );
}

/** Edits a stored image's catalog fields; after a refusal the fields show what was sent. */
export function ImageDetailsForm({ action, imageId, values, choices }: { action: TMessageAction; imageId: number; values: TImageDetailsValues; choices: TChoices }) {
  const [state, formAction] = useActionState(action, INITIAL_FORM_STATE);
  const failure = state.ok === false ? state : null;
  const shown = failure ? (Object.fromEntries(Object.keys(values).map((name) => [name, failure.values[name] ?? ''])) as TImageDetailsValues) : values;
  return (
    <form action={formAction} noValidate className="space-y-5">
      <FormFeedback state={state} fieldOrder={DETAIL_FIELD_ORDER} />
      <input type="hidden" name="imageId" value={imageId} />
      <div key={answerKey(state)}>
        <ImageDetailsFields values={shown} errors={failure?.fieldErrors ?? {}} choices={choices} />
      </div>
      <SubmitButton pendingLabel="Saving…">Save details</SubmitButton>
    </form>
  );
}

/** Publish or withdraw: one button, its outcome below it. */
export function PublicationButton({ action, imageId, label, pendingLabel, variant }: { action: TMessageAction; imageId: number; label: string; pendingLabel: string; variant: 'primary' | 'danger' }) {
  const [state, formAction] = useActionState(action, INITIAL_FORM_STATE);
  return (
    <form action={formAction} className="text-sm">
      <input type="hidden" name="imageId" value={imageId} />
      <SubmitButton pendingLabel={pendingLabel} variant={variant}>
        {label}
      </SubmitButton>
      <div role="status" className="mt-2 text-neutral-700">
        {state.ok === true ? state.message : null}
      </div>
      {state.ok === false ? (
        <p role="alert" className="mt-1 font-medium text-red-700">
          {state.error}
        </p>
      ) : null}
    </form>
  );
}

type TUploadFailure = { error: string; fieldErrors: Record<string, string> };

const EMPTY_VALUES: TImageDetailsValues = {
  title: '',
  description: '',
  keywords: '',
  creatorName: '',
  creditLine: '',
  capturedOn: '',
  licenceModel: 'royalty_free',
  priceListId: '',
  modelRelease: 'none',
  peopleCount: '0',
};

/**
 * Sends the file and its fields to the upload route (a file is too large for a server action's
 * body limit) and opens the new image's page, or shows the refusal next to the fields.
 */
export function UploadForm({ choices, maxMb }: { choices: TChoices; maxMb: number }) {
  const router = useRouter();
  const [failure, setFailure] = useState<TUploadFailure | null>(null);
  const [values, setValues] = useState(EMPTY_VALUES);
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const form = new FormData(event.currentTarget);
    setValues(Object.fromEntries(Object.keys(EMPTY_VALUES).map((name) => [name, String(form.get(name) ?? '')])) as TImageDetailsValues);
    setPending(true);
    try {
      const response = await fetch('/staff/catalog/upload', { method: 'POST', body: form, headers: { accept: 'application/json' } });
      const answer = (await response.json().catch(() => null)) as ({ imageId?: number } & Partial<TUploadFailure>) | null;
      if (response.ok && answer?.imageId) {
        router.push(`/staff/catalog/${answer.imageId}?uploaded=1`);
        return;
      }
      setFailure({
        error: answer?.error ?? (response.status === 413 ? `The file is larger than ${maxMb} MB.` : 'The upload did not work. Please try again.'),
        fieldErrors: answer?.fieldErrors ?? {},
      });
    } catch {
      setFailure({ error: 'The upload did not reach the server. Check the connection and try again.', fieldErrors: {} });
    }
    setPending(false);
  }

  const fileError = failure?.fieldErrors.file;
  return (
    <form onSubmit={submit} noValidate encType="multipart/form-data" className="space-y-5">
      <ErrorSummary failure={failure} order={DETAIL_FIELD_ORDER} />
      <div>
        <label htmlFor={fieldId('file')} className="block text-sm font-medium text-ink">
          Picture
        </label>
        <div id={`${fieldId('file')}-hint`} className="mt-1 text-sm text-neutral-600">
          A JPEG, PNG, TIFF or WebP file of at most {maxMb} MB. The original is kept as it is; customers only see a thumbnail and a watermarked preview.
        </div>
        <input
          id={fieldId('file')}
          name="file"
          type="file"
          accept="image/jpeg,image/png,image/tiff,image/webp"
          aria-invalid={fileError ? true : undefined}
          aria-describedby={[`${fieldId('file')}-hint`, fileError ? `${fieldId('file')}-error` : null].filter(Boolean).join(' ')}
          className="mt-2 block w-full text-sm text-ink file:mr-4 file:min-h-11 file:rounded-md file:border-0 file:bg-brand-700 file:px-4 file:py-2 file:font-semibold file:text-white hover:file:bg-brand-800"
        />
        {fileError ? (
          <p id={`${fieldId('file')}-error`} className="mt-1 text-sm font-medium text-red-700">
            <span className="sr-only">Error: </span>
            {fileError}
          </p>
        ) : null}
      </div>
      <div key={JSON.stringify(failure)}>
        <ImageDetailsFields values={values} errors={failure?.fieldErrors ?? {}} choices={choices} fromFile />
      </div>
      <button
        type="submit"
        aria-disabled={pending || undefined}
        className="inline-flex min-h-11 items-center justify-center rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-brand-800 aria-disabled:cursor-wait aria-disabled:opacity-75"
      >
        {pending ? 'Uploading…' : 'Upload (unpublished)'}
      </button>
    </form>
  );
}
