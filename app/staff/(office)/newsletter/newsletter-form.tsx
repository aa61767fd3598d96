'use client';

import { useActionState, useState } from 'react';
import { useFormStatus } from 'react-dom';
import { TextAreaField, TextField } from '@/app/_components/form-fields';
import { FormFeedback } from '@/app/account/_components/form-feedback';
import { INITIAL_FORM_STATE, type TFormState } from '@/lib/actions/form-state';
import type { TNewsletterPreview } from '@/lib/marketing/preview-newsletter';
import { answerKey } from '../_components/setting-form';

type TState = TFormState<{ message: string; preview?: TNewsletterPreview; values?: { subject: string; body: string } }>;
type TAction = (state: TState, formData: FormData) => Promise<TState>;

/**
 * Subject and text, then Preview: the message as a recipient reads it, and how many would get it.
 * Send appears only for the text just previewed; an edit hides it until the next preview.
 */
export function NewsletterForm({ action }: { action: TAction }) {
  const [state, formAction] = useActionState(action, INITIAL_FORM_STATE);
  const [editedAfter, setEditedAfter] = useState<object | null>(null);
  const failure = state.ok === false ? state : null;
  const preview = state.ok === true && state.preview && editedAfter !== state ? state.preview : null;
  // After a refusal or a preview the fields show what was sent; after a send they start empty.
  const shown = failure ? failure.values : state.ok === true ? (state.values ?? { subject: '', body: '' }) : { subject: '', body: '' };

  return (
    <form action={formAction} noValidate onInput={() => setEditedAfter(state)} className="space-y-5">
      <FormFeedback state={state} fieldOrder={['subject', 'body']} />
      <div key={answerKey(state)} className="space-y-5">
        <TextField name="subject" label="Subject" maxLength={150} defaultValue={shown.subject} error={failure?.fieldErrors.subject} hint="One line. The shop's name is put in front of it." />
        <TextAreaField
          name="body"
          label="Message"
          rows={12}
          maxLength={20000}
          defaultValue={shown.body}
          error={failure?.fieldErrors.body}
          hint="Plain text. Leave an empty line between paragraphs. A greeting with the customer's name goes above it, and the unsubscribe link below it."
        />
      </div>
      <div className="flex flex-wrap gap-3">
        <IntentButton intent="preview" pendingLabel="Preparing the preview…">
          Preview
        </IntentButton>
      </div>
      {preview ? (
        <section aria-labelledby="preview-heading" className="rounded-lg border border-neutral-300 bg-neutral-50 p-4 sm:p-5">
          <h2 id="preview-heading" className="text-lg font-semibold text-ink">
            Preview
          </h2>
          <dl className="mt-3 grid grid-cols-[6rem_1fr] gap-x-3 gap-y-1 text-sm">
            <dt className="font-medium text-neutral-700">Subject</dt>
            <dd className="break-words text-ink">{preview.subject}</dd>
            <dt className="font-medium text-neutral-700">Recipients</dt>
            <dd className="text-ink">{preview.recipients === 1 ? '1 customer' : `${preview.recipients} customers`} whose marketing consent is in force</dd>
          </dl>
          <pre className="mt-4 max-h-[28rem] overflow-auto rounded-md border border-neutral-200 bg-white p-4 font-sans text-sm whitespace-pre-wrap text-ink">{preview.text}</pre>
          <p className="mt-3 text-sm text-neutral-700">Each customer gets their own unsubscribe link, in the text and in the mail&apos;s List-Unsubscribe header.</p>
          <div className="mt-4">
            {preview.recipients > 0 ? (
              <IntentButton intent="send" primary pendingLabel="Sending…">
                {`Send to ${preview.recipients === 1 ? '1 customer' : `${preview.recipients} customers`}`}
              </IntentButton>
            ) : (
              <p className="text-sm font-medium text-ink">No customer has agreed to marketing mail, so there is no one to send it to.</p>
            )}
          </div>
        </section>
      ) : null}
    </form>
  );
}

/** A submit button naming what it does (intent), saying it is working meanwhile and ignoring repeated presses. */
function IntentButton({ intent, children, pendingLabel, primary }: { intent: 'preview' | 'send'; children: string; pendingLabel: string; primary?: boolean }) {
  const { pending } = useFormStatus();
  return (
    <button
      type="submit"
      name="intent"
      value={intent}
      aria-disabled={pending || undefined}
      onClick={(event) => {
        if (pending) event.preventDefault();
      }}
      className={`inline-flex min-h-11 items-center justify-center rounded-md px-4 py-2 text-sm font-semibold shadow-sm aria-disabled:cursor-wait aria-disabled:opacity-75 ${
        primary ? 'bg-brand-700 text-white hover:bg-brand-800' : 'border border-neutral-500 bg-white text-ink hover:bg-neutral-50'
      }`}
    >
      {pending ? pendingLabel : children}
    </button>
  );
}
