import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors';
import { assertHeaderSafe, isHeaderSafe, parseRecipient } from '@/lib/mail/headers';

describe('mail header values', () => {
  it('accepts an address, with or without a display name', () => {
    expect(parseRecipient('anna@example.test')).toEqual({ address: 'anna@example.test' });
    expect(parseRecipient({ address: 'anna@example.test', name: '  Anna "A" Example ' })).toEqual({
      address: 'anna@example.test',
      name: 'Anna "A" Example',
    });
    expect(parseRecipient({ address: 'anna@example.test', name: '' })).toEqual({ address: 'anna@example.test' });
  });

  it.each([
    ['CR/LF', 'anna@example.test\r\nBcc: thief@example.test'],
    ['LF', 'anna@example.test\nBcc: thief@example.test'],
    ['CR', 'anna@example.test\rBcc: thief@example.test'],
    ['a trailing newline', 'anna@example.test\n'],
    ['two addresses', 'anna@example.test, thief@example.test'],
    ['a display name in the address', 'Anna <anna@example.test>'],
    ['no domain', 'anna'],
    ['nothing', ''],
  ])('refuses an address with %s', (_label, address) => {
    expect(() => parseRecipient(address)).toThrow(AppError);
    expect(() => parseRecipient({ address, name: 'Anna' })).toThrow(AppError);
  });

  it.each([
    ['CR/LF', 'Anna\r\nBcc: thief@example.test'],
    ['LF', 'Anna\nBcc: thief@example.test'],
    ['NUL', 'Anna\u0000'],
    ['a Unicode line separator', 'Anna\u2028Bcc: thief@example.test'],
  ])('refuses a display name with %s', (_label, name) => {
    expect(() => parseRecipient({ address: 'anna@example.test', name })).toThrow(AppError);
  });

  it('refuses a subject or sender with a line break', () => {
    expect(isHeaderSafe('Reset your password')).toBe(true);
    expect(() => assertHeaderSafe('subject', 'Reset\r\nBcc: thief@example.test')).toThrow(/subject/);
    expect(() => assertHeaderSafe('from', 'Shop <no-reply@example.test>\n')).toThrow(/from/);
    expect(() => assertHeaderSafe('subject', 'A & B <ok>')).not.toThrow();
  });
});
