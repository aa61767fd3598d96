'use client';

import { useActionState, useState } from 'react';
import { FieldError, fieldId } from '@/app/_components/form-fields';
import { MarkdownView } from '@/app/_components/markdown-view';
import { FormFeedback, SubmitButton } from '@/app/account/_components/form-feedback';
import { INITIAL_FORM_STATE, type TFormState } from '@/lib/actions/form-state';

type TPublishState = TFormState<{ message: string; version: number }>;
type TPreviewState = TFormState<{ message: string; html: string; unknown: string[] }>;

const control = (error: string | undefined) => `mt-1 block w-full rounded-md border bg-white px-3 py-2 text-base text-ink shadow-sm ${error ? 'border-red-700' : 'border-neutral-500'}`;

/**
 * The Markdown editor: the fields are controlled, so neither a preview nor a refusal loses what
 * was typed. Preview renders on the server exactly as the site will; Publish stores a new version.
 */
export function TextEditor({
  textKey,
  initialBody,
  publish,
  preview,
  placeholders,
}: {
  textKey: string;
  initialBody: string;
  publish: (state: TPublishState, formData: FormData) => Promise<TPublishState>;
  preview: (state: TPreviewState, formData: FormData) => Promise<TPreviewState>;
  placeholders: string[];
}) {
  const [published, publishAction] = useActionState(publish, INITIAL_FORM_STATE);
  const [previewed, previewAction] = useActionState(preview, INITIAL_FORM_STATE);
  const [body, setBody] = useState(initialBody);
  const [effectiveDate, setEffectiveDate] = useState('');
  const [changeNote, setChangeNote] = useState('');
  const [material, setMaterial] = useState(false);
  const failure = published.ok === false ? published : null;
  const error = (name: string) => failure?.fieldErrors[name];

  return (
    <div className="space-y-6">
      <form action={publishAction} noValidate className="space-y-5">
        <FormFeedback state={published} fieldOrder={['body', 'effectiveDate', 'changeNote']} />
        <input type="hidden" name="key" value={textKey} />
        <div>
          <label htmlFor={fieldId('body')} className="block text-sm font-medium text-ink">
            Text (Markdown)
          </label>
          <div id={`${fieldId('body')}-hint`} className="mt-1 text-sm text-neutral-600">
            ## for a heading, - for a list item, **bold**, [link text](https://…). HTML is shown as text. Placeholders filled in when shown: {placeholders.map((name) => `{${name}}`).join(', ')}.
          </div>
          <textarea
            id={fieldId('body')}
            name="body"
            rows={18}
            value={body}
            onChange={(event) => setBody(event.target.value)}
            aria-invalid={error('body') ? true : undefined}
            aria-describedby={[`${fieldId('body')}-hint`, error('body') ? `${fieldId('body')}-error` : null].filter(Boolean).join(' ')}
            className={`${control(error('body'))} font-mono text-sm`}
          />
          <FieldError name="body" error={error('body')} />
        </div>
        <div className="grid gap-5 sm:grid-cols-[14rem_1fr]">
          <div>
            <label htmlFor={fieldId('effectiveDate')} className="block text-sm font-medium text-ink">
              Effective date <span className="font-normal text-neutral-600">(optional)</span>
            </label>
            <input
              id={fieldId('effectiveDate')}
              name="effectiveDate"
              type="date"
              value={effectiveDate}
              onChange={(event) => setEffectiveDate(event.target.value)}
              aria-invalid={error('effectiveDate') ? true : undefined}
              aria-describedby={[`${fieldId('effectiveDate')}-hint`, error('effectiveDate') ? `${fieldId('effectiveDate')}-error` : null].filter(Boolean).join(' ')}
              className={control(error('effectiveDate'))}
            />
            <div id={`${fieldId('effectiveDate')}-hint`} className="mt-1 text-sm text-neutral-600">
              Empty or today: in force at once. A later day: from its start (UTC).
            </div>
            <FieldError name="effectiveDate" error={error('effectiveDate')} />
          </div>
          <div>
            <label htmlFor={fieldId('changeNote')} className="block text-sm font-medium text-ink">
              Change note
            </label>
            <input
              id={fieldId('changeNote')}
              name="changeNote"
              value={changeNote}
              maxLength={500}
              onChange={(event) => setChangeNote(event.target.value)}
              aria-invalid={error('changeNote') ? true : undefined}
              aria-describedby={[`${fieldId('changeNote')}-hint`, error('changeNote') ? `${fieldId('changeNote')}-error` : null].filter(Boolean).join(' ')}
              className={control(error('changeNote'))}
            />
            <div id={`${fieldId('changeNote')}-hint`} className="mt-1 text-sm text-neutral-600">
              What changed and why, in a sentence. Customers see it with a material change.
            </div>
            <FieldError name="changeNote" error={error('changeNote')} />
          </div>
        </div>
        <div className="flex items-start gap-3">
          <input id={fieldId('material')} name="material" type="checkbox" checked={material} onChange={(event) => setMaterial(event.target.checked)} aria-describedby={`${fieldId('material')}-hint`} className="mt-0.5 h-5 w-5 shrink-0 accent-brand-700" />
          <div>
            <label htmlFor={fieldId('material')} className="text-sm font-medium text-ink">
              Material change
            </label>
            <div id={`${fieldId('material')}-hint`} className="text-sm text-neutral-600">
              For the privacy policy: every customer sees &quot;Our privacy policy changed&quot; with the change note at their next sign-in, until they confirm it.
            </div>
          </div>
        </div>
        <div className="flex flex-wrap gap-3">
          <SubmitButton pendingLabel="Publishing…">Publish new version</SubmitButton>
          <button
            type="submit"
            formAction={previewAction}
            formNoValidate
            className="inline-flex min-h-11 items-center justify-center rounded-md border border-neutral-500 bg-white px-4 py-2 text-sm font-semibold text-ink shadow-sm hover:bg-neutral-50"
          >
            Preview
          </button>
        </div>
      </form>

      <section aria-labelledby="preview-heading" className="rounded-lg border border-neutral-200 p-5">
        <h2 id="preview-heading" className="text-lg font-semibold text-ink">
          Preview
        </h2>
        <div role="status" aria-live="polite">
          {previewed.ok === false ? <p className="mt-2 text-sm font-medium text-red-700">{previewed.error}</p> : null}
          {previewed.ok === true && previewed.unknown.length > 0 ? (
            <p className="mt-2 text-sm font-medium text-red-700">Unknown placeholders: {previewed.unknown.map((name) => `{${name}}`).join(', ')}. Publishing will refuse them.</p>
          ) : null}
        </div>
        {previewed.ok === true ? (
          <div className="mt-4">
            <MarkdownView html={previewed.html} id="text-preview" />
          </div>
        ) : (
          <p className="mt-2 text-sm text-neutral-700">Press Preview to see the text as the site will show it, with the periods and ages filled in.</p>
        )}
      </section>
    </div>
  );
}
