import { ZodError } from 'zod';
import { errorFrames, errorSummary } from './log/error-summary';
import { logLine } from './log/log-line';

export type TErrorCode = 'NOT_FOUND' | 'INVALID_INPUT' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'CONFLICT' | 'RATE_LIMITED';

/** The one error type with a message a person can read; everything else is a bug and is logged. */
export class AppError extends Error {
  constructor(
    readonly code: TErrorCode,
    readonly userMessage: string,
    readonly fieldErrors: Record<string, string> = {},
  ) {
    super(userMessage);
    this.name = 'AppError';
  }
}

export const notFound = (what = 'page') => new AppError('NOT_FOUND', `We could not find that ${what}.`);

export type TActionFailure = { ok: false; error: string; fieldErrors: Record<string, string> };

const statusByCode: Record<TErrorCode, number> = {
  NOT_FOUND: 404,
  INVALID_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  CONFLICT: 409,
  RATE_LIMITED: 429,
};

const GENERIC_MESSAGE = 'Something went wrong on our side. Please try again in a moment.';
const INVALID_INPUT_MESSAGE = 'Please correct the marked fields.';

/** A refused input: one message for the form, one per marked field. */
export const invalidInputFailure = (fieldErrors: Record<string, string>): TActionFailure => ({
  ok: false,
  error: INVALID_INPUT_MESSAGE,
  fieldErrors,
});

/**
 * The field errors of an action's input schema, as the action wrapper receives them from
 * next-safe-action (every message per field, and those of the whole input apart): the first
 * message per field, the same choice as fieldErrorsFrom; a message about the whole input goes
 * under `form`, as fieldErrorsFrom files an issue without a path.
 */
export function describeInvalidInput(errors: { formErrors: string[]; fieldErrors: Partial<Record<string, string[]>> }): TActionFailure {
  const fields: Record<string, string> = {};
  for (const [field, messages] of Object.entries(errors.fieldErrors)) {
    if (messages?.[0]) fields[field] = messages[0];
  }
  if (errors.formErrors[0]) fields.form ??= errors.formErrors[0];
  return invalidInputFailure(fields);
}

/** Field errors from zod, keyed by the first path segment (the form field's name). */
export function fieldErrorsFrom(error: ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? 'form');
    fields[field] ??= issue.message;
  }
  return fields;
}

/** Maps any thrown value to what a form or a route handler shows; the one place this happens. */
export function describeError(error: unknown): { status: number; failure: TActionFailure } {
  if (error instanceof AppError) {
    return { status: statusByCode[error.code], failure: { ok: false, error: error.userMessage, fieldErrors: error.fieldErrors } };
  }
  if (error instanceof ZodError) {
    return { status: 400, failure: invalidInputFailure(fieldErrorsFrom(error)) };
  }
  // Class, code and frames only: a database error's message repeats the query's parameters (checklist 33).
  logLine('error', 'error', `${errorSummary(error)} ${errorFrames(error)}`);
  return { status: 500, failure: { ok: false, error: GENERIC_MESSAGE, fieldErrors: {} } };
}

export const toActionFailure = (error: unknown): TActionFailure => describeError(error).failure;

export function errorResponse(error: unknown): Response {
  const { status, failure } = describeError(error);
  return Response.json({ error: failure.error, fieldErrors: failure.fieldErrors }, { status });
}
