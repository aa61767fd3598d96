'use client';

import { useActionState, type ReactNode } from 'react';
import { FieldError, fieldId, TextAreaField, TextField } from '@/app/_components/form-fields';
import { FormFeedback, SubmitButton } from '@/app/account/_components/form-feedback';
import { INITIAL_FORM_STATE, type TFormState } from '@/lib/actions/form-state';

type TMessageState = TFormState<{ message: string }>;
export type TMessageAction = (state: TMessageState, formData: FormData) => Promise<TMessageState>;

type TOption = { value: string; label: string };

/**
 * One field of a settings form. Its name is the setting's key, and inside an object or list the
 * path ('media.watermark.opacity'): the use case names its errors the same way, so each message
 * lands next to its field.
 */
export type TSettingField =
  | { kind: 'text'; name: string; label: string; hint?: ReactNode; value: string; numeric?: boolean; type?: 'text' | 'email'; optional?: boolean; className?: string }
  | { kind: 'textarea'; name: string; label: string; hint?: ReactNode; value: string; optional?: boolean }
  | { kind: 'select'; name: string; label: string; hint?: ReactNode; value: string; options: TOption[] }
  | { kind: 'checkboxes'; name: string; legend: string; hint?: ReactNode; options: TOption[]; values: string[] }
  | { kind: 'questions'; name: string; legend: string; hint?: ReactNode; rows: Array<{ id: string; label: string; mode: string }>; modes: TOption[]; max: number };

const answerIds = new WeakMap<object, number>();
let lastAnswerId = 0;

/**
 * A key that changes with every answer of the action. React resets a form after its action, but a
 * <select> goes back to the option it was first rendered with, not to a new defaultValue: keying
 * the fields on the answer renders them afresh, with what was sent (a refusal) or what is now
 * stored (a save).
 */
export function answerKey(state: object): number {
  if (!answerIds.has(state)) answerIds.set(state, ++lastAnswerId);
  return answerIds.get(state)!;
}

const controlClass = (error: string | undefined) =>
  `mt-1 block w-full rounded-md border bg-white px-3 py-2 text-base text-ink shadow-sm disabled:bg-neutral-100 ${error ? 'border-red-700' : 'border-neutral-500'}`;

/**
 * A form that saves a group of settings. After a refusal the fields show what was sent, with the
 * messages; after a save they show the stored values (the page is revalidated). `readOnly` shows
 * the values without a way to change them (security.read without security.manage).
 */
export function SettingForm({ action, fields, submitLabel, readOnly = false }: { action: TMessageAction; fields: TSettingField[]; submitLabel: string; readOnly?: boolean }) {
  const [state, formAction] = useActionState(action, INITIAL_FORM_STATE);
  const failure = state.ok === false ? state : null;
  const error = (name: string) => failure?.fieldErrors[name];
  const sent = (name: string, stored: string) => (failure ? (failure.values[name] ?? '') : stored);
  const order = fields.flatMap((field) => (field.kind === 'questions' ? [field.name, ...field.rows.flatMap((_, index) => ['id', 'label', 'mode'].map((part) => `${field.name}.${index}.${part}`))] : [field.name]));

  return (
    <form action={formAction} noValidate className="space-y-5">
      {readOnly ? null : <FormFeedback state={state} fieldOrder={order} />}
      <fieldset key={answerKey(state)} disabled={readOnly} className="space-y-5">
        {fields.map((field) => {
          switch (field.kind) {
            case 'text':
              return (
                <TextField
                  key={field.name}
                  name={field.name}
                  label={field.label}
                  hint={field.hint}
                  type={field.type ?? 'text'}
                  inputMode={field.numeric ? 'numeric' : undefined}
                  optional={field.optional}
                  spellCheck={false}
                  className={field.className}
                  defaultValue={sent(field.name, field.value)}
                  error={error(field.name)}
                />
              );
            case 'textarea':
              return <TextAreaField key={field.name} name={field.name} label={field.label} hint={field.hint} optional={field.optional} rows={3} defaultValue={sent(field.name, field.value)} error={error(field.name)} />;
            case 'select':
              return <Select key={field.name} field={field} value={sent(field.name, field.value)} error={error(field.name)} />;
            case 'checkboxes':
              return <Checkboxes key={field.name} field={field} checked={(value) => (failure ? `${field.name}.${value}` in failure.values : field.values.includes(value))} error={error(field.name)} />;
            case 'questions':
              return <Questions key={field.name} field={field} failure={failure} readOnly={readOnly} />;
          }
        })}
      </fieldset>
      {readOnly ? null : <SubmitButton pendingLabel="Saving…">{submitLabel}</SubmitButton>}
    </form>
  );
}

function Select({ field, value, error }: { field: Extract<TSettingField, { kind: 'select' }>; value: string; error: string | undefined }) {
  const id = fieldId(field.name);
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-ink">
        {field.label}
      </label>
      {field.hint ? (
        <div id={`${id}-hint`} className="mt-1 text-sm text-neutral-600">
          {field.hint}
        </div>
      ) : null}
      <select
        id={id}
        name={field.name}
        defaultValue={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={[field.hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined}
        className={controlClass(error)}
      >
        {field.options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <FieldError name={field.name} error={error} />
    </div>
  );
}

/** Ticked boxes are sent as `${name}.${value}`; the bare name goes along hidden, so "none ticked" is sent too. */
function Checkboxes({ field, checked, error }: { field: Extract<TSettingField, { kind: 'checkboxes' }>; checked: (value: string) => boolean; error: string | undefined }) {
  const id = fieldId(field.name);
  return (
    <fieldset id={id} tabIndex={-1} aria-describedby={[field.hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined}>
      <legend className="text-sm font-medium text-ink">{field.legend}</legend>
      {field.hint ? (
        <div id={`${id}-hint`} className="mt-1 text-sm text-neutral-600">
          {field.hint}
        </div>
      ) : null}
      <input type="hidden" name={field.name} value="" />
      <div className="mt-2 flex flex-wrap gap-x-6 gap-y-2">
        {field.options.map((option) => (
          <div key={option.value} className="flex items-center gap-2">
            <input
              id={`${id}-${option.value}`}
              name={`${field.name}.${option.value}`}
              type="checkbox"
              defaultChecked={checked(option.value)}
              className="h-5 w-5 shrink-0 accent-brand-700"
            />
            <label htmlFor={`${id}-${option.value}`} className="text-sm text-ink">
              {option.label}
            </label>
          </div>
        ))}
      </div>
      <FieldError name={field.name} error={error} />
    </fieldset>
  );
}

/**
 * The registration questions: one row per question and a blank row for a new one (until the
 * maximum). A saved question's id stays as it is: customers' answers are stored under it.
 */
function Questions({ field, failure, readOnly }: { field: Extract<TSettingField, { kind: 'questions' }>; failure: { values: Record<string, string>; fieldErrors: Record<string, string> } | null; readOnly: boolean }) {
  const id = fieldId(field.name);
  const rowCount = Math.min(field.max, field.rows.length + (readOnly ? 0 : 1));
  const listError = failure?.fieldErrors[field.name];
  return (
    <fieldset id={id} tabIndex={-1} aria-describedby={[field.hint ? `${id}-hint` : null, listError ? `${id}-error` : null].filter(Boolean).join(' ') || undefined}>
      <legend className="text-sm font-medium text-ink">{field.legend}</legend>
      {field.hint ? (
        <div id={`${id}-hint`} className="mt-1 text-sm text-neutral-600">
          {field.hint}
        </div>
      ) : null}
      <input type="hidden" name={field.name} value="" />
      <FieldError name={field.name} error={listError} />
      {rowCount === 0 ? <p className="mt-2 rounded-lg border border-dashed border-neutral-300 p-4 text-sm text-neutral-700">No questions yet.</p> : null}
      <div className="mt-3 space-y-4">
        {Array.from({ length: rowCount }, (_, index) => {
          const saved = field.rows[index];
          const name = (part: string) => `${field.name}.${index}.${part}`;
          const value = (part: 'id' | 'label' | 'mode') => (failure ? (failure.values[name(part)] ?? '') : (saved?.[part] ?? (part === 'mode' ? 'optional' : '')));
          return (
            <fieldset key={index} className="rounded-lg border border-neutral-200 p-4">
              <legend className="px-1 text-sm font-medium text-ink">{saved ? `Question ${index + 1}` : 'New question'}</legend>
              <div className="grid gap-4 sm:grid-cols-[12rem_1fr_10rem]">
                {saved ? (
                  <div>
                    <label htmlFor={fieldId(name('id'))} className="block text-sm font-medium text-ink">
                      Id
                    </label>
                    <input id={fieldId(name('id'))} name={name('id')} readOnly value={saved.id} className={`${controlClass(undefined)} bg-neutral-100 font-mono`} />
                  </div>
                ) : (
                  <TextField name={name('id')} label="Id" hint="e.g. vat_number" spellCheck={false} defaultValue={value('id')} error={failure?.fieldErrors[name('id')]} />
                )}
                <TextField name={name('label')} label="Question" defaultValue={value('label')} error={failure?.fieldErrors[name('label')]} />
                <Select field={{ kind: 'select', name: name('mode'), label: 'Asked', value: value('mode'), options: field.modes }} value={value('mode')} error={failure?.fieldErrors[name('mode')]} />
              </div>
            </fieldset>
          );
        })}
      </div>
    </fieldset>
  );
}

/** The wrapper of one settings group on a page: a heading and the form. */
export function SettingSection({ id, title, children, description }: { id: string; title: string; children: ReactNode; description?: ReactNode }) {
  return (
    <section aria-labelledby={id} className="space-y-4 rounded-lg border border-neutral-200 p-5">
      <h2 id={id} className="text-lg font-semibold text-ink">
        {title}
      </h2>
      {description ? <div className="max-w-3xl text-sm text-neutral-700">{description}</div> : null}
      {children}
    </section>
  );
}
