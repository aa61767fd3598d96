import { runtimeEnv } from '@/lib/env';

const levels = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 } as const;

type TLogLevel = 'debug' | 'info' | 'warn' | 'error';

/** One line per event, prefixed with its scope, filtered by STOCKROOM_LOG_LEVEL. */
export function logLine(level: TLogLevel, scope: string, message: string) {
  if (levels[level] < levels[runtimeEnv().STOCKROOM_LOG_LEVEL]) return;
  const line = `[${scope}] ${oneLine(message)}`;
  if (level === 'error') console.error(line);
  else if (level === 'warn') console.warn(line);
  else console.log(line);
}

/** Collapses line breaks and long runs of whitespace so an error stays on one log line. */
export function oneLine(text: string, maxLength = 500): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > maxLength ? `${flat.slice(0, maxLength - 1)}…` : flat;
}
