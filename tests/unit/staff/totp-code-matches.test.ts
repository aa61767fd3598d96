import { generateSecret, generateSync } from 'otplib';
import { describe, expect, it } from 'vitest';
import { matchingTotpStep, totpCodeMatches, totpStepAt } from '@/lib/staff/factors/totp';

const NOW_MS = 1_760_000_012_345;
const codeAt = (secret: string, ms: number) => generateSync({ secret, epoch: Math.floor(ms / 1000) });

describe('totpCodeMatches (checklist 19: otplib 13 verify answers an object, and { valid: false } is truthy)', () => {
  const secret = generateSecret();

  it('answers exactly false for a wrong code, not a truthy result object', () => {
    const right = codeAt(secret, NOW_MS);
    const wrong = right === '000000' ? '000001' : '000000';
    expect(totpCodeMatches(secret, wrong, NOW_MS)).toBe(false);
    expect(matchingTotpStep(secret, wrong, NOW_MS)).toBeNull();
  });

  it('answers exactly true for the current code, also typed with spaces', () => {
    const right = codeAt(secret, NOW_MS);
    expect(totpCodeMatches(secret, right, NOW_MS)).toBe(true);
    expect(totpCodeMatches(secret, `${right.slice(0, 3)} ${right.slice(3)}`, NOW_MS)).toBe(true);
    expect(matchingTotpStep(secret, right, NOW_MS)).toBe(totpStepAt(NOW_MS));
  });

  it('accepts the previous step, not the next one nor an older one', () => {
    expect(matchingTotpStep(secret, codeAt(secret, NOW_MS - 30_000), NOW_MS)).toBe(totpStepAt(NOW_MS) - 1);
    expect(totpCodeMatches(secret, codeAt(secret, NOW_MS + 30_000), NOW_MS)).toBe(false);
    expect(totpCodeMatches(secret, codeAt(secret, NOW_MS - 60_000), NOW_MS)).toBe(false);
  });

  it('answers false, without throwing, for malformed codes and secrets', () => {
    for (const code of ['', '12345', '1234567', 'abcdef', '12 34 5']) expect(totpCodeMatches(secret, code, NOW_MS)).toBe(false);
    expect(totpCodeMatches('not a secret', codeAt(secret, NOW_MS), NOW_MS)).toBe(false);
  });
});
