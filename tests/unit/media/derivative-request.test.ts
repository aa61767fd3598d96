import { describe, expect, it } from 'vitest';
import { matchesEtag, ZImageIdParam } from '@/lib/media/derivative-request';

describe('image id in a media URL', () => {
  it.each([
    ['1', 1],
    ['42', 42],
    ['9007199254740991', 9007199254740991],
  ])('accepts %s', (raw, id) => {
    expect(ZImageIdParam.parse(raw)).toBe(id);
  });

  it.each(['', '0', '-1', '01', '1.0', '1e3', ' 1', '1 ', '1;drop', '../x', '%2e%2e%2f', '0x10', '9007199254740993', '12345678901234567', 'ab'.repeat(16), '１'])(
    'rejects %j',
    (raw) => {
      expect(ZImageIdParam.safeParse(raw).success).toBe(false);
    },
  );
});

describe('If-None-Match', () => {
  const etag = '"abc"';
  it.each([
    ['"abc"', true],
    ['W/"abc"', true],
    ['"x", "abc"', true],
    ['*', true],
    ['"abd"', false],
    ['abc', false],
    ['', false],
  ])('%j matches: %s', (header, expected) => {
    expect(matchesEtag(header, etag)).toBe(expected);
  });

  it('is false without the header', () => {
    expect(matchesEtag(null, etag)).toBe(false);
  });
});
