import { afterEach, describe, expect, it, vi } from 'vitest';
import { errorFrames, errorSummary } from '@/lib/log/error-summary';
import { logLine, oneLine } from '@/lib/log/log-line';

afterEach(() => vi.restoreAllMocks());

describe('log lines', () => {
  it('cannot be split by CR/LF in a value (log injection)', () => {
    const written: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((line: string) => written.push(line));
    logLine('error', 'test', 'user said\r\n[auth] admin signed in\nok');
    expect(written).toEqual(['[test] user said [auth] admin signed in ok']);
  });

  it('caps very long values', () => {
    expect(oneLine('x'.repeat(10_000)).length).toBe(500);
  });

  it('describes a database error by class and code, never by its message (which repeats query parameters)', () => {
    const error = Object.assign(new Error('Failed query: insert into users ... params: dana@example.test,$2b$12$hash'), { code: '23505' });
    const summary = `${errorSummary(error)} ${errorFrames(error)}`;
    expect(summary).toContain('23505');
    expect(summary).not.toContain('dana@example.test');
    expect(summary).not.toContain('$2b$12$');
  });
});
