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
export type TActionResult<T = undefined> = ({ ok: true } & (T extends undefined ? object : { data: T })) | TActionFailure;

const statusByCode: Record<TErrorCode, number> = {
  NOT_FOUND: 404,
  INVALID_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  CONFLICT: 409,
  RATE_LIMITED: 429,
};

const GENERIC_MESSAGE = 'Something went wrong on our side. Please try again in a moment.';

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
    return {
      status: 400,
      failure: { ok: false, error: 'Please correct the marked fields.', fieldErrors: fieldErrorsFrom(error) },
    };
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
