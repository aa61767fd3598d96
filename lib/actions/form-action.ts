import 'server-only';
import { describeInvalidInput, type TActionFailure } from '@/lib/errors';
import type { TFormFailure, TFormState } from './form-state';

/** A password is never sent back to a form, whatever the action says to keep. */
const NEVER_KEPT = /password/i;

/** What a next-safe-action action built by ./action-client.ts answers. */
type TSafeActionAnswer<TData> = {
  data?: TData;
  serverError?: TActionFailure;
  validationErrors?: { formErrors: string[]; fieldErrors: Partial<Record<string, string[]>> };
};

type TFormActionOptions = {
  /** Fields whose submitted values go back to the form after a refusal, so the person need not type them again. */
  keep?: (field: string) => boolean;
};

/**
 * Turns an action of ./action-client.ts into what useActionState calls: (previous state, FormData)
 * → the form's next state. Success: `{ ok: true, …what the action returned }`. Refusal: the
 * failure from lib/errors.ts plus the kept values. Next's redirect() and notFound() are thrown on
 * by next-safe-action and are not caught here.
 */
export function formAction<TData extends object>(
  action: (input: FormData) => Promise<TSafeActionAnswer<TData>>,
  options: TFormActionOptions = {},
): (previous: TFormState<TData>, formData: FormData) => Promise<TFormState<TData>> {
  return async (_previous, formData) => {
    const answer = await action(formData);
    if (answer.validationErrors) return withValues(describeInvalidInput(answer.validationErrors), formData, options.keep);
    if (answer.serverError) return withValues(answer.serverError, formData, options.keep);
    return { ...(answer.data as TData), ok: true };
  };
}

/**
 * For a plain <form action> with no state to show a refusal in (sign-out): a failure goes on to
 * the error page, with the message lib/errors.ts chose.
 */
export function plainFormAction(action: () => Promise<TSafeActionAnswer<unknown>>): (formData: FormData) => Promise<void> {
  return async () => {
    const answer = await action();
    const failure = answer.validationErrors ? describeInvalidInput(answer.validationErrors) : answer.serverError;
    if (failure) throw new Error(failure.error);
  };
}

function withValues(failure: TActionFailure, formData: FormData, keep: (field: string) => boolean = () => false): TFormFailure {
  const values: Record<string, string> = {};
  for (const [name, value] of formData) {
    if (typeof value === 'string' && keep(name) && !NEVER_KEPT.test(name)) values[name] = value.slice(0, 1000);
  }
  return { ...failure, values };
}
