import type { ReactNode } from 'react';

/**
 * Form fields for the account pages: a visible label for every field, the hint and the error tied to
 * the field with aria-describedby, aria-invalid while it has an error. Plain components: they render
 * the same in server and client components. Styling is Tailwind classes only (the CSP allows no
 * inline styles).
 */

export const fieldId = (name: string) => `field-${name}`;
const hintId = (name: string) => `${fieldId(name)}-hint`;
const errorId = (name: string) => `${fieldId(name)}-error`;

const describedBy = (name: string, hint: ReactNode, error: string | undefined) =>
  [hint ? hintId(name) : null, error ? errorId(name) : null].filter(Boolean).join(' ') || undefined;

const inputClass = (error: string | undefined) =>
  [
    'mt-1 block w-full rounded-md border bg-white px-3 py-2 text-base text-ink shadow-sm',
    error ? 'border-red-700' : 'border-neutral-500',
  ].join(' ');

function Label({ htmlFor, children, optional }: { htmlFor: string; children: ReactNode; optional?: boolean }) {
  return (
    <label htmlFor={htmlFor} className="block text-sm font-medium text-ink">
      {children}
      {optional ? <span className="font-normal text-neutral-600"> (optional)</span> : null}
    </label>
  );
}

function Hint({ name, children }: { name: string; children: ReactNode }) {
  return (
    <p id={hintId(name)} className="mt-1 text-sm text-neutral-600">
      {children}
    </p>
  );
}

export function FieldError({ name, error }: { name: string; error: string | undefined }) {
  if (!error) return null;
  return (
    <p id={errorId(name)} className="mt-1 text-sm font-medium text-red-700">
      <span className="sr-only">Error: </span>
      {error}
    </p>
  );
}

type TTextFieldProps = {
  name: string;
  label: ReactNode;
  type?: 'text' | 'email' | 'password' | 'tel';
  autoComplete?: string;
  required?: boolean;
  optional?: boolean;
  hint?: ReactNode;
  error?: string;
  defaultValue?: string;
  spellCheck?: boolean;
};

export function TextField({ name, label, type = 'text', autoComplete, required, optional, hint, error, defaultValue, spellCheck }: TTextFieldProps) {
  return (
    <div>
      <Label htmlFor={fieldId(name)} optional={optional}>
        {label}
      </Label>
      {hint ? <Hint name={name}>{hint}</Hint> : null}
      <input
        id={fieldId(name)}
        name={name}
        type={type}
        autoComplete={autoComplete}
        required={required}
        defaultValue={defaultValue}
        spellCheck={spellCheck}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(name, hint, error)}
        className={inputClass(error)}
      />
      <FieldError name={name} error={error} />
    </div>
  );
}

type TSelectFieldProps = {
  name: string;
  label: ReactNode;
  options: Array<{ value: string; label: string }>;
  placeholder: string;
  autoComplete?: string;
  optional?: boolean;
  error?: string;
  defaultValue?: string;
};

export function SelectField({ name, label, options, placeholder, autoComplete, optional, error, defaultValue }: TSelectFieldProps) {
  return (
    <div>
      <Label htmlFor={fieldId(name)} optional={optional}>
        {label}
      </Label>
      <select
        id={fieldId(name)}
        name={name}
        autoComplete={autoComplete}
        defaultValue={defaultValue ?? ''}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(name, null, error)}
        className={inputClass(error)}
      >
        <option value="">{placeholder}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <FieldError name={name} error={error} />
    </div>
  );
}

type TCheckboxFieldProps = {
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  defaultChecked?: boolean;
};

export function CheckboxField({ name, label, hint, error, defaultChecked }: TCheckboxFieldProps) {
  return (
    <div>
      <div className="flex items-start gap-3">
        <input
          id={fieldId(name)}
          name={name}
          type="checkbox"
          defaultChecked={defaultChecked}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(name, hint, error)}
          className="mt-0.5 h-5 w-5 shrink-0 accent-brand-700"
        />
        <div>
          <label htmlFor={fieldId(name)} className="text-sm text-ink">
            {label}
          </label>
          {hint ? <Hint name={name}>{hint}</Hint> : null}
        </div>
      </div>
      <FieldError name={name} error={error} />
    </div>
  );
}

/** The id of one option of a radio group: the error summary links to the first. */
export const radioId = (name: string, value: string) => `${fieldId(name)}-${value}`;

type TRadioGroupProps = {
  name: string;
  legend: ReactNode;
  options: Array<{ value: string; label: ReactNode }>;
  required?: boolean;
  optional?: boolean;
  hint?: ReactNode;
  error?: string;
  defaultValue?: string;
  inline?: boolean;
};

export function RadioGroup({ name, legend, options, required, optional, hint, error, defaultValue, inline }: TRadioGroupProps) {
  return (
    <fieldset
      role="radiogroup"
      aria-labelledby={`${fieldId(name)}-legend`}
      aria-required={required ? true : undefined}
      aria-invalid={error ? true : undefined}
      aria-describedby={describedBy(name, hint, error)}
    >
      <legend id={`${fieldId(name)}-legend`} className="text-sm font-medium text-ink">
        {legend}
        {optional ? <span className="font-normal text-neutral-600"> (optional)</span> : null}
      </legend>
      {hint ? <Hint name={name}>{hint}</Hint> : null}
      <div className={inline ? 'mt-2 flex gap-6' : 'mt-2 space-y-3'}>
        {options.map((option) => (
          <div key={option.value} className="flex items-start gap-3">
            <input
              id={radioId(name, option.value)}
              name={name}
              type="radio"
              value={option.value}
              required={required}
              defaultChecked={defaultValue === option.value}
              className="mt-0.5 h-5 w-5 shrink-0 accent-brand-700"
            />
            <label htmlFor={radioId(name, option.value)} className="text-sm text-ink">
              {option.label}
            </label>
          </div>
        ))}
      </div>
      <FieldError name={name} error={error} />
    </fieldset>
  );
}

export function Notice({ tone = 'info', children }: { tone?: 'info' | 'success'; children: ReactNode }) {
  const colours = tone === 'success' ? 'border-brand-600 bg-brand-50' : 'border-neutral-300 bg-neutral-50';
  return (
    <div role="status" className={`rounded-md border px-4 py-3 text-sm text-ink ${colours}`}>
      {children}
    </div>
  );
}

export function PageShell({ title, intro, children, wide }: { title: string; intro?: ReactNode; children: ReactNode; wide?: boolean }) {
  return (
    <div className={`mx-auto px-4 py-10 sm:px-6 ${wide ? 'max-w-2xl' : 'max-w-md'}`}>
      <h1 className="text-2xl font-semibold tracking-tight text-ink">{title}</h1>
      {intro ? <div className="mt-2 text-neutral-700">{intro}</div> : null}
      <div className="mt-6">{children}</div>
    </div>
  );
}

export const linkClass = 'font-medium text-brand-700 underline underline-offset-2 hover:text-brand-800';
