/**
 * What a log line may say about an unexpected error: its class, the database's error code and where
 * it was thrown. Never its message: drizzle's message repeats the query's parameters (an e-mail
 * address, a name, a password hash), and other libraries quote their input.
 */
export function errorSummary(error: unknown): string {
  if (!(error instanceof Error)) return typeof error;
  const codes = [error, error.cause]
    .map((candidate) => (candidate && typeof candidate === 'object' && 'code' in candidate ? String(candidate.code) : null))
    .filter((code): code is string => Boolean(code) && /^[A-Z0-9_]{1,32}$/i.test(code!));
  const name = error.name === 'Error' && error.constructor.name ? error.constructor.name : error.name;
  return [name, ...codes].join(' ');
}

/** The stack's frames (file and line), without the message line that may carry personal values. */
export function errorFrames(error: unknown, depth = 6): string {
  if (!(error instanceof Error) || !error.stack) return '';
  return error.stack
    .split('\n')
    .filter((line) => line.trimStart().startsWith('at '))
    .slice(0, depth)
    .map((line) => line.trim())
    .join(' | ');
}
