import 'server-only';
import { z } from 'zod';

/**
 * The text fields of a submitted form as a plain object. Files are dropped (no form here sends
 * one); for a repeated name the last value counts, as with Object.fromEntries; React's own
 * `$ACTION_…` fields are not part of the form.
 */
export function formFields(formData: FormData): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [name, value] of formData) {
    if (typeof value === 'string' && !name.startsWith('$ACTION')) fields[name] = value;
  }
  return fields;
}

const toFields = (input: unknown) => (input instanceof FormData ? formFields(input) : input);

/** FormData → object → `schema`: the action receives the schema's output. */
export const formInput = <TSchema extends z.ZodType>(schema: TSchema) => z.preprocess(toFields, schema);

/** The form as submitted: every field text. For use cases that take the submitted form and parse it with their own schema. */
export const ZSubmittedForm = z.record(z.string(), z.string());

/**
 * The form as submitted, refused unless `schema` accepts it. For a use case that parses the form
 * itself with that same schema: the action refuses bad input before calling anything, and the
 * use case still gets the fields as they were sent (the schema's output, with its empty-to-null
 * and yes/no transforms, is not something it can parse again).
 */
export const checkedForm = <TSchema extends z.ZodType>(schema: TSchema) =>
  z.preprocess(
    toFields,
    ZSubmittedForm.superRefine(async (form, context) => {
      const result = await schema.safeParseAsync(form);
      if (result.success) return;
      for (const issue of result.error.issues) context.addIssue({ code: 'custom', path: issue.path, message: issue.message });
    }),
  );
