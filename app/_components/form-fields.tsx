import type { ReactNode } from 'react';

/**
 * Form fields for the sign-in, registration and My Account pages: a visible label for every field,
 * the hint and the error tied to the field with aria-describedby, aria-invalid while it has an
 * error. Ids come from the field's name (`field-${name}`), so an error summary can link to the field
 * it names. Plain components: they render the same in server and client components. Styling is
 * Tailwind classes only (the CSP allows no inline styles).
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

/** A <div>, not a <p>: a hint may be a list (the password rules). */
function Hint({ name, children }: { name: string; children: ReactNode }) {
  return (
    <div id={hintId(name)} className="mt-1 text-sm text-neutral-600">
      {children}
    </div>
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
  type?: 'text' | 'email' | 'password' | 'tel' | 'date';
  autoComplete?: string;
  required?: boolean;
  optional?: boolean;
  hint?: ReactNode;
  error?: string;
  defaultValue?: string;
  spellCheck?: boolean;
  maxLength?: number;
  /** `numeric` for PINs and one-time codes: a number pad on phones, still a text field (leading zeros stay). */
  inputMode?: 'numeric' | 'text';
  /** Classes for the wrapper (label, input, hint and error), e.g. a narrower width. */
  className?: string;
};

export function TextField({ name, label, type = 'text', autoComplete, required, optional, hint, error, defaultValue, spellCheck, maxLength, inputMode, className }: TTextFieldProps) {
  return (
    <div className={className}>
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
        maxLength={maxLength}
        inputMode={inputMode}
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
  /** The label of the empty first option. */
  placeholder: string;
  autoComplete?: string;
  optional?: boolean;
  error?: string;
  defaultValue?: string;
  /** Classes for the wrapper (label, select and error), e.g. a narrower width. */
  className?: string;
};

export function SelectField({ name, label, options, placeholder, autoComplete, optional, error, defaultValue, className }: TSelectFieldProps) {
  return (
    <div className={className}>
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
  /** `id` replaces the option's usual id, radioId(name, value). */
  options: Array<{ value: string; label: ReactNode; id?: string }>;
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
        {options.map((option) => {
          const id = option.id ?? radioId(name, option.value);
          return (
            <div key={option.value} className="flex items-start gap-3">
              <input
                id={id}
                name={name}
                type="radio"
                value={option.value}
                required={required}
                defaultChecked={defaultValue === option.value}
                className="mt-0.5 h-5 w-5 shrink-0 accent-brand-700"
              />
              <label htmlFor={id} className="text-sm text-ink">
                {option.label}
              </label>
            </div>
          );
        })}
      </div>
      <FieldError name={name} error={error} />
    </fieldset>
  );
}

type TYesNoFieldProps = { name: string; label: ReactNode; defaultValue?: string; error?: string; optional?: boolean };

/**
 * A yes/no question (My Account's custom fields) as an inline radio group; an optional one also
 * offers "No answer" (an empty value), ticked while nothing is saved. "Yes" carries the field's own
 * id, so a summary link to `#field-${name}` lands on it; the others are `-no` and `-none`.
 */
export function YesNoField({ name, label, defaultValue, error, optional }: TYesNoFieldProps) {
  return (
    <RadioGroup
      name={name}
      legend={label}
      inline
      optional={optional}
      options={[
        { value: 'yes', label: 'Yes', id: fieldId(name) },
        { value: 'no', label: 'No' },
        ...(optional ? [{ value: '', label: 'No answer', id: radioId(name, 'none') }] : []),
      ]}
      defaultValue={defaultValue ?? ''}
      error={error}
    />
  );
}

type TTextAreaFieldProps = {
  name: string;
  label: ReactNode;
  optional?: boolean;
  hint?: ReactNode;
  error?: string;
  defaultValue?: string;
  maxLength?: number;
  rows?: number;
};

/** A multi-line TextField: the same label, hint and error wiring. */
export function TextAreaField({ name, label, optional, hint, error, defaultValue, maxLength, rows = 4 }: TTextAreaFieldProps) {
  return (
    <div>
      <Label htmlFor={fieldId(name)} optional={optional}>
        {label}
      </Label>
      {hint ? <Hint name={name}>{hint}</Hint> : null}
      <textarea
        id={fieldId(name)}
        name={name}
        rows={rows}
        defaultValue={defaultValue}
        maxLength={maxLength}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(name, hint, error)}
        className={inputClass(error)}
      />
      <FieldError name={name} error={error} />
    </div>
  );
}
