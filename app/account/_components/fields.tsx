import type { ReactNode } from 'react';

/** Ids derived from a field's name, so the error summary can link to the field it names. */
export const fieldId = (name: string) => `field-${name}`;
const hintId = (name: string) => `${fieldId(name)}-hint`;
const errorId = (name: string) => `${fieldId(name)}-error`;

const describedBy = (name: string, hint: boolean, error: boolean) =>
  [hint ? hintId(name) : null, error ? errorId(name) : null].filter(Boolean).join(' ') || undefined;

const inputBase =
  'mt-1 block w-full rounded-md border bg-white px-3 py-2 text-base text-ink shadow-sm placeholder:text-neutral-500 focus:border-brand-700 sm:text-sm';
const inputBorder = (invalid: boolean) => (invalid ? 'border-red-700 ring-1 ring-red-700' : 'border-neutral-500');

function Label({ htmlFor, label, optional }: { htmlFor: string; label: string; optional?: boolean }) {
  return (
    <label htmlFor={htmlFor} className="block text-sm font-medium text-ink">
      {label}
      {optional ? <span className="font-normal text-neutral-600"> (optional)</span> : null}
    </label>
  );
}

function Hint({ name, children }: { name: string; children: ReactNode }) {
  return (
    <div id={hintId(name)} className="mt-1 text-sm text-neutral-600">
      {children}
    </div>
  );
}

export function FieldError({ name, error }: { name: string; error?: string }) {
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
  label: string;
  defaultValue?: string;
  error?: string;
  hint?: ReactNode;
  optional?: boolean;
  type?: 'text' | 'tel' | 'password';
  autoComplete?: string;
  maxLength?: number;
  className?: string;
  inputClassName?: string;
};

export function TextField({ name, label, defaultValue, error, hint, optional, type = 'text', autoComplete, maxLength, className, inputClassName }: TTextFieldProps) {
  return (
    <div className={className}>
      <Label htmlFor={fieldId(name)} label={label} optional={optional} />
      {hint ? <Hint name={name}>{hint}</Hint> : null}
      <input
        id={fieldId(name)}
        name={name}
        type={type}
        defaultValue={defaultValue}
        autoComplete={autoComplete}
        maxLength={maxLength}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(name, Boolean(hint), Boolean(error))}
        className={`${inputBase} ${inputBorder(Boolean(error))} ${inputClassName ?? ''}`}
      />
      <FieldError name={name} error={error} />
    </div>
  );
}

export function SelectField({
  name,
  label,
  options,
  defaultValue,
  error,
  optional,
  autoComplete,
  emptyLabel,
  className,
}: {
  name: string;
  label: string;
  options: { value: string; label: string }[];
  defaultValue?: string;
  error?: string;
  optional?: boolean;
  autoComplete?: string;
  emptyLabel: string;
  className?: string;
}) {
  return (
    <div className={className}>
      <Label htmlFor={fieldId(name)} label={label} optional={optional} />
      <select
        id={fieldId(name)}
        name={name}
        defaultValue={defaultValue ?? ''}
        autoComplete={autoComplete}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(name, false, Boolean(error))}
        className={`${inputBase} ${inputBorder(Boolean(error))}`}
      >
        <option value="">{emptyLabel}</option>
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

/** A yes/no question as a radio group; an optional one also offers "No answer". */
export function YesNoField({ name, label, defaultValue, error, optional }: { name: string; label: string; defaultValue?: string; error?: string; optional?: boolean }) {
  const choices = [
    { value: 'yes', label: 'Yes' },
    { value: 'no', label: 'No' },
    ...(optional ? [{ value: '', label: 'No answer' }] : []),
  ];
  return (
    <fieldset aria-describedby={describedBy(name, false, Boolean(error))}>
      <legend className="text-sm font-medium text-ink">
        {label}
        {optional ? <span className="font-normal text-neutral-600"> (optional)</span> : null}
      </legend>
      <div className="mt-2 flex flex-wrap gap-x-6 gap-y-2">
        {choices.map((choice, index) => {
          const id = index === 0 ? fieldId(name) : `${fieldId(name)}-${choice.value || 'none'}`;
          return (
            <div key={choice.value} className="flex items-center gap-2">
              <input
                id={id}
                type="radio"
                name={name}
                value={choice.value}
                defaultChecked={(defaultValue ?? '') === choice.value}
                className="size-4 border-neutral-500 accent-brand-700"
              />
              <label htmlFor={id} className="text-sm text-ink">
                {choice.label}
              </label>
            </div>
          );
        })}
      </div>
      <FieldError name={name} error={error} />
    </fieldset>
  );
}
