'use client';

import { useActionState, useId, useState, type ReactNode } from 'react';
import { useFormStatus } from 'react-dom';
import { TextField } from '@/app/_components/form-fields';
import { INITIAL_FORM_STATE, type TFormState } from '@/lib/actions/form-state';
import { FormFeedback, SubmitButton } from '../_components/form-feedback';
import { createLightboxAction, lightboxCommandAction, removeImageAction, renameLightboxAction, saveNoteAction } from './actions';

type TAction = (state: TFormState<{ message: string }>, formData: FormData) => Promise<TFormState<{ message: string }>>;

const smallButton = 'inline-flex min-h-10 items-center justify-center rounded-md px-3 py-1.5 text-sm font-medium focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-700 aria-disabled:cursor-wait aria-disabled:opacity-75';
const quiet = `${smallButton} border border-neutral-400 bg-white text-ink hover:border-brand-700 hover:text-brand-800`;
const danger = `${smallButton} border border-red-700 bg-white text-red-800 hover:bg-red-50`;

/** A one-line outcome for the small forms of a row (several per page, so no page-wide error summary). */
function RowOutcome({ state }: { state: TFormState<{ message: string }> }) {
  return (
    <p role="status" aria-live="polite" className={`text-sm ${state.ok === false ? 'font-medium text-red-700' : 'text-neutral-700'}`}>
      {state.ok === false ? Object.values(state.fieldErrors)[0] ?? state.error : state.ok ? state.message : ''}
    </p>
  );
}

function PendingButton({ children, className, label }: { children: ReactNode; className: string; label?: string }) {
  const { pending } = useFormStatus();
  return (
    <button
      type="submit"
      aria-label={label}
      aria-disabled={pending || undefined}
      onClick={(event) => {
        if (pending) event.preventDefault();
      }}
      className={className}
    >
      {children}
    </button>
  );
}

export function CreateLightboxForm() {
  const [state, action] = useActionState(createLightboxAction, INITIAL_FORM_STATE);
  const values = state.ok === false ? state.values : {};
  return (
    <form action={action} noValidate className="space-y-3">
      <FormFeedback state={state} fieldOrder={['name']} />
      <div className="flex flex-wrap items-end gap-3">
        <TextField name="name" label="Name of the new lightbox" maxLength={120} defaultValue={values.name} error={state.ok === false ? state.fieldErrors.name : undefined} className="min-w-0 flex-1 sm:max-w-md" />
        <SubmitButton pendingLabel="Creating…">Create lightbox</SubmitButton>
      </div>
    </form>
  );
}

/** Rename, make active, move and delete one lightbox. */
export function LightboxControls({ id, name, isActive, isFirst, isLast, from }: { id: string; name: string; isActive: boolean; isFirst: boolean; isLast: boolean; from: 'list' | 'detail' }) {
  const [commandState, command] = useActionState(lightboxCommandAction as TAction, INITIAL_FORM_STATE);
  const [renameState, rename] = useActionState(renameLightboxAction as TAction, INITIAL_FORM_STATE);
  const [renaming, setRenaming] = useState(false);
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const renameId = useId();
  const renameError = renameState.ok === false ? (renameState.fieldErrors.name ?? renameState.error) : undefined;
  const hidden = (
    <>
      <input type="hidden" name="lightboxId" value={id} />
      <input type="hidden" name="from" value={from} />
    </>
  );

  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-2">
        {isActive ? null : (
          <form action={command}>
            {hidden}
            <input type="hidden" name="command" value="activate" />
            <PendingButton className={quiet} label={`Make “${name}” the active lightbox`}>
              Make active
            </PendingButton>
          </form>
        )}
        <button type="button" className={quiet} aria-expanded={renaming} onClick={() => setRenaming(!renaming)}>
          Rename
        </button>
        {from === 'list' ? (
          <>
            {isFirst ? null : (
              <form action={command}>
                {hidden}
                <input type="hidden" name="command" value="up" />
                <PendingButton className={quiet} label={`Move “${name}” up`}>
                  ↑ Up
                </PendingButton>
              </form>
            )}
            {isLast ? null : (
              <form action={command}>
                {hidden}
                <input type="hidden" name="command" value="down" />
                <PendingButton className={quiet} label={`Move “${name}” down`}>
                  ↓ Down
                </PendingButton>
              </form>
            )}
          </>
        ) : null}
        {confirmingDelete ? (
          <form action={command} className="flex flex-wrap items-center gap-2">
            {hidden}
            <input type="hidden" name="command" value="delete" />
            <span className="text-sm text-ink">Delete “{name}” and its notes?</span>
            <PendingButton className={danger}>Yes, delete</PendingButton>
            <button type="button" className={quiet} onClick={() => setConfirmingDelete(false)}>
              Keep it
            </button>
          </form>
        ) : (
          <button type="button" className={danger} onClick={() => setConfirmingDelete(true)}>
            Delete
          </button>
        )}
      </div>
      {renaming ? (
        <form action={rename} noValidate className="flex flex-wrap items-end gap-2">
          {hidden}
          <div className="min-w-0 flex-1 sm:max-w-sm">
            <label htmlFor={renameId} className="block text-sm font-medium text-ink">
              New name
            </label>
            <input
              id={renameId}
              name="name"
              defaultValue={renameState.ok === false ? renameState.values.name : name}
              maxLength={120}
              aria-invalid={renameError ? true : undefined}
              aria-describedby={renameError ? `${renameId}-error` : undefined}
              className={`mt-1 block w-full rounded-md border bg-white px-3 py-2 text-base text-ink shadow-sm ${renameError ? 'border-red-700' : 'border-neutral-500'}`}
            />
            {renameError ? (
              <p id={`${renameId}-error`} className="mt-1 text-sm font-medium text-red-700">
                {renameError}
              </p>
            ) : null}
          </div>
          <PendingButton className={quiet}>Save name</PendingButton>
        </form>
      ) : null}
      <RowOutcome state={renameState.ok === true ? renameState : commandState} />
    </div>
  );
}

/** The owner's note on one image, and removing the image. */
export function LightboxItemForms({ lightboxId, imageId, title, note }: { lightboxId: string; imageId: number; title: string; note: string }) {
  const [noteState, saveNote] = useActionState(saveNoteAction as TAction, INITIAL_FORM_STATE);
  const [removeState, remove] = useActionState(removeImageAction as TAction, INITIAL_FORM_STATE);
  const noteId = useId();
  const noteError = noteState.ok === false ? (noteState.fieldErrors.note ?? noteState.error) : undefined;
  return (
    <div className="mt-3 space-y-2">
      <form action={saveNote} noValidate className="space-y-2">
        <input type="hidden" name="lightboxId" value={lightboxId} />
        <input type="hidden" name="imageId" value={imageId} />
        <label htmlFor={noteId} className="block text-sm font-medium text-ink">
          Your note <span className="sr-only">on “{title}”</span>
        </label>
        <textarea
          id={noteId}
          name="note"
          rows={2}
          maxLength={1000}
          defaultValue={noteState.ok === false ? noteState.values.note : note}
          aria-invalid={noteError ? true : undefined}
          aria-describedby={noteError ? `${noteId}-error` : undefined}
          className={`block w-full rounded-md border bg-white px-3 py-2 text-sm text-ink shadow-sm ${noteError ? 'border-red-700' : 'border-neutral-500'}`}
        />
        {noteError ? (
          <p id={`${noteId}-error`} className="text-sm font-medium text-red-700">
            {noteError}
          </p>
        ) : null}
        <div className="flex flex-wrap items-center gap-2">
          <PendingButton className={quiet} label={`Save the note on “${title}”`}>
            Save note
          </PendingButton>
        </div>
        {noteState.ok === true ? <RowOutcome state={noteState} /> : null}
      </form>
      <form action={remove}>
        <input type="hidden" name="lightboxId" value={lightboxId} />
        <input type="hidden" name="imageId" value={imageId} />
        <PendingButton className={danger} label={`Remove “${title}” from this lightbox`}>
          Remove
        </PendingButton>
        <RowOutcome state={removeState} />
      </form>
    </div>
  );
}
